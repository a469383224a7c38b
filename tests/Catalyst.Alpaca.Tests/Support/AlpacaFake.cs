using Catalyst.Alpaca.Http;
using Catalyst.Alpaca.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Catalyst.Alpaca.Tests.Support;

/// <summary>A WireMock server on loopback standing in for Alpaca's REST hosts, and adapters pointed at it.</summary>
internal sealed class AlpacaFake : IDisposable
{
    public const string KeyId = "PKTEST-KEY-ID";
    public const string Secret = "test-secret-key";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public AlpacaOptions Options => new()
    {
        KeyId = KeyId,
        SecretKey = Secret,
        TradingBaseUrl = new Uri(Server.Url!),
        DataBaseUrl = new Uri(Server.Url!),
        StreamBaseUrl = new Uri("ws://127.0.0.1:1/stream"),
        DataStreamUrl = new Uri("ws://127.0.0.1:1/v2/iex"),
        NewsStreamUrl = new Uri("ws://127.0.0.1:1/v1beta1/news"),
        MaxRateLimitRetries = 2,
        MaxRateLimitWait = TimeSpan.FromSeconds(5),
    };

    public AlpacaBroker Broker()
    {
        var options = Options;
        return new AlpacaBroker(Rest(options, "BROKER"),
            new TradeUpdatesStream(options, TimeProvider.System, NullLogger<TradeUpdatesStream>.Instance),
            NullLogger<AlpacaBroker>.Instance);
    }

    public AlpacaMarketData MarketData()
    {
        var options = Options;
        return new AlpacaMarketData(Rest(options, "MARKET_DATA"),
            new BarsStream(options, TimeProvider.System, NullLogger<BarsStream>.Instance), options);
    }

    public AlpacaNews News()
    {
        var options = Options;
        return new AlpacaNews(Rest(options, "MARKET_DATA"),
            new NewsStream(options, TimeProvider.System, NullLogger<NewsStream>.Instance));
    }

    private AlpacaRestClient Rest(AlpacaOptions options, string source)
    {
        var http = new HttpClient();
        clients.Add(http);
        AlpacaRestClient.Configure(http, new Uri(Server.Url!), options);
        return new AlpacaRestClient(() => http, options, TimeProvider.System, NullLogger.Instance, source);
    }

    private readonly List<HttpClient> clients = [];

    public void Answer(string method, string path, int status, string body, Action<IResponseBuilder>? extra = null,
        Action<IRequestBuilder>? match = null, int priority = 10)
    {
        var request = Request.Create().WithPath(path).UsingMethod(method);
        match?.Invoke(request);
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        extra?.Invoke(response);
        Server.Given(request).AtPriority(priority).RespondWith(response);
    }

    public IReadOnlyList<IRequestMessage> Requests => Server.LogEntries.Select(e => e.RequestMessage).ToList();

    public IRequestMessage Single(string method, string path) =>
        Requests.Single(r => r.Method == method && r.Path == path);

    public static string Query(IRequestMessage request, string name) =>
        request.Query is { } query && query.TryGetValue(name, out var values) ? string.Join(",", values) : "";

    public void Dispose()
    {
        foreach (var client in clients) client.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
