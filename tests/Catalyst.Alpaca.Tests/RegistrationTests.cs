using Catalyst.Alpaca.Tests.Support;
using Catalyst.SharedKernel;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Catalyst.Alpaca.Tests;

/// <summary>AddCatalystAlpaca: start-up checks, defaults by mode, and the registered HTTP clients end to end.</summary>
[TestFixture]
internal sealed class RegistrationTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static readonly (string, string?)[] Keys = [("Alpaca:KeyId", "AKLIVE"), ("Alpaca:SecretKey", "live-secret")];

    [TestCase(null)]
    [TestCase("yes")]
    [TestCase("i-accept-real-money-risk")]
    public void Live_without_the_exact_confirmation_refuses_to_start_and_says_what_to_set(string? confirm)
    {
        var config = Config([.. Keys, ("Catalyst:Live:Confirm", confirm)]);

        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCatalystAlpaca(config, live: true));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("Catalyst:Live:Confirm"));
            Assert.That(ex.Message, Does.Contain("Catalyst__Live__Confirm"));
            Assert.That(ex.Message, Does.Contain(CatalystModes.LiveConfirmationValue));
        });
    }

    [Test]
    public void Live_with_the_confirmation_uses_the_live_hosts_and_logs_a_banner()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCatalystAlpaca(Config([.. Keys, ("Catalyst:Live:Confirm", CatalystModes.LiveConfirmationValue)]), live: true);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<AlpacaOptions>();
        Assert.Multiple(() =>
        {
            Assert.That(options.TradingBaseUrl, Is.EqualTo(new Uri("https://api.alpaca.markets")));
            Assert.That(options.StreamBaseUrl, Is.EqualTo(new Uri("wss://api.alpaca.markets/stream")));
            Assert.That(provider.GetServices<IHostedService>().OfType<LiveTradingBanner>(), Is.Not.Empty);
        });
    }

    [Test]
    public void Paper_defaults_point_at_the_paper_and_data_hosts_with_the_iex_feed()
    {
        var options = AlpacaOptions.Load(Config(Keys), live: false);

        Assert.Multiple(() =>
        {
            Assert.That(options.TradingBaseUrl, Is.EqualTo(new Uri("https://paper-api.alpaca.markets")));
            Assert.That(options.DataBaseUrl, Is.EqualTo(new Uri("https://data.alpaca.markets")));
            Assert.That(options.StreamBaseUrl, Is.EqualTo(new Uri("wss://paper-api.alpaca.markets/stream")));
            Assert.That(options.DataStreamUrl, Is.EqualTo(new Uri("wss://stream.data.alpaca.markets/v2/iex")));
            Assert.That(options.NewsStreamUrl, Is.EqualTo(new Uri("wss://stream.data.alpaca.markets/v1beta1/news")));
            Assert.That(options.DataFeed, Is.EqualTo("iex"));
        });
    }

    [Test]
    public void Missing_keys_are_a_start_up_error_naming_both_settings()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCatalystAlpaca(Config(), live: false));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("Alpaca__KeyId"));
            Assert.That(ex.Message, Does.Contain("Alpaca__SecretKey"));
        });
    }

    [Test]
    public void Paper_registers_the_ports_and_a_real_time_heartbeat_that_is_also_the_hosted_service()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCatalystAlpaca(Config(Keys), live: false);
        using var provider = services.BuildServiceProvider();

        var heartbeat = provider.GetRequiredService<IMarketHeartbeat>();
        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<IBrokerPort>(), Is.InstanceOf<AlpacaBroker>());
            Assert.That(provider.GetRequiredService<IMarketDataPort>(), Is.InstanceOf<AlpacaMarketData>());
            Assert.That(provider.GetRequiredService<INewsPort>(), Is.InstanceOf<AlpacaNews>());
            Assert.That(heartbeat, Is.InstanceOf<RealTimeMarketHeartbeat>());
            Assert.That(provider.GetServices<IHostedService>(), Has.Member(heartbeat));
            Assert.That(provider.GetServices<IHostedService>().OfType<LiveTradingBanner>(), Is.Empty);
        });
    }

    [Test]
    public async Task Registered_clients_send_the_keys_retry_safe_reads_but_never_blindly_repeat_an_order_post()
    {
        using var fake = new AlpacaFake();
        fake.Server.Given(Request.Create().WithPath("/v2/account").UsingGet()).InScenario("flaky").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503));
        fake.Server.Given(Request.Create().WithPath("/v2/account").UsingGet()).InScenario("flaky").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Reference.Example("account.response.json")));
        fake.Answer("POST", "/v2/orders", 500, """{"code":50010000,"message":"internal server error"}""");
        fake.Answer("GET", "/v2/orders:by_client_order_id", 404, """{"code":40410000,"message":"order not found"}""");
        var services = new ServiceCollection().AddLogging();
        services.AddCatalystAlpaca(Config([("Alpaca:KeyId", AlpacaFake.KeyId), ("Alpaca:SecretKey", AlpacaFake.Secret),
            ("Alpaca:TradingBaseUrl", fake.Server.Url), ("Alpaca:DataBaseUrl", fake.Server.Url)]), live: false);
        await using var provider = services.BuildServiceProvider();
        var broker = provider.GetRequiredService<IBrokerPort>();

        var account = await broker.GetAccountAsync(CancellationToken.None);
        Assert.ThrowsAsync<SharedKernel.Errors.ServiceUnavailableException>(() => broker.SubmitOrderAsync(
            new OrderRequest(Symbol.Parse("AAPL"), OrderSide.Buy, 1m, OrderType.Market, TimeInForce.Day, "cat-di-1"), CancellationToken.None));

        var accountCall = fake.Requests.First(r => r.Path == "/v2/account");
        Assert.Multiple(() =>
        {
            Assert.That(account.AccountNumber, Is.EqualTo("PALPACA_123"), "the 503 on a GET was retried");
            Assert.That(fake.Requests.Count(r => r.Path == "/v2/account"), Is.EqualTo(2));
            Assert.That(accountCall.Headers!["APCA-API-KEY-ID"].ToString(), Is.EqualTo(AlpacaFake.KeyId));
            Assert.That(accountCall.Headers!["APCA-API-SECRET-KEY"].ToString(), Is.EqualTo(AlpacaFake.Secret));
            Assert.That(fake.Requests.Where(r => r.Path.StartsWith("/v2/orders", StringComparison.Ordinal)).OrderBy(r => r.DateTime)
                .Select(r => r.Method), Is.EqualTo(new[] { "POST", "GET", "POST" }), "each POST sent once; a lookup in between");
        });
    }
}
