using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Pattern.Domain;

internal interface IPatternDetector
{
    PatternKind Kind { get; }
    void Detect(PatternSeries s, List<PatternDetection> found);
}

internal static class DetectorHelpers
{
    public static double Clamp01(double x) => double.IsFinite(x) ? Math.Clamp(x, 0, 1) : 0;

    public static PatternDetection? Create(PatternSeries s, PatternKind kind, double confidence, double entry, double target,
        double stop, int start, int end, bool volumeConfirmed, Dictionary<string, double> metadata)
    {
        if (!(stop < entry && entry < target) || !double.IsFinite(target) || stop <= 0) return null;
        return new PatternDetection(kind, Math.Round(Clamp01(confidence), 4), entry, target, stop, start, end, s.Time[start],
            s.Time[end], volumeConfirmed, metadata);
    }
}

/// <summary>
/// Bull flag: a pole of 3–10 bars rising at least 3 ATR from its lowest bar with mostly up closes, then a flag of 3–12
/// bars that stays under the pole's top, retraces 10–50% of the pole and falls at under 40% of the pole's pace.
/// Entry = flag high, stop = flag low, target =
/// entry + pole height. Volume confirmed when the flag's average volume is at most 80% of the pole's.
/// </summary>
internal sealed class BullFlagDetector : IPatternDetector
{
    public PatternKind Kind => PatternKind.BullFlag;

    public void Detect(PatternSeries s, List<PatternDetection> found)
    {
        for (var e = 6; e < s.Count; e++)
        {
            // Remember the best candidate's parameters; build (allocate) one detection per end bar at most.
            var bestConfidence = -1.0;
            int bestStart = 0, bestPole = 0, bestFlag = 0;
            double bestHigh = 0, bestLow = 0, bestRise = 0, bestRetrace = 0, bestPoleVolume = 0, bestFlagVolume = 0;
            var bestConfirmed = false;
            double flagHigh = double.MinValue, flagLow = double.MaxValue;
            for (var f = 1; f <= 12 && e - f >= 2; f++)
            {
                var first = e - f + 1;
                flagHigh = Math.Max(flagHigh, s.High[first]);
                flagLow = Math.Min(flagLow, s.Low[first]);
                if (f < 3) continue;
                var top = e - f;
                var a = s.Atr[top];
                var poleTop = s.High[top];
                if (flagHigh > poleTop) break;
                // A flag drifts sideways or down; one climbing past its start is a continuing rally, not a flag.
                if (s.Close[e] > s.Close[first] + 0.5 * a) continue;
                var upCloses = 0;
                var poleLow = double.MaxValue;
                for (var p = 1; p <= 10 && top - p + 1 >= 0; p++)
                {
                    var start = top - p + 1;
                    if (s.Close[start] > s.Open[start]) upCloses++;
                    if (s.High[start] > poleTop) break;
                    poleLow = Math.Min(poleLow, s.Low[start]);
                    if (p < 3 || s.Low[start] > poleLow) continue;
                    var rise = poleTop - poleLow;
                    if (rise < 3 * a) continue;
                    var upShare = (double)upCloses / p;
                    if (upShare < 0.6) continue;
                    // A flag is a pause: it may not fall at even 40% of the pole's pace (that is a reversal).
                    if ((s.Close[first] - s.Close[e]) / f > 0.4 * rise / p) continue;
                    var retrace = (poleTop - flagLow) / rise;
                    if (retrace is < 0.1 or > 0.5) continue;
                    var poleVolume = s.AverageVolume(start, top);
                    var flagVolume = s.AverageVolume(first, e);
                    var volumeConfirmed = poleVolume > 0 && flagVolume <= 0.8 * poleVolume;
                    var confidence = 0.4 + 0.2 * (1 - retrace / 0.5) + 0.15 * DetectorHelpers.Clamp01((rise / a - 3) / 5)
                                     + 0.15 * (volumeConfirmed ? 1 : 0) + 0.1 * upShare;
                    if (confidence <= bestConfidence || !(flagLow < flagHigh)) continue;
                    bestConfidence = confidence;
                    (bestStart, bestPole, bestFlag, bestHigh, bestLow, bestRise, bestRetrace) = (start, p, f, flagHigh, flagLow, rise, retrace);
                    (bestPoleVolume, bestFlagVolume, bestConfirmed) = (poleVolume, flagVolume, volumeConfirmed);
                }
            }
            if (bestConfidence < 0) continue;
            var detection = DetectorHelpers.Create(s, Kind, bestConfidence, bestHigh, bestHigh + bestRise, bestLow, bestStart, e,
                bestConfirmed, new Dictionary<string, double>
                {
                    ["pole_bars"] = bestPole, ["flag_bars"] = bestFlag, ["pole_height"] = bestRise, ["retracement"] = bestRetrace,
                    ["pole_avg_volume"] = bestPoleVolume, ["flag_avg_volume"] = bestFlagVolume,
                });
            if (detection is not null) found.Add(detection);
        }
    }
}

