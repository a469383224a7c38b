using Catalyst.Modules.Pattern.Domain;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Pattern.Tests;

public sealed class DetectorTests
{
    private static List<PatternDetection> Run(IPatternDetector detector, IReadOnlyList<Bar> bars)
    {
        var found = new List<PatternDetection>();
        detector.Detect(new PatternSeries(bars), found);
        foreach (var d in found)
        {
            Assert.That(d.Stop, Is.LessThan(d.Entry), $"{d.Kind}: stop < entry");
            Assert.That(d.Entry, Is.LessThan(d.Target), $"{d.Kind}: entry < target");
            Assert.That(d.Confidence, Is.InRange(0.0, 1.0));
            Assert.That(d.StartIndex, Is.LessThanOrEqualTo(d.EndIndex));
        }
        return found;
    }

    // ---- bull flag ----
    private static BarBuilder FlagBase() => new BarBuilder(100).Closes(Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 100.1 : 99.9), 1000)
        .Line(106, 6, 5000);

    public static IReadOnlyList<Bar> BullFlag() => FlagBase().Closes([105.6, 105.4, 105.2, 105.0, 105.2, 105.1], 1500).Bars;

    [Test]
    public void Bull_flag_clear_positive()
    {
        var bars = BullFlag();
        var flags = Run(new BullFlagDetector(), bars);
        Assert.That(flags, Is.Not.Empty);
        var last = flags.Single(f => f.EndIndex == bars.Count - 1);
        Assert.That(last.Entry, Is.EqualTo(105.85).Within(1e-9), "entry = flag high");
        Assert.That(last.Stop, Is.EqualTo(104.95).Within(1e-9), "stop = flag low");
        Assert.That(last.Target - last.Entry, Is.EqualTo(last.Metadata["pole_height"]).Within(1e-9), "measured move");
        Assert.That(last.VolumeConfirmed, Is.True);
        Assert.That(last.Confidence, Is.GreaterThan(0.7));
    }

    [Test]
    public void Bull_flag_near_miss_retracing_70_percent_is_not_a_flag()
    {
        var bars = FlagBase().Closes([105, 104, 103, 102, 101.7, 101.9], 1500).Bars;
        Assert.That(Run(new BullFlagDetector(), bars), Is.Empty);
    }

    [Test]
    public void Bull_flag_noisy_positive() =>
        Assert.That(Run(new BullFlagDetector(), BarBuilder.Noisy(BullFlag(), 0.08)).Any(f => f.EndIndex >= BullFlag().Count - 2), Is.True);

    // ---- cup and handle ----
    private static BarBuilder CupLeadIn() => new BarBuilder(104).Line(109, 5, 2000);

    private static IEnumerable<double> Cup(double rightRim) => Enumerable.Range(0, 31).Select(t => t <= 15
        ? 105 + 5 * Math.Cos(2 * Math.PI * t / 30)
        : 100 + (rightRim - 100) * (1 - Math.Cos(Math.PI * (t - 15) / 15)) / 2);

    public static IReadOnlyList<Bar> CupAndHandle() =>
        CupLeadIn().Closes(Cup(110), 2000).Closes([109.5, 109.0, 108.6, 108.4, 108.5, 108.6], 800).Bars;

    [Test]
    public void Cup_and_handle_clear_positive()
    {
        var bars = CupAndHandle();
        var cups = Run(new CupAndHandleDetector(), bars);
        Assert.That(cups, Has.Count.EqualTo(1));
        var cup = cups[0];
        Assert.That(cup.Entry, Is.EqualTo(110.05).Within(1e-9), "entry = rim");
        Assert.That(cup.Stop, Is.EqualTo(108.35).Within(1e-9), "stop = handle low");
        Assert.That(cup.Metadata["cup_depth"], Is.EqualTo(10.1).Within(0.05));
        Assert.That(cup.EndIndex, Is.EqualTo(bars.Count - 1));
        Assert.That(cup.VolumeConfirmed, Is.True);
    }

    [Test]
    public void Cup_near_miss_right_rim_3_below_the_left_is_not_a_cup()
    {
        var bars = CupLeadIn().Closes(Cup(107), 2000).Closes([106.6, 106.2, 105.9, 106.0, 106.1], 800).Bars;
        Assert.That(Run(new CupAndHandleDetector(), bars), Is.Empty);
    }

    [Test]
    public void Cup_and_handle_noisy_positive() =>
        Assert.That(Run(new CupAndHandleDetector(), BarBuilder.Noisy(CupAndHandle(), 0.12)), Is.Not.Empty);

    // ---- ascending triangle ----
    private static BarBuilder TriangleStart() => new BarBuilder(47.5).Line(46, 3, 2000).Line(50, 4, 2000);

    public static IReadOnlyList<Bar> AscendingTriangle() => TriangleStart()
        .Line(47, 4, 1800).Line(50, 4, 1600).Line(48, 4, 1400).Line(50, 4, 1200).Line(49, 4, 1000).Line(49.8, 4, 900).Bars;

    [Test]
    public void Ascending_triangle_clear_positive()
    {
        var bars = AscendingTriangle();
        var triangles = Run(new AscendingTriangleDetector(), bars);
        Assert.That(triangles, Is.Not.Empty);
        var t = triangles.MaxBy(x => x.Confidence)!;
        Assert.That(t.Entry, Is.EqualTo(50.05).Within(1e-9), "entry = flat resistance");
        Assert.That(t.Stop, Is.EqualTo(48.95).Within(1e-9), "stop = the last higher low");
        Assert.That(t.Metadata["touches"], Is.EqualTo(3));
        Assert.That(t.Metadata["rising_lows"], Is.GreaterThanOrEqualTo(2));
        Assert.That(t.VolumeConfirmed, Is.True);
    }

    [Test]
    public void Ascending_triangle_near_miss_with_falling_lows_is_not_a_triangle()
    {
        var bars = TriangleStart().Line(47, 4, 1800).Line(50, 4, 1600).Line(46.5, 4, 1400).Line(50, 4, 1200).Line(46.2, 4, 1000)
            .Line(47, 4, 900).Bars;
        Assert.That(Run(new AscendingTriangleDetector(), bars), Is.Empty);
    }

    [Test]
    public void Ascending_triangle_noisy_positive() =>
        Assert.That(Run(new AscendingTriangleDetector(), BarBuilder.Noisy(AscendingTriangle(), 0.06)), Is.Not.Empty);

    // ---- ABCD ----
    private static BarBuilder AbcdStart() => new BarBuilder(21).Line(20, 3, 2000).Line(24, 6, 3000);

    public static IReadOnlyList<Bar> Abcd() => AbcdStart().Line(22, 4, 1000).Closes([22.3, 22.6, 22.8, 22.7], 1200).Bars;

    [Test]
    public void Abcd_clear_positive()
    {
        var found = Run(new AbcdDetector(), Abcd());
        Assert.That(found, Has.Count.EqualTo(1));
        var d = found[0];
        Assert.That(d.Entry, Is.EqualTo(24.05).Within(1e-9), "entry = B");
        Assert.That(d.Stop, Is.EqualTo(21.95).Within(1e-9), "stop = C");
        Assert.That(d.Target, Is.EqualTo(21.95 + (24.05 - 19.95)).Within(1e-9), "D = C + AB");
        Assert.That(d.Metadata["retracement"], Is.EqualTo(2.1 / 4.1).Within(1e-9));
        Assert.That(d.VolumeConfirmed, Is.True);
    }

    [Test]
    public void Abcd_near_miss_with_a_95_percent_retracement_is_not_abcd()
    {
        var bars = AbcdStart().Line(20.2, 4, 1000).Closes([20.5, 20.8, 21.0, 20.9], 1200).Bars;
        Assert.That(Run(new AbcdDetector(), bars), Is.Empty);
    }

    [Test]
    public void Abcd_noisy_positive() => Assert.That(Run(new AbcdDetector(), BarBuilder.Noisy(Abcd(), 0.1)), Is.Not.Empty);

    // ---- opening range breakout ----
    private static BarBuilder OpeningRange() => new BarBuilder(100.5)
        .Closes(Enumerable.Range(0, 15).Select(i => i % 2 == 0 ? 100.95 : 100.05), 5000)
        .Closes(Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? 100.6 : 100.4), 1000);

    public static IReadOnlyList<Bar> Orb() => OpeningRange().Close(101.5, 4000).Close(101.7, 3000).Bars;

    [Test]
    public void Opening_range_breakout_clear_positive()
    {
        var bars = Orb();
        var found = Run(new OpeningRangeBreakoutDetector(), bars);
        Assert.That(found, Has.Count.EqualTo(1));
        var d = found[0];
        Assert.That(d.StartIndex, Is.EqualTo(0));
        Assert.That(d.EndIndex, Is.EqualTo(25), "the 09:55 bar closes above the range");
        Assert.That(d.Entry, Is.EqualTo(d.Metadata["range_high"]));
        Assert.That(d.Stop, Is.EqualTo(d.Metadata["range_low"]));
        Assert.That(d.Metadata["range_bars"], Is.EqualTo(15));
        Assert.That(d.VolumeConfirmed, Is.True);
        Assert.That(d.Confidence, Is.GreaterThan(0.8));
    }

    [Test]
    public void Opening_range_near_miss_poke_above_closing_inside_is_no_breakout()
    {
        var bars = OpeningRange().Close(100.9, 4000, high: 101.6).Close(100.7, 1000).Bars;
        Assert.That(Run(new OpeningRangeBreakoutDetector(), bars), Is.Empty);
    }

    [Test]
    public void Opening_range_breakout_without_volume_is_flagged_unconfirmed()
    {
        var bars = OpeningRange().Close(101.5, 900).Bars;
        var d = Run(new OpeningRangeBreakoutDetector(), bars).Single();
        Assert.That(d.VolumeConfirmed, Is.False);
        Assert.That(d.Confidence, Is.LessThan(0.8));
    }

    [Test]
    public void Opening_range_breakout_noisy_positive() =>
        Assert.That(Run(new OpeningRangeBreakoutDetector(), BarBuilder.Noisy(Orb(), 0.05)), Has.Count.EqualTo(1));

    [Test]
    public void Daily_bars_have_no_opening_range()
    {
        var daily = Enumerable.Range(0, 30).Select(i => new Bar(new DateTimeOffset(2024, 1, 2, 5, 0, 0, TimeSpan.Zero).AddDays(i),
            100 + i, 101 + i, 99 + i, 100.5m + i, 1000)).ToList();
        Assert.That(Run(new OpeningRangeBreakoutDetector(), daily), Is.Empty);
    }
}
