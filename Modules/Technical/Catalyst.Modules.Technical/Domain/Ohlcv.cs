using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Technical.Domain;

/// <summary>
/// A bar in double precision for the indicator math. <see cref="SessionKey"/> is the US/Eastern trading date as a day
/// number, computed once at the edge so the O(1) VWAP update never touches time zones.
/// </summary>
internal readonly record struct Ohlcv(DateTimeOffset Time, double Open, double High, double Low, double Close, double Volume,
    int SessionKey)
{
    public static Ohlcv From(Bar bar) => new(bar.Time, (double)bar.Open, (double)bar.High, (double)bar.Low, (double)bar.Close,
        bar.Volume, SessionOf(bar.Time));

    public static Ohlcv Create(DateTimeOffset time, double open, double high, double low, double close, double volume) =>
        new(time, open, high, low, close, volume, SessionOf(time));

    public static int SessionOf(DateTimeOffset time) =>
        time == DateTimeOffset.MinValue ? int.MinValue + 1 : MarketTime.EasternDate(time).DayNumber;

    /// <summary>
    /// Bars in time order. Out-of-order input (a feed that pages, a file like mismatch.csv) is SORTED, stably by time,
    /// rather than rejected: the bars are still valid and the order is recoverable. The incremental
    /// <see cref="IndicatorSet"/> instead rejects a bar older than the last one, since it cannot undo an update.
    /// </summary>
    public static Ohlcv[] Sorted(IEnumerable<Ohlcv> bars)
    {
        var array = bars.ToArray();
        var ordered = true;
        for (var i = 1; i < array.Length && ordered; i++) ordered = array[i].Time >= array[i - 1].Time;
        return ordered ? array : array.OrderBy(b => b.Time).ToArray();
    }

    public static Ohlcv[] Sorted(IEnumerable<Bar> bars) => Sorted(bars.Select(From));
}
