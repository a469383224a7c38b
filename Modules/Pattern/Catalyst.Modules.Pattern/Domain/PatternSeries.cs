using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Pattern.Domain;

internal enum PatternKind { BullFlag, CupAndHandle, AscendingTriangle, Abcd, OpeningRangeBreakout }

/// <summary>
/// A detected long setup. Entry is the breakout level, stop the level whose loss invalidates the pattern, target the
/// measured move; detectors only emit stop &lt; entry &lt; target. Indexes are into the (time-sorted) bar series.
/// </summary>
internal sealed record PatternDetection(
    PatternKind Kind,
    double Confidence,
    double Entry,
    double Target,
    double Stop,
    int StartIndex,
    int EndIndex,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    bool VolumeConfirmed,
    IReadOnlyDictionary<string, double> Metadata);

/// <summary>
/// Bars as parallel double arrays plus what every detector needs once: a 14-bar average true range and swing pivots
/// (a bar whose high/low is strictly beyond the <see cref="PivotBars"/> bars on each side), and O(1) range max/min.
/// </summary>
internal sealed class PatternSeries
{
    public const int PivotBars = 2;

    public PatternSeries(IReadOnlyList<Bar> bars)
    {
        var sorted = bars;
        for (var i = 1; i < bars.Count; i++)
        {
            if (bars[i].Time >= bars[i - 1].Time) continue;
            // Out-of-order input is sorted (stable), as the Technical module does.
            sorted = bars.OrderBy(b => b.Time).ToList();
            break;
        }
        Count = sorted.Count;
        Time = new DateTimeOffset[Count];
        Open = new double[Count];
        High = new double[Count];
        Low = new double[Count];
        Close = new double[Count];
        Volume = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            var b = sorted[i];
            Time[i] = b.Time;
            Open[i] = (double)b.Open;
            High[i] = (double)b.High;
            Low[i] = (double)b.Low;
            Close[i] = (double)b.Close;
            Volume[i] = b.Volume;
        }
        Atr = AverageTrueRange();
        VolumePrefix = new double[Count + 1];
        for (var i = 0; i < Count; i++) VolumePrefix[i + 1] = VolumePrefix[i] + Volume[i];
        (SwingHighs, SwingLows) = Pivots();
        _maxHigh = SparseTable(High, Math.Max);
        _minLow = SparseTable(Low, Math.Min);
    }

    public int Count { get; }
    public DateTimeOffset[] Time { get; }
    public double[] Open { get; }
    public double[] High { get; }
    public double[] Low { get; }
    public double[] Close { get; }
    public double[] Volume { get; }
    public double[] Atr { get; }
    public double[] VolumePrefix { get; }
    public int[] SwingHighs { get; }
    public int[] SwingLows { get; }

    private readonly double[][] _maxHigh;
    private readonly double[][] _minLow;

    /// <summary>Mean volume over bars [from, to] inclusive.</summary>
    public double AverageVolume(int from, int to) =>
        to < from ? 0 : (VolumePrefix[to + 1] - VolumePrefix[from]) / (to - from + 1);

    public double MaxHigh(int from, int to) => Query(_maxHigh, from, to, Math.Max);

    public double MinLow(int from, int to) => Query(_minLow, from, to, Math.Min);

    private static double Query(double[][] table, int from, int to, Func<double, double, double> pick)
    {
        var level = 31 - int.LeadingZeroCount(to - from + 1);
        return pick(table[level][from], table[level][to - (1 << level) + 1]);
    }

    private static double[][] SparseTable(double[] values, Func<double, double, double> pick)
    {
        var levels = values.Length == 0 ? 1 : 32 - int.LeadingZeroCount(values.Length);
        var table = new double[levels][];
        table[0] = values;
        for (var k = 1; k < levels; k++)
        {
            var span = 1 << k;
            var row = new double[values.Length - span + 1];
            var previous = table[k - 1];
            for (var i = 0; i < row.Length; i++) row[i] = pick(previous[i], previous[i + span / 2]);
            table[k] = row;
        }
        return table;
    }

    private double[] AverageTrueRange()
    {
        // Trailing 14-bar mean of the true range, floored at 0.01% of price so flat data never gives a zero tolerance.
        var atr = new double[Count];
        var tr = new double[Count];
        double sum = 0;
        for (var i = 0; i < Count; i++)
        {
            tr[i] = i == 0 ? High[i] - Low[i]
                : Math.Max(High[i] - Low[i], Math.Max(Math.Abs(High[i] - Close[i - 1]), Math.Abs(Low[i] - Close[i - 1])));
            sum += tr[i];
            if (i >= 14) sum -= tr[i - 14];
            atr[i] = Math.Max(sum / Math.Min(i + 1, 14), Math.Max(Math.Abs(Close[i]) * 1e-4, 1e-9));
        }
        return atr;
    }

    private (int[] Highs, int[] Lows) Pivots()
    {
        var highs = new List<int>();
        var lows = new List<int>();
        for (var i = PivotBars; i < Count - PivotBars; i++)
        {
            bool isHigh = true, isLow = true;
            for (var j = i - PivotBars; j <= i + PivotBars; j++)
            {
                if (j == i) continue;
                if (High[j] >= High[i]) isHigh = false;
                if (Low[j] <= Low[i]) isLow = false;
            }
            if (isHigh) highs.Add(i);
            if (isLow) lows.Add(i);
        }
        return (highs.ToArray(), lows.ToArray());
    }
}
