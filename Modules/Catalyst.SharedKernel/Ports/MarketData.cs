using Catalyst.SharedKernel.Domain;

namespace Catalyst.SharedKernel.Ports;

public enum BarTimeframe { OneMinute, FiveMinutes, OneDay }

public static class BarTimeframes
{
    /// <summary>Parses the wire names (Alpaca's "1Min", "5Min", "1Day"; also "1m", "5m", "1d").</summary>
    public static bool TryParse(string? text, out BarTimeframe timeframe)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "1min" or "1m" or "1t": timeframe = BarTimeframe.OneMinute; return true;
            case "5min" or "5m" or "5t": timeframe = BarTimeframe.FiveMinutes; return true;
            case "1day" or "1d" or "day" or "daily": timeframe = BarTimeframe.OneDay; return true;
            default: timeframe = default; return false;
        }
    }

    public static string ToWire(this BarTimeframe timeframe) => timeframe switch
    {
        BarTimeframe.OneMinute => "1Min",
        BarTimeframe.FiveMinutes => "5Min",
        _ => "1Day",
    };

    public static TimeSpan Length(this BarTimeframe timeframe) => timeframe switch
    {
        BarTimeframe.OneMinute => TimeSpan.FromMinutes(1),
        BarTimeframe.FiveMinutes => TimeSpan.FromMinutes(5),
        _ => TimeSpan.FromDays(1),
    };
}

/// <summary>One OHLCV bar; <see cref="Time"/> is the bar's start in UTC.</summary>
public sealed record Bar(DateTimeOffset Time, decimal Open, decimal High, decimal Low, decimal Close, long Volume,
    long TradeCount = 0, decimal? Vwap = null);

public sealed record SymbolBar(Symbol Symbol, Bar Bar);

public sealed record BarsRequest(IReadOnlyList<Symbol> Symbols, BarTimeframe Timeframe, DateTimeOffset Start, DateTimeOffset End,
    int? Limit = null);

public sealed record Quote(decimal BidPrice, long BidSize, decimal AskPrice, long AskSize, DateTimeOffset Time);

public sealed record Trade(decimal Price, long Size, DateTimeOffset Time);

public sealed record Snapshot(Symbol Symbol, Trade? LatestTrade, Quote? LatestQuote, Bar? MinuteBar, Bar? DailyBar,
    Bar? PreviousDailyBar)
{
    public decimal? Price => LatestTrade?.Price ?? MinuteBar?.Close ?? DailyBar?.Close;

    /// <summary>Gap from the previous close to the current price, in percent.</summary>
    public decimal? GapPercent => Price is { } p && PreviousDailyBar is { Close: > 0 } prev
        ? (p - prev.Close) / prev.Close * 100m
        : null;
}

public sealed record UniverseEntry(Symbol Symbol, long Volume, long TradeCount, decimal? ChangePercent, string Reason);

/// <summary>Bars, snapshots and the day's most-active/top-mover universe: Alpaca Market Data v2 or the simulated market.</summary>
public interface IMarketDataPort
{
    /// <summary>Bars per symbol, in time order, paged through internally.</summary>
    Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>> GetBarsAsync(BarsRequest request, CancellationToken ct);

    Task<IReadOnlyDictionary<Symbol, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct);

    /// <summary>Most actives by volume and top movers by change, de-duplicated, at most <paramref name="top"/> names.</summary>
    Task<IReadOnlyList<UniverseEntry>> GetUniverseAsync(int top, CancellationToken ct);

    /// <summary>Completed minute bars as they happen, for the given symbols (all when empty).</summary>
    IAsyncEnumerable<SymbolBar> StreamBarsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct);
}