/// <summary>
/// Cup and handle: two swing highs (the rims) 12–150 bars apart within max(1 ATR, 0.3%) of each other, nothing higher
/// between them, a bottom at least 3 ATR (and at most 35%) below the rim in the middle half of the cup; then a handle of
/// at least 2 bars that stays under the rim and in the cup's upper half. Entry = the rim, stop = handle low, target =
/// entry + cup depth. Volume confirmed when the handle trades lighter than the cup.
/// </summary>
internal sealed class CupAndHandleDetector : IPatternDetector
{
    public PatternKind Kind => PatternKind.CupAndHandle;

    public void Detect(PatternSeries s, List<PatternDetection> found)
    {
        var highs = s.SwingHighs;
        for (var jIndex = 0; jIndex < highs.Length; jIndex++)
        {
            var j = highs[jIndex];
            for (var iIndex = jIndex - 1; iIndex >= 0; iIndex--)
            {
                var i = highs[iIndex];
                var width = j - i;
                if (width < 12) continue;
                if (width > 150) break;
                var a = s.Atr[j];
                var rim = Math.Max(s.High[i], s.High[j]);
                var tolerance = Math.Max(a, rim * 0.003);
                if (Math.Abs(s.High[i] - s.High[j]) > tolerance) continue;
                if (s.MaxHigh(i + 1, j - 1) > rim) continue;
                var bottom = s.MinLow(i + 1, j - 1);
                var depth = rim - bottom;
                if (depth < 3 * a || depth > 0.35 * rim) continue;
                var b = i + 1;
                while (s.Low[b] != bottom) b++;
                var position = (double)(b - i) / width;
                if (position is < 0.25 or > 0.75) continue;

                // The handle: extend while it holds under the rim and in the upper half of the cup.
                var maxHandle = Math.Min(30, Math.Max(5, width / 2));
                var handleLow = double.MaxValue;
                var end = -1;
                for (var e = j + 1; e < s.Count && e - j <= maxHandle; e++)
                {
                    if (s.High[e] > rim + 0.1 * a || s.Low[e] < bottom + 0.5 * depth) break;
                    handleLow = Math.Min(handleLow, s.Low[e]);
                    end = e;
                }
                if (end - j < 2 || handleLow >= rim) continue;
                var roundBars = 0;
                for (var k = i + 1; k < j; k++) if (s.Low[k] <= bottom + depth / 3) roundBars++;
                var roundness = DetectorHelpers.Clamp01(roundBars / (0.2 * width));
                var cupVolume = s.AverageVolume(i, j);
                var handleVolume = s.AverageVolume(j + 1, end);
                var volumeConfirmed = cupVolume > 0 && handleVolume < cupVolume;
                var confidence = 0.4 + 0.15 * (1 - Math.Abs(s.High[i] - s.High[j]) / tolerance)
                                 + 0.1 * (1 - Math.Abs(position - 0.5) / 0.25) + 0.1 * roundness
                                 + 0.1 * ((rim - handleLow) <= depth / 3 ? 1 : 0.5) + 0.15 * (volumeConfirmed ? 1 : 0);
                var detection = DetectorHelpers.Create(s, Kind, confidence, rim, rim + depth, handleLow, i, end, volumeConfirmed,
                    new Dictionary<string, double>
                    {
                        ["cup_bars"] = width, ["handle_bars"] = end - j, ["cup_depth"] = depth, ["bottom_index"] = b,
                        ["left_rim"] = s.High[i], ["right_rim"] = s.High[j], ["roundness"] = roundness,
                    });
                if (detection is not null) found.Add(detection);
            }
        }
    }
}

/// <summary>
/// Ascending triangle: at least two swing highs within max(0.5 ATR, 0.2%) of each other (flat resistance, nothing above
/// it between them) over 8–80 bars, and at least two swing lows after the first touch, each higher than the one before
/// (rising support), the first at least 2 ATR under resistance. Entry = resistance, stop = the last (highest) swing low,
/// target = resistance + the triangle's height. Volume confirmed when the second half trades lighter than the first.
/// </summary>
internal sealed class AscendingTriangleDetector : IPatternDetector
{
    public PatternKind Kind => PatternKind.AscendingTriangle;

