using System.Net.Http.Json;
using System.Text.Json;
using Catalyst.Modules.Risk.Features.Actions;
using Catalyst.Modules.Risk.Features.Config;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Catalyst.Modules.Risk.Tests;

/// <summary>
/// The simulated broker with a dial on the account's equity: the day's P&amp;L is equity − last_equity, and a test needs
/// exact losses (−2,050.00) that real fills do not give. Positions, orders and fills are the simulated broker's own.
/// </summary>
internal sealed class AdjustableBroker(IBrokerPort inner) : IBrokerPort
{
    public decimal EquityOffset { get; set; }

    /// <summary>When set, replaces the broker's positions (tests that only need the picture, not fills).</summary>
    public IReadOnlyList<BrokerPosition>? PositionsOverride { get; set; }

    public IBrokerPort Inner => inner;

    public async Task<Account> GetAccountAsync(CancellationToken ct)
    {
        var account = await inner.GetAccountAsync(ct);
        return account with { Equity = account.Equity + EquityOffset };
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct) =>
        PositionsOverride ?? await inner.GetPositionsAsync(ct);

    public Task<MarketClock> GetClockAsync(CancellationToken ct) => inner.GetClockAsync(ct);
    public Task<IReadOnlyList<CalendarDay>> GetCalendarAsync(DateOnly start, DateOnly end, CancellationToken ct) => inner.GetCalendarAsync(start, end, ct);
    public Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken ct) => inner.SubmitOrderAsync(request, ct);
    public Task<BrokerOrder?> GetOrderAsync(string orderId, CancellationToken ct) => inner.GetOrderAsync(orderId, ct);
    public Task<BrokerOrder?> GetOrderByClientIdAsync(string clientOrderId, CancellationToken ct) => inner.GetOrderByClientIdAsync(clientOrderId, ct);
    public Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(bool openOnly, CancellationToken ct) => inner.GetOrdersAsync(openOnly, ct);
    public Task<BrokerOrder> ReplaceOrderAsync(string orderId, ReplaceOrderRequest request, CancellationToken ct) => inner.ReplaceOrderAsync(orderId, request, ct);
    public Task CancelOrderAsync(string orderId, CancellationToken ct) => inner.CancelOrderAsync(orderId, ct);
    public Task<IReadOnlyList<BulkItemResult>> CancelAllOrdersAsync(CancellationToken ct) => inner.CancelAllOrdersAsync(ct);
    public Task<BrokerPosition?> GetPositionAsync(Symbol symbol, CancellationToken ct) => inner.GetPositionAsync(symbol, ct);
    public Task<BrokerOrder> ClosePositionAsync(Symbol symbol, CancellationToken ct) => inner.ClosePositionAsync(symbol, ct);
    public Task<IReadOnlyList<BulkItemResult>> CloseAllPositionsAsync(bool cancelOrders, CancellationToken ct) => inner.CloseAllPositionsAsync(cancelOrders, ct);
    public IAsyncEnumerable<TradeUpdate> StreamTradeUpdatesAsync(CancellationToken ct) => inner.StreamTradeUpdatesAsync(ct);
}

/// <summary>
/// The simulated market with engineered daily histories for chosen symbols, so correlations are known: a "follower" gets
/// the leader's daily returns (times a sign), which makes their correlation exactly ±1.
/// </summary>
internal sealed class CorrelatedMarket(IMarketDataPort inner) : IMarketDataPort
{
    private readonly Dictionary<Symbol, (Symbol Leader, int Sign)> _followers = [];

    public void Follow(Symbol follower, Symbol leader, int sign) => _followers[follower] = (leader, sign);

    public async Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>> GetBarsAsync(BarsRequest request, CancellationToken ct)
    {
        if (request.Timeframe != BarTimeframe.OneDay || !request.Symbols.Any(_followers.ContainsKey)) return await inner.GetBarsAsync(request, ct);
        var leaders = request.Symbols.Select(s => _followers.TryGetValue(s, out var f) ? f.Leader : s).Distinct().ToList();
        var all = await inner.GetBarsAsync(request with { Symbols = [.. leaders, .. request.Symbols] }, ct);
        var result = new Dictionary<Symbol, IReadOnlyList<Bar>>();
        foreach (var symbol in request.Symbols)
        {
            if (!_followers.TryGetValue(symbol, out var f))
            {
                if (all.TryGetValue(symbol, out var own)) result[symbol] = own;
                continue;
            }
            var leaderBars = all[f.Leader];
            var bars = new List<Bar>(leaderBars.Count);
            var close = 50m;
            for (var i = 0; i < leaderBars.Count; i++)
            {
                if (i > 0) close *= 1m + f.Sign * (leaderBars[i].Close - leaderBars[i - 1].Close) / leaderBars[i - 1].Close;
                bars.Add(leaderBars[i] with { Open = close, High = close * 1.01m, Low = close * 0.99m, Close = close });
            }
            result[symbol] = bars;
        }
        return result;
    }

