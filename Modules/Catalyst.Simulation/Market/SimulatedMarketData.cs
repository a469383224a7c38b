using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Market;

/// <summary>
/// The market-data port over a <see cref="MarketDay"/>, seen through the virtual clock: nothing is visible before it has
/// happened (a minute bar starting at t is returned once now ≥ t + 1 min; today's daily bar only after the close).
/// </summary>
internal sealed class SimulatedMarketData : IMarketDataPort, IDisposable
{
    /// <summary>Heartbeat order: the market publishes the minute before the broker (10) and the modules (100+).</summary>
    public const int HeartbeatOrder = 0;

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly List<Channel<SymbolBar>> _streams = [];
    private readonly IDisposable _subscription;
    private DateTimeOffset _publishedUpTo;

    public SimulatedMarketData(MarketDay day, TimeProvider clock, IMarketHeartbeat heartbeat)
    {
        Day = day;
        _clock = clock;
        _publishedUpTo = clock.GetUtcNow();
        _subscription = heartbeat.Subscribe("simulated-market", HeartbeatOrder, PublishAsync);
    }

    public MarketDay Day { get; }

    /// <summary>The last completed minute bar of <paramref name="symbol"/> at the clock's now (for the simulated broker).</summary>
    public Bar? LastMinuteBar(Symbol symbol)
    {
        var day = Day.Find(symbol);
        if (day is null) return null;
        var completed = day.CompletedCount(_clock.GetUtcNow());
        return completed == 0 ? null : day.Minutes[completed - 1];
    }

    /// <summary>The last traded price at now: the last completed minute's close, else the previous close.</summary>
    public decimal? LastPrice(Symbol symbol) => LastMinuteBar(symbol)?.Close ?? Day.Find(symbol)?.PreviousDaily?.Close;

    public Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>> GetBarsAsync(BarsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _clock.GetUtcNow();
        var result = new Dictionary<Symbol, IReadOnlyList<Bar>>();
        foreach (var symbol in request.Symbols.Distinct())
        {
            var day = Day.Find(symbol);
            if (day is null) continue;
            IEnumerable<Bar> bars = request.Timeframe switch
            {
                BarTimeframe.OneMinute => Minutes(day, request.Start, now),
                BarTimeframe.FiveMinutes => FiveMinutes(day, now),
                _ => Daily(day, now),
            };
            var selected = bars.Where(b => b.Time >= request.Start && b.Time <= request.End);
            if (request.Limit is > 0 and var limit) selected = selected.Take(limit);
            var list = selected.ToList();
            if (list.Count > 0) result[symbol] = list;
        }
        return Task.FromResult<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>>(result);
    }