    public void Detect(PatternSeries s, List<PatternDetection> found)
    {
        var highs = s.SwingHighs;
        var lows = s.SwingLows;
        for (var jIndex = 1; jIndex < highs.Length; jIndex++)
        {
            var j = highs[jIndex];
            var a = s.Atr[j];
            var tolerance = Math.Max(0.5 * a, s.High[j] * 0.002);
            var first = j;
            var touches = 1;
            var resistance = s.High[j];
            for (var iIndex = jIndex - 1; iIndex >= 0 && j - highs[iIndex] <= 80; iIndex--)
            {
                var i = highs[iIndex];
                if (Math.Abs(s.High[i] - s.High[j]) <= tolerance)
                {
                    first = i;
                    touches++;
                    resistance = Math.Max(resistance, s.High[i]);
                }
                else if (s.High[i] > s.High[j] + tolerance) break;
            }
            if (touches < 2 || j - first < 8 || s.MaxHigh(first, j) > resistance) continue;

            // The pattern holds while price stays under resistance and above the last swing low.
            var end = j;
            for (var e = j + 1; e < s.Count && e - j <= 20; e++)
            {
                if (s.Close[e] > resistance) break;
                end = e;
            }
            var risingLows = new List<int>();
            foreach (var l in lows)
            {
                if (l <= first || l > end - PatternSeries.PivotBars) continue;
                if (risingLows.Count > 0 && s.Low[l] <= s.Low[risingLows[^1]] + 0.1 * a)
                {
                    risingLows.Clear();
                    break;
                }
                risingLows.Add(l);
            }
            if (risingLows.Count < 2) continue;
            var firstLow = s.Low[risingLows[0]];
            var lastLow = s.Low[risingLows[^1]];
            var height = resistance - firstLow;
            if (height < 2 * a) continue;
            if (s.MinLow(risingLows[^1], end) < lastLow) continue;
            var middle = (first + end) / 2;
            var firstHalf = s.AverageVolume(first, middle);
            var secondHalf = s.AverageVolume(middle + 1, end);
            var volumeConfirmed = firstHalf > 0 && secondHalf < firstHalf;
            var confidence = 0.45 + 0.1 * Math.Min(touches - 2, 2) / 2.0 + 0.1 * Math.Min(risingLows.Count - 2, 2) / 2.0
                             + 0.15 * DetectorHelpers.Clamp01((height / a - 2) / 4) + 0.15 * (volumeConfirmed ? 1 : 0)
                             + 0.05 * (1 - (resistance - s.High[j]) / tolerance);
            var detection = DetectorHelpers.Create(s, Kind, confidence, resistance, resistance + height, lastLow, first, end,
                volumeConfirmed, new Dictionary<string, double>
                {
                    ["resistance"] = resistance, ["touches"] = touches, ["rising_lows"] = risingLows.Count, ["height"] = height,
                });
            if (detection is not null) found.Add(detection);
        }
    }
}

/// <summary>
/// ABCD (the momentum version): swing low A, swing high B at least 3 ATR above, swing low C retracing 38.2–78.6% of AB
/// and staying above A. Entry = break of B, stop = C, target D = C + (B − A). Volume confirmed when the AB leg trades
/// heavier than the BC pullback.
/// </summary>
internal sealed class AbcdDetector : IPatternDetector
{
    public PatternKind Kind => PatternKind.Abcd;

    public void Detect(PatternSeries s, List<PatternDetection> found)
    {
        // Alternate the pivots (low, high, low, …), keeping the more extreme of two neighbours of the same kind.
        var turns = new List<(int Index, bool High)>();
        int hi = 0, lo = 0;
        while (hi < s.SwingHighs.Length || lo < s.SwingLows.Length)
        {
            var takeHigh = lo >= s.SwingLows.Length || (hi < s.SwingHighs.Length && s.SwingHighs[hi] < s.SwingLows[lo]);
            var index = takeHigh ? s.SwingHighs[hi++] : s.SwingLows[lo++];
            if (turns.Count > 0 && turns[^1].High == takeHigh)
            {
                var previous = turns[^1].Index;
                var moreExtreme = takeHigh ? s.High[index] > s.High[previous] : s.Low[index] < s.Low[previous];
                if (moreExtreme) turns[^1] = (index, takeHigh);
                continue;
            }
            turns.Add((index, takeHigh));
        }

        for (var t = 0; t + 2 < turns.Count; t++)
        {
            if (turns[t].High) continue;
            int ia = turns[t].Index, ib = turns[t + 1].Index, ic = turns[t + 2].Index;
            double pa = s.Low[ia], pb = s.High[ib], pc = s.Low[ic];
            var a = s.Atr[ib];
            var ab = pb - pa;
            if (ab < 3 * a || pc <= pa) continue;
            var retrace = (pb - pc) / ab;
            if (retrace is < 0.382 or > 0.786) continue;
            var end = ic;
            for (var e = ic + 1; e < s.Count && e - ic <= 20; e++)
            {
                if (s.Close[e] > pb || s.Low[e] < pc) break;
                end = e;
            }
            var abVolume = s.AverageVolume(ia, ib);
            var bcVolume = s.AverageVolume(ib + 1, ic);
            var volumeConfirmed = abVolume > 0 && bcVolume < abVolume;
            double abBars = ib - ia, bcBars = ic - ib;
            var confidence = 0.45 + 0.25 * DetectorHelpers.Clamp01(1 - Math.Abs(retrace - 0.618) / 0.3)
                             + 0.15 * (volumeConfirmed ? 1 : 0) + 0.15 * Math.Min(abBars, bcBars) / Math.Max(abBars, bcBars);
            var detection = DetectorHelpers.Create(s, Kind, confidence, pb, pc + ab, pc, ia, end, volumeConfirmed,
                new Dictionary<string, double>
                {
                    ["a"] = pa, ["b"] = pb, ["c"] = pc, ["d"] = pc + ab, ["retracement"] = retrace,
                    ["a_index"] = ia, ["b_index"] = ib, ["c_index"] = ic,
                });
            if (detection is not null) found.Add(detection);
        }
    }
}

