using System.Runtime.CompilerServices;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Broker;
using Microsoft.Extensions.Options;

namespace Catalyst.Simulation.Tests;

/// <summary>A simulated broker on a fake clock, fed by a market whose bars the test writes and a heartbeat the test beats.</summary>
internal sealed class BrokerTestHarness : IDisposable
{
    public static readonly DateOnly Monday = new(2025, 3, 10);
    public static readonly Symbol Aapl = Symbol.Parse("AAPL");
    public static readonly Symbol Tsla = Symbol.Parse("TSLA");

    public BrokerTestHarness(DateOnly? day = null, decimal startingCash = 100_000m, decimal slippageBps = 5m,
        TimeOnly? start = null)
    {
        Day = day ?? Monday;
        Clock = new ManualClock(MarketTime.AtEastern(Day, start ?? new TimeOnly(9, 30)));
        Market = new FakeMarket(Clock);
        Broker = new SimulatedBroker(Clock, Market, Heartbeat, Options.Create(new SimulatedBrokerOptions
        {
            StartingCash = startingCash,
            SlippageBps = slippageBps,
        }));
    }

    public DateOnly Day { get; }
    public ManualClock Clock { get; }
    public FakeMarket Market { get; }
    public FakeHeartbeat Heartbeat { get; } = new();
    public SimulatedBroker Broker { get; }

    public DateTimeOffset Et(int hour, int minute, int second = 0) => MarketTime.AtEastern(Day, new TimeOnly(hour, minute, second));

    /// <summary>Beats every whole minute after the clock's current instant up to and including <paramref name="until"/>.</summary>
    public async Task RunUntilAsync(DateTimeOffset until)
    {
        var now = Clock.GetUtcNow();
        var next = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        for (var beat = next; beat <= until; beat = beat.AddMinutes(1))
        {
            Clock.SetUtcNow(beat);
            await Heartbeat.BeatAsync(beat);
        }
        if (Clock.GetUtcNow() < until) Clock.SetUtcNow(until);
    }

    public void Bar(Symbol symbol, int hour, int minute, decimal open, decimal high, decimal low, decimal close, long volume = 1_000_000) =>
        Market.Add(symbol, new Bar(Et(hour, minute), open, high, low, close, volume));

    public Task<BrokerOrder> SubmitAsync(OrderRequest request) => Broker.SubmitOrderAsync(request, CancellationToken.None);

    public static OrderRequest MarketOrder(Symbol symbol, OrderSide side, decimal qty, string clientId, TimeInForce tif = TimeInForce.Day) =>
        new(symbol, side, qty, OrderType.Market, tif, clientId);

    public void Dispose() => Broker.Dispose();
}

/// <summary>Minute bars the test wrote; like the real simulated market it never shows a bar before it has completed.</summary>
internal sealed class FakeMarket(TimeProvider clock) : IMarketDataPort
{
    private readonly Dictionary<Symbol, List<Bar>> _bars = [];
    private readonly Dictionary<Symbol, decimal> _prices = [];

    public void Add(Symbol symbol, Bar bar)
    {
        if (!_bars.TryGetValue(symbol, out var list)) _bars[symbol] = list = [];
        list.Add(bar);
        list.Sort((a, b) => a.Time.CompareTo(b.Time));
    }

    /// <summary>The price quoted before any of the symbol's bars has completed.</summary>
    public void SetPrice(Symbol symbol, decimal price) => _prices[symbol] = price;

    public Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>> GetBarsAsync(BarsRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var result = new Dictionary<Symbol, IReadOnlyList<Bar>>();
        foreach (var symbol in request.Symbols)
            if (_bars.TryGetValue(symbol, out var list))
                result[symbol] = list.Where(b => b.Time >= request.Start && b.Time <= request.End && b.Time.AddMinutes(1) <= now).ToList();
        return Task.FromResult<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>>(result);
    }

    public Task<IReadOnlyDictionary<Symbol, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var result = new Dictionary<Symbol, Snapshot>();
        foreach (var symbol in symbols)
        {
            var last = _bars.GetValueOrDefault(symbol)?.LastOrDefault(b => b.Time.AddMinutes(1) <= now);
            decimal? price = last?.Close ?? (_prices.TryGetValue(symbol, out var p) ? p : null);
            if (price is { } known) result[symbol] = new Snapshot(symbol, new Trade(known, 100, now), null, last, null, null);
        }
        return Task.FromResult<IReadOnlyDictionary<Symbol, Snapshot>>(result);
    }

    public Task<IReadOnlyList<UniverseEntry>> GetUniverseAsync(int top, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UniverseEntry>>([]);

    public async IAsyncEnumerable<SymbolBar> StreamBarsAsync(IReadOnlyCollection<Symbol> symbols, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        yield break;
    }
}

internal sealed class FakeHeartbeat : IMarketHeartbeat
{
    private readonly List<(int Order, Func<DateTimeOffset, CancellationToken, Task> OnMinute)> _subscribers = [];

    public int Count => _subscribers.Count;

    public IDisposable Subscribe(string name, int order, Func<DateTimeOffset, CancellationToken, Task> onMinute)
    {
        var entry = (order, onMinute);
        _subscribers.Add(entry);
        return new Unsubscriber(() => _subscribers.Remove(entry));
    }

    public async Task BeatAsync(DateTimeOffset now)
    {
        foreach (var (_, onMinute) in _subscribers.OrderBy(s => s.Order).ToList())
            await onMinute(now, CancellationToken.None);
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

/// <summary>A clock that moves only when the test says so.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate) _now = value;
    }
}