    public Task<IReadOnlyDictionary<Symbol, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var now = _clock.GetUtcNow();
        var result = new Dictionary<Symbol, Snapshot>();
        foreach (var symbol in symbols.Distinct())
        {
            var day = Day.Find(symbol);
            if (day is null) continue;
            result[symbol] = Snapshot(day, now);
        }
        return Task.FromResult<IReadOnlyDictionary<Symbol, Snapshot>>(result);
    }

    public Task<IReadOnlyList<UniverseEntry>> GetUniverseAsync(int top, CancellationToken ct)
    {
        if (top <= 0) return Task.FromResult<IReadOnlyList<UniverseEntry>>([]);
        var now = _clock.GetUtcNow();
        var stats = Day.Symbols.Select(day =>
        {
            var completed = day.CompletedCount(now);
            var trades = day.TradesSoFar(completed);
            var price = completed > 0 ? day.Minutes[completed - 1].Close : (decimal?)null;
            var previous = day.PreviousDaily?.Close;
            decimal? change = price is { } p && previous is > 0 ? Math.Round((p - previous.Value) / previous.Value * 100m, 2) : null;
            return (day.Symbol, Volume: day.VolumeSoFar(completed), Trades: trades, Change: change);
        }).ToList();

        var actives = stats.Where(s => s.Volume > 0).OrderByDescending(s => s.Volume).ThenBy(s => s.Symbol.Value, StringComparer.Ordinal);
        var movers = stats.Where(s => s.Change is not null && s.Change != 0)
            .OrderByDescending(s => Math.Abs(s.Change!.Value)).ThenBy(s => s.Symbol.Value, StringComparer.Ordinal);
        var entries = new List<UniverseEntry>();
        var seen = new HashSet<Symbol>();
        var activeQuota = (top + 1) / 2;
        foreach (var s in actives.Take(activeQuota))
            if (seen.Add(s.Symbol)) entries.Add(new UniverseEntry(s.Symbol, s.Volume, s.Trades, s.Change, "most_active"));
        foreach (var s in movers)
        {
            if (entries.Count >= top) break;
            if (seen.Add(s.Symbol)) entries.Add(new UniverseEntry(s.Symbol, s.Volume, s.Trades, s.Change, "top_mover"));
        }
        foreach (var s in actives)
        {
            if (entries.Count >= top) break;
            if (seen.Add(s.Symbol)) entries.Add(new UniverseEntry(s.Symbol, s.Volume, s.Trades, s.Change, "most_active"));
        }
        return Task.FromResult<IReadOnlyList<UniverseEntry>>(entries);
    }

    public async IAsyncEnumerable<SymbolBar> StreamBarsAsync(IReadOnlyCollection<Symbol> symbols,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var filter = symbols.Count == 0 ? null : symbols.ToHashSet();
        var channel = Channel.CreateUnbounded<SymbolBar>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate) _streams.Add(channel);
        try
        {
            await foreach (var bar in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                if (filter is null || filter.Contains(bar.Symbol)) yield return bar;
        }
        finally
        {
            lock (_gate) _streams.Remove(channel);
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_gate)
        {
            foreach (var stream in _streams) stream.Writer.TryComplete();
            _streams.Clear();
        }
    }

    private Task PublishAsync(DateTimeOffset now, CancellationToken ct)
    {
        Channel<SymbolBar>[] streams;
        DateTimeOffset from;
        lock (_gate)
        {
            from = _publishedUpTo;
            if (now <= from) return Task.CompletedTask;
            _publishedUpTo = now;
            streams = [.. _streams];
        }
        if (streams.Length == 0) return Task.CompletedTask;
        // Bars that completed in (from, now]: those starting in (from - 1min, now - 1min].
        var earliestStart = from - OneMinute;
        foreach (var day in Day.Symbols)
        {
            var end = day.CompletedCount(now);
            for (var i = day.LowerBound(earliestStart); i < end; i++)
            {
                if (day.Minutes[i].Time <= earliestStart) continue;
                var item = new SymbolBar(day.Symbol, day.Minutes[i]);
                foreach (var stream in streams) stream.Writer.TryWrite(item);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The completed minute bars from <paramref name="start"/> on (the bars are sorted, so no earlier one can match).</summary>
    private static IEnumerable<Bar> Minutes(SymbolDay day, DateTimeOffset start, DateTimeOffset now)
    {
        var completed = day.CompletedCount(now);
        for (var i = day.LowerBound(start); i < completed; i++) yield return day.Minutes[i];
    }

    private static IEnumerable<Bar> FiveMinutes(SymbolDay day, DateTimeOffset now)
    {
        var completed = day.CompletedCount(now);
        var i = 0;
        while (i < completed)
        {
            var first = day.Minutes[i];
            var bucket = BucketStart(first.Time);
            if (bucket + TimeSpan.FromMinutes(5) > now) yield break;
            decimal high = first.High, low = first.Low, notional = 0;
            long volume = 0, trades = 0;
            var j = i;
            Bar last = first;
            for (; j < completed && BucketStart(day.Minutes[j].Time) == bucket; j++)
            {
                last = day.Minutes[j];
                high = Math.Max(high, last.High);
                low = Math.Min(low, last.Low);
                volume += last.Volume;
                trades += last.TradeCount;
                notional += (last.Vwap ?? last.Close) * last.Volume;
            }
            yield return new Bar(bucket, first.Open, high, low, last.Close, volume, trades,
                volume > 0 ? Math.Round(notional / volume, 4) : null);
            i = j;
        }
    }

    private static DateTimeOffset BucketStart(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.FromMinutes(5).Ticks, TimeSpan.Zero);

    private IEnumerable<Bar> Daily(SymbolDay day, DateTimeOffset now)
    {
        foreach (var bar in day.PriorDaily) yield return bar;
        var close = NyseCalendar.Session(Day.Date)?.Close ?? MarketTime.AtEastern(Day.Date, new TimeOnly(16, 0));
        if (now >= close && day.DailySoFar(day.CompletedCount(now), Day.Date) is { } today) yield return today;
    }

    private Snapshot Snapshot(SymbolDay day, DateTimeOffset now)
    {
        var completed = day.CompletedCount(now);
        var previous = day.PreviousDaily;
        Bar? minute = completed > 0 ? day.Minutes[completed - 1] : null;
        Trade? trade = minute is not null
            ? new Trade(minute.Close, Math.Max(1, minute.Volume / Math.Max(1, minute.TradeCount)), minute.Time.AddSeconds(59))
            : previous is not null
                ? new Trade(previous.Close, 100, NyseCalendar.Session(NyseCalendar.PreviousTradingDay(Day.Date))?.Close ?? previous.Time)
                : null;
        Quote? quote = trade is null
            ? null
            : new Quote(Math.Max(0.01m, trade.Price - 0.01m), 100 + trade.Size % 9 * 100, trade.Price + 0.01m,
                100 + trade.Size % 7 * 100, trade.Time);
        return new Snapshot(day.Symbol, trade, quote, minute, day.DailySoFar(completed, Day.Date), previous);
    }
}