/// <summary>
/// Opening range breakout, per US/Eastern session: the range of the bars starting 09:30–09:44 (at least two, the first by
/// 09:35), then the first later bar (before 15:00) that CLOSES above the range high. Entry = range high, stop = range
/// low, target = entry + the range. Volume confirmed when the breakout bar's volume is at least 1.5× the average of the
/// 10 bars before it. A poke above the high that closes back inside is no breakout.
/// </summary>
internal sealed class OpeningRangeBreakoutDetector : IPatternDetector
{
    private static readonly TimeOnly Open = new(9, 30), RangeEnd = new(9, 45), LatestStart = new(9, 35), Cutoff = new(15, 0);

    public PatternKind Kind => PatternKind.OpeningRangeBreakout;

    public void Detect(PatternSeries s, List<PatternDetection> found)
    {
        var i = 0;
        while (i < s.Count)
        {
            var date = MarketTime.EasternDate(s.Time[i]);
            var offset = MarketTime.ToEastern(s.Time[i]).Offset;
            var sessionEnd = i;
            while (sessionEnd + 1 < s.Count && DateOnly.FromDateTime(s.Time[sessionEnd + 1].ToOffset(offset).DateTime) == date)
                sessionEnd++;
            DetectSession(s, i, sessionEnd, offset, found);
            i = sessionEnd + 1;
        }
    }

    private void DetectSession(PatternSeries s, int from, int to, TimeSpan offset, List<PatternDetection> found)
    {
        int rangeStart = -1, rangeEnd = -1;
        double high = double.MinValue, low = double.MaxValue;
        for (var k = from; k <= to; k++)
        {
            var time = TimeOnly.FromDateTime(s.Time[k].ToOffset(offset).DateTime);
            if (time < Open) continue;
            if (time >= RangeEnd) break;
            if (rangeStart < 0)
            {
                if (time > LatestStart) return;
                rangeStart = k;
            }
            rangeEnd = k;
            high = Math.Max(high, s.High[k]);
            low = Math.Min(low, s.Low[k]);
        }
        if (rangeStart < 0 || rangeEnd - rangeStart < 1) return;
        var range = high - low;
        if (range <= 0) return;
        for (var e = rangeEnd + 1; e <= to; e++)
        {
            var time = TimeOnly.FromDateTime(s.Time[e].ToOffset(offset).DateTime);
            if (time >= Cutoff) return;
            if (s.Close[e] <= high) continue;
            var baseline = s.AverageVolume(Math.Max(from, e - 10), e - 1);
            var volumeConfirmed = baseline > 0 && s.Volume[e] >= 1.5 * baseline;
            var minutesAfterOpen = (time - Open).TotalMinutes;
            var confidence = 0.5 + 0.25 * (volumeConfirmed ? 1 : 0) + 0.15 * DetectorHelpers.Clamp01((s.Close[e] - high) / (0.25 * range))
                             + 0.1 * (minutesAfterOpen <= 60 ? 1 : 0);
            var detection = DetectorHelpers.Create(s, Kind, confidence, high, high + range, low, rangeStart, e, volumeConfirmed,
                new Dictionary<string, double>
                {
                    ["range_high"] = high, ["range_low"] = low, ["range_bars"] = rangeEnd - rangeStart + 1,
                    ["breakout_volume"] = s.Volume[e], ["baseline_volume"] = baseline, ["minutes_after_open"] = minutesAfterOpen,
                });
            if (detection is not null) found.Add(detection);
            return;
        }
    }
}
