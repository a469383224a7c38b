using System.Globalization;
using Catalyst.Modules.Pattern.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Pattern.Tests;

public sealed class EngineTests
{
    private static string LeanDirectory() => Catalyst.Testing.TestEnvironment.Reference("marketdata", "lean_minute");

    internal static IReadOnlyList<Bar> LoadLean(string path) => File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l =>
    {
        var f = l.Split(',');
        var local = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new Bar(MarketTime.AtEastern(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)),
            decimal.Parse(f[1], CultureInfo.InvariantCulture), decimal.Parse(f[2], CultureInfo.InvariantCulture),
            decimal.Parse(f[3], CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture),
            long.Parse(f[5], CultureInfo.InvariantCulture));
    }).ToList();

    public static IEnumerable<string> LeanFiles() =>
        Directory.GetFiles(LeanDirectory(), "*.csv").Select(Path.GetFileName).Order().Cast<string>();

    [TestCaseSource(nameof(LeanFiles))]
    public void Every_detector_over_real_minute_bars_gives_valid_levels(string file)
    {
        var bars = LoadLean(Path.Combine(LeanDirectory(), file));
        var analysis = PatternEngine.Analyze(bars);
        Assert.That(analysis.BarCount, Is.EqualTo(bars.Count));
        foreach (var d in analysis.Detections)
        {
            Assert.That(d.Stop, Is.LessThan(d.Entry), $"{d.Kind} at {d.EndTime:O}: stop < entry");
            Assert.That(d.Entry, Is.LessThan(d.Target), $"{d.Kind} at {d.EndTime:O}: entry < target");
            Assert.That(d.Confidence, Is.InRange(0.0, 1.0));
            Assert.That(d.StartTime, Is.EqualTo(bars[d.StartIndex].Time));
            Assert.That(d.EndTime, Is.EqualTo(bars[d.EndIndex].Time));
        }
        Assert.That(analysis.Score, Is.InRange(0.0, 1.0));
    }

    [Test]
    public void The_detectors_fire_on_real_data()
    {
        var kinds = new HashSet<PatternKind>();
        var total = 0;
        foreach (var file in LeanFiles())
        {
            var analysis = PatternEngine.Analyze(LoadLean(Path.Combine(LeanDirectory(), file)));
            total += analysis.Detections.Count;
            foreach (var d in analysis.Detections) kinds.Add(d.Kind);
        }
        TestContext.Out.WriteLine($"{total} detections, kinds: {string.Join(", ", kinds)}");
        Assert.That(total, Is.GreaterThan(40));
        Assert.That(kinds, Does.Contain(PatternKind.OpeningRangeBreakout).And.Contain(PatternKind.BullFlag));
    }

    [Test]
    public void Analysis_is_deterministic()
    {
        var bars = LoadLean(Directory.GetFiles(LeanDirectory(), "*.csv").Order().First());
        var first = PatternEngine.Analyze(bars);
        var second = PatternEngine.Analyze(bars.ToList());
        Assert.That(second.Detections.Select(Describe), Is.EqualTo(first.Detections.Select(Describe)));
        Assert.That(second.Score, Is.EqualTo(first.Score));
    }

    private static string Describe(PatternDetection d) =>
        $"{d.Kind} {d.StartIndex}-{d.EndIndex} {d.Confidence} {d.Entry} {d.Target} {d.Stop} {d.VolumeConfirmed}";

    [Test]
    public void Out_of_order_bars_are_sorted_first()
    {
        var bars = DetectorTests.BullFlag();
        var shuffled = bars.Reverse().ToList();
        Assert.That(PatternEngine.Analyze(shuffled).Detections.Select(Describe),
            Is.EqualTo(PatternEngine.Analyze(bars).Detections.Select(Describe)));
    }

    [Test]
    public void Empty_and_tiny_inputs_give_no_detections()
    {
        Assert.That(PatternEngine.Analyze([]).Detections, Is.Empty);
        Assert.That(PatternEngine.Analyze([]).Best, Is.Null);
        Assert.That(PatternEngine.Analyze(DetectorTests.BullFlag().Take(3).ToList()).Detections, Is.Empty);
    }

    [Test]
    public void Best_is_the_current_setup_and_its_score_is_confidence_times_recency()
    {
        var bars = DetectorTests.BullFlag();
        var analysis = PatternEngine.Analyze(bars);
        Assert.That(analysis.Best, Is.Not.Null);
        Assert.That(analysis.Best!.Kind, Is.EqualTo(PatternKind.BullFlag));
        Assert.That(analysis.Score, Is.EqualTo(analysis.Best.Confidence).Within(1e-4), "ends on the last bar → recency 1");

        // Thirty-three quiet bars later the same flag is history: score falls to 0 and nothing is current.
        var later = new BarBuilder(105.1, new TimeOnly(10, 2)).Closes(Enumerable.Range(0, 33).Select(i => i % 2 == 0 ? 105.15 : 105.05), 500).Bars;
        var stale = PatternEngine.Analyze(bars.Concat(later).ToList());
        Assert.That(stale.Detections.Any(d => d.Kind == PatternKind.BullFlag), Is.True);
        Assert.That(stale.Score, Is.EqualTo(0));
        Assert.That(stale.Best, Is.Null);
    }

    [Test]
    public void A_setup_whose_price_has_run_half_way_to_target_is_no_longer_the_best()
    {
        var bars = DetectorTests.BullFlag();
        var flag = PatternEngine.Analyze(bars).Best!;
        var halfWay = flag.Entry + PatternEngine.StaleShareOfMove * (flag.Target - flag.Entry);
        // Two bars that break out and run past half the measured move: the flag is history, not a setup to buy.
        var run = new BarBuilder(flag.Entry, new TimeOnly(10, 2)).Closes([flag.Entry + 0.2, halfWay + 0.1], 3000).Bars;
        var after = PatternEngine.Analyze(bars.Concat(run).ToList());
        Assert.That(after.Detections.Any(d => d.Kind == PatternKind.BullFlag), Is.True, "still detected, as history");
        Assert.That(after.Best?.Kind, Is.Not.EqualTo(PatternKind.BullFlag));
        Assert.That(PatternEngine.IsCurrent(flag, flag.Entry + 0.01), Is.True);
        Assert.That(PatternEngine.IsCurrent(flag, halfWay), Is.False);
    }

    [TestCase(99, 100, 1.0)]
    [TestCase(96, 100, 1.0)]
    [TestCase(81, 100, 0.5)]
    [TestCase(66, 100, 0.0)]
    public void Recency(int end, int count, double expected) =>
        Assert.That(PatternEngine.Recency(end, count), Is.EqualTo(expected).Within(1e-12));
}