    public Task<IReadOnlyDictionary<Symbol, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct) =>
        inner.GetSnapshotsAsync(symbols, ct);

    public Task<IReadOnlyList<UniverseEntry>> GetUniverseAsync(int top, CancellationToken ct) => inner.GetUniverseAsync(top, ct);

    public IAsyncEnumerable<SymbolBar> StreamBarsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct) =>
        inner.StreamBarsAsync(symbols, ct);
}

/// <summary>Records the risk actions carried out instead of flattening through Trading (or fails on demand).</summary>
internal sealed class RecordingExecutor : IRiskActionExecutor
{
    private readonly List<(string Type, string Reason)> _executed = [];

    public bool Fail { get; set; }

    public IReadOnlyList<(string Type, string Reason)> Executed
    {
        get { lock (_executed) return [.. _executed]; }
    }

    public Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(string actionType, string reason, CancellationToken ct)
    {
        if (Fail) throw new InvalidOperationException("broker refused the close");
        lock (_executed) _executed.Add((actionType, reason));
        return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?> { ["positions_closed"] = 3 });
    }
}

/// <summary>A Workflow stand-in: whether a cycle runs and in which session mode.</summary>
internal sealed class FakeCycleProbe : ICycleProbe
{
    public bool Active { get; set; }
    public string SessionMode { get; set; } = "supervised";

    public Task<WorkflowStatusDto?> CurrentAsync(CancellationToken ct) => Task.FromResult<WorkflowStatusDto?>(Active
        ? new WorkflowStatusDto(Guid.NewGuid(), new DateOnly(2026, 3, 2), "trading", "morning", SessionMode, null, "test")
        : null);
}

internal static class RiskTestKit
{
    /// <summary>A Monday with a normal session; the simulated market of seed 7 on it.</summary>
    public static readonly DateOnly Day = new(2026, 3, 2);

    /// <summary>A temp copy of the parameters file for one app, with the given YAML (defaults when null).</summary>
    public static string ParametersFile(string? yaml = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "catalyst-risk-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "risk_parameters.yaml");
        if (yaml is not null) File.WriteAllText(file, yaml);
        return file;
    }

    public static async Task<CatalystApp> StartAsync(string parametersFile, Action<CatalystAppOptions>? configure = null)
    {
        var app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Risk:ParametersFile"] = parametersFile;
            o.Settings["Catalyst:Simulation:Date"] = Day.ToString("yyyy-MM-dd");
            o.Settings["Catalyst:Simulation:Seed"] = "7";
            configure?.Invoke(o);
        });
        // The shared template may predate this module's latest migration.
        foreach (var db in app.Services.GetServices<IModuleDatabase>().Where(d => d.Module == RiskModule.Name))
            await db.MigrateAsync(CancellationToken.None);
        return app;
    }

    /// <summary>Wraps the registered broker and market ports (the simulated ones) in the adjustable test decorators.</summary>
    public static void DecoratePorts(IServiceCollection services)
    {
        Decorate<IBrokerPort, AdjustableBroker>(services, inner => new AdjustableBroker(inner));
        Decorate<IMarketDataPort, CorrelatedMarket>(services, inner => new CorrelatedMarket(inner));
    }

    private static void Decorate<TService, TDecorator>(IServiceCollection services, Func<TService, TDecorator> wrap)
        where TService : class
        where TDecorator : class, TService
    {
        var original = services.Last(d => d.ServiceType == typeof(TService));
        services.AddSingleton(sp => wrap((TService)Create(original, sp)));
        services.Replace(ServiceDescriptor.Singleton<TService>(sp => sp.GetRequiredService<TDecorator>()));
    }

    private static object Create(ServiceDescriptor descriptor, IServiceProvider sp) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);

    public static async Task<(int Status, JsonElement Body)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(int Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrEmpty(text)) return default;
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
