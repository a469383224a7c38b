using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Backtesting.Tests;

/// <summary>What the probe saw: how often the modules read market data, and every bar handed out before it had completed.</summary>
internal sealed class LookaheadLog
{
    public ConcurrentQueue<string> Violations { get; } = new();
    public long BarsHandedOut;
    public long Reads;
    public DateTimeOffset NewestBarEnd = DateTimeOffset.MinValue;
}

/// <summary>
/// Wraps the market-data port every module and the broker read through and checks each bar it hands out against the
/// virtual clock: a bar [t, t + length) may be seen only once now ≥ t + length, i.e. never bar t+1 at t. Today's daily
/// bar counts as complete at the close.
/// </summary>
internal sealed class LookaheadProbe(IMarketDataPort inner, TimeProvider clock, LookaheadLog log) : IMarketDataPort
{
    public async Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>> GetBarsAsync(BarsRequest request, CancellationToken ct)
    {
        var result = await inner.GetBarsAsync(request, ct);
        var now = clock.GetUtcNow();
        Interlocked.Increment(ref log.Reads);
        foreach (var (symbol, bars) in result)
            foreach (var bar in bars)
                Check(symbol, bar, request.Timeframe, now, "GetBars");
        return result;
    }

    public async Task<IReadOnlyDictionary<Symbol, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct)
    {
        var result = await inner.GetSnapshotsAsync(symbols, ct);
        var now = clock.GetUtcNow();
        Interlocked.Increment(ref log.Reads);
        foreach (var (symbol, snapshot) in result)
        {
            if (snapshot.MinuteBar is { } minute) Check(symbol, minute, BarTimeframe.OneMinute, now, "Snapshot.MinuteBar");
            if (snapshot.LatestTrade is { } trade && trade.Time > now)
                log.Violations.Enqueue($"{now:O} Snapshot {symbol}: latest trade at {trade.Time:O} is in the future");
            if (snapshot.PreviousDailyBar is { } previous && MarketTime.EasternDate(previous.Time) >= MarketTime.EasternDate(now))
                log.Violations.Enqueue($"{now:O} Snapshot {symbol}: previous daily bar dated {previous.Time:O} is not before today");
        }
        return result;
    }

    public Task<IReadOnlyList<UniverseEntry>> GetUniverseAsync(int top, CancellationToken ct)
    {
        Interlocked.Increment(ref log.Reads);
        return inner.GetUniverseAsync(top, ct);
    }

    public async IAsyncEnumerable<SymbolBar> StreamBarsAsync(IReadOnlyCollection<Symbol> symbols, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in inner.StreamBarsAsync(symbols, ct))
        {
            Check(item.Symbol, item.Bar, BarTimeframe.OneMinute, clock.GetUtcNow(), "StreamBars");
            yield return item;
        }
    }

    private void Check(Symbol symbol, Bar bar, BarTimeframe timeframe, DateTimeOffset now, string where)
    {
        Interlocked.Increment(ref log.BarsHandedOut);
        var end = timeframe == BarTimeframe.OneDay
            ? NyseCalendar.Session(MarketTime.EasternDate(bar.Time))?.Close ?? bar.Time.AddDays(1)
            : bar.Time + timeframe.Length();
        if (end > now)
            log.Violations.Enqueue($"{now:O} {where} {symbol} {timeframe.ToWire()}: bar {bar.Time:O} completes at {end:O}, after now");
        lock (log)
            if (end > log.NewestBarEnd) log.NewestBarEnd = end;
    }
}
