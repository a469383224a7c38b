using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Trading.Book;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Catalyst.Modules.Trading.Tests;

/// <summary>What the Risk stand-in answers; tests that are not about Risk approve everything they send.</summary>
internal sealed class RiskScript
{
    public Func<ValidateTrade, RiskDecision> Decide { get; set; } = Approve;

    public ConcurrentQueue<ValidateTrade> Requests { get; } = new();

    public static RiskDecision Approve(ValidateTrade t) =>
        new(true, t.Quantity ?? 0m, 0m, 2000m, ["daily_loss_limit", "position_size_limit", "correlation_check", "max_positions"],
            null, null, null, null);
}

internal sealed class ScriptedRiskHandler(RiskScript script) : IRequestHandler<ValidateTrade, RiskDecision>
{
    public ValueTask<RiskDecision> Handle(ValidateTrade request, CancellationToken cancellationToken)
    {
        script.Requests.Enqueue(request);
        return ValueTask.FromResult(script.Decide(request));
    }
}

/// <summary>
/// The real Host on a fresh database with the simulated market and broker on a fixed date (seed 42, 2026-03-02), stepped
/// by the test. Risk is a scripted stand-in unless <c>realRisk</c> is asked for, so these tests are about Trading.
/// </summary>
internal sealed class TradingHarness : IAsyncDisposable
{
    public static readonly DateOnly Date = new(2026, 3, 2);

    private readonly List<string> _events = [];
    private ConnectionMultiplexer? _redis;

    private TradingHarness(CatalystApp app, RiskScript risk)
    {
        App = app;
        Risk = risk;
        Client = app.CreateApiClient();
    }

    public CatalystApp App { get; }
    public RiskScript Risk { get; }
    public HttpClient Client { get; }
    public SimulationSession Session => App.Services.GetRequiredService<SimulationSession>();
    public IBrokerPort Broker => App.Services.GetRequiredService<IBrokerPort>();

    public static async Task<TradingHarness> StartAsync(Action<CatalystAppOptions>? configure = null, bool realRisk = false,
        SimulationSession? session = null, IBrokerPort? broker = null)
    {
        var risk = new RiskScript();
        var app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:Seed"] = "42";
            o.Settings["Catalyst:Simulation:Date"] = Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            o.ConfigureServices = s =>
            {
                if (!realRisk)
                {
                    s.AddSingleton(risk);
                    s.Replace(ServiceDescriptor.Scoped<IRequestHandler<ValidateTrade, RiskDecision>, ScriptedRiskHandler>());
                }
                // A restart on the same market and broker: the broker outlives the crashed Host, as a real one does.
                if (session is not null) s.Replace(ServiceDescriptor.Singleton(session));
                if (broker is not null) s.Replace(ServiceDescriptor.Singleton(broker));
            };
            configure?.Invoke(o);
        });
        // The shared template may predate the latest migrations (this module's and Risk's, which these tests call).
        foreach (var db in app.Services.GetServices<IModuleDatabase>())
            await db.MigrateAsync(CancellationToken.None);
        var harness = new TradingHarness(app, risk);
        await harness.StartupReconciled.WaitAsync(TimeSpan.FromSeconds(30));
        return harness;
    }

    public Task StartupReconciled => App.Services.GetRequiredService<StartupReconciliation>().Completed;

    public async Task ListenAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var prefix = App.Database.Name + ":";
        foreach (var channel in new[] { "orders:updated", "positions:updated", "positions:closed" })
        {
            var name = channel;
            await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(prefix + channel), (_, message) =>
            {
                lock (_events) _events.Add(name + " " + message);
            });
        }
    }

    public IReadOnlyList<string> Events(string channel)
    {
        lock (_events) return _events.Where(e => e.StartsWith(channel + " ", StringComparison.Ordinal)).Select(e => e[(channel.Length + 1)..]).ToList();
    }

    public Task RunUntilEasternAsync(int hour, int minute) =>
        Session.RunUntilAsync(MarketTime.AtEastern(Date, new TimeOnly(hour, minute)));

    /// <summary>Symbols of the simulated universe priced between <paramref name="min"/> and <paramref name="max"/>, busiest first.</summary>
    public async Task<List<(Symbol Symbol, decimal Price)>> PickSymbolsAsync(int count, decimal min = 10m, decimal max = 150m)
    {
        var market = App.Services.GetRequiredService<IMarketDataPort>();
        var universe = await market.GetUniverseAsync(100, CancellationToken.None);
        var snapshots = await market.GetSnapshotsAsync(universe.Select(u => u.Symbol).ToList(), CancellationToken.None);
        return universe.Where(u => snapshots.TryGetValue(u.Symbol, out var s) && s.Price is { } p && p >= min && p <= max)
            .Select(u => (u.Symbol, snapshots[u.Symbol].Price!.Value))
            .Take(count).ToList();
    }

    public async Task<decimal> PriceAsync(Symbol symbol)
    {
        var market = App.Services.GetRequiredService<IMarketDataPort>();
        return (await market.GetSnapshotsAsync([symbol], CancellationToken.None))[symbol].Price!.Value;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, json);
    }

    public Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string url, object? body = null) =>
        SendAsync(HttpMethod.Post, url, body);

    public Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public async Task<JsonElement> OpenPositionAsync(Symbol symbol)
    {
        var (_, body) = await GetAsync("/api/v1/positions");
        return body.EnumerateArray().Single(p => p.GetProperty("symbol").GetString() == symbol.Value);
    }

    /// <summary>Steps the simulated market a minute at a time until <paramref name="done"/> holds (at most <paramref name="minutes"/>).</summary>
    public async Task<bool> StepUntilAsync(Func<Task<bool>> done, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            if (await done()) return true;
            if (!await Session.StepAsync()) return false;
        }
        return await done();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_redis is not null) await _redis.DisposeAsync();
        await App.DisposeAsync();
    }
}
