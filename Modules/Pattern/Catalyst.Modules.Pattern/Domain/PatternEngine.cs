using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Pattern.Domain;

internal sealed record PatternAnalysis(int BarCount, IReadOnlyList<PatternDetection> Detections, PatternDetection? Best,
    double Score);

/// <summary>
/// Runs the five detectors over a bar series. Deterministic: the same bars always give the same detections in the same
/// order. Overlapping detections of one kind are reduced to the most confident (ties: the later one).
/// </summary>
internal static class PatternEngine
{
    /// <summary>A pattern ending within this many bars of the last bar is fully current.</summary>
    public const int RecentBars = 3;

    /// <summary>Beyond <see cref="RecentBars"/>, relevance falls linearly to 0 over this many bars.</summary>
    public const int FadeBars = 30;

    /// <summary>
    /// A setup stops being current once the last close has covered this share of the way from entry to target: the
    /// breakout has happened and buying now would pay most of the move for the same stop.
    /// </summary>
    public const double StaleShareOfMove = 0.5;

    public static readonly IReadOnlyList<IPatternDetector> Detectors =
    [
        new BullFlagDetector(), new CupAndHandleDetector(), new AscendingTriangleDetector(), new AbcdDetector(),
        new OpeningRangeBreakoutDetector(),
    ];

    public static PatternAnalysis Analyze(IReadOnlyList<Bar> bars) => Analyze(new PatternSeries(bars));

    public static PatternAnalysis Analyze(PatternSeries series)
    {
        var all = new List<PatternDetection>();
        var raw = new List<PatternDetection>();
        foreach (var detector in Detectors)
        {
            raw.Clear();
            if (series.Count > 0) detector.Detect(series, raw);
            all.AddRange(WithoutOverlaps(raw));
        }
        all.Sort((a, b) => b.EndIndex != a.EndIndex ? b.EndIndex.CompareTo(a.EndIndex)
            : b.Confidence != a.Confidence ? b.Confidence.CompareTo(a.Confidence) : a.Kind.CompareTo(b.Kind));

        PatternDetection? best = null;
        double bestScore = 0;
        var lastClose = series.Count > 0 ? series.Close[^1] : 0;
        foreach (var d in all)
        {
            if (!IsCurrent(d, lastClose)) continue;
            var score = d.Confidence * Recency(d.EndIndex, series.Count);
            if (score > bestScore)
            {
                bestScore = score;
                best = d;
            }
        }
        return new PatternAnalysis(series.Count, all, best, Math.Round(bestScore, 4));
    }

    /// <summary>
    /// Whether a detection is still a setup one could act on at <paramref name="lastClose"/>: not already run most of the
    /// way to its target. Only current setups can be the best pattern; the others stay in the detections list as
    /// history. (A close just under a flag's low is left to the stop rules of Risk and the strategy: one wick is not a
    /// failed pattern.)
    /// </summary>
    public static bool IsCurrent(PatternDetection d, double lastClose) =>
        lastClose < d.Entry + StaleShareOfMove * (d.Target - d.Entry);

    public static double Recency(int endIndex, int count)
    {
        var age = count - 1 - endIndex;
        return age <= RecentBars ? 1 : Math.Max(0, 1 - (double)(age - RecentBars) / FadeBars);
    }

    private static List<PatternDetection> WithoutOverlaps(List<PatternDetection> detections)
    {
        var ordered = detections.OrderByDescending(d => d.Confidence).ThenByDescending(d => d.EndIndex)
            .ThenBy(d => d.StartIndex);
        var kept = new List<PatternDetection>();
        foreach (var d in ordered)
        {
            var overlaps = false;
            foreach (var k in kept)
            {
                if (d.StartIndex <= k.EndIndex && k.StartIndex <= d.EndIndex)
                {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) kept.Add(d);
        }
        return kept;
    }
}
