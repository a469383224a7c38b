using Catalyst.Modules.Technical.Domain;

namespace Catalyst.Modules.Technical.Tests;

public sealed class ScoreAndLevelTests
{
    private static IndicatorSnapshot Snapshot(double price, double? sma20 = null, double? sma50 = null, double? sma200 = null,
        double? rsi = null, double? histogram = null, double? ratio = null, double? vwap = null) =>
        new(DateTimeOffset.UnixEpoch, price, 1000, sma20, sma50, sma200, null, null, rsi,
            new MacdValue(null, null, histogram, null, null), default, default, 0, ratio, vwap, null, null, []);

    [Test]
    public void Everything_bullish_scores_one()
    {
        var s = Snapshot(110, sma20: 105, sma50: 100, sma200: 90, rsi: 65, histogram: 0.5, ratio: 2.5, vwap: 108);
        Assert.That(TechnicalScore.Compute(s), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void Everything_bearish_scores_zero()
    {
        var s = Snapshot(80, sma20: 90, sma50: 100, sma200: 110, rsi: 25, histogram: -0.5, ratio: 0, vwap: 85);
        Assert.That(TechnicalScore.Compute(s), Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void Components_are_weighted_as_documented()
    {
        // Trend all true (0.30), RSI overbought at 90 → 0.5 (0.20 × 0.5), MACD negative (0), volume ratio 1 → 0.5
        // (0.15 × 0.5), below VWAP (0): 0.30 + 0.10 + 0.075 = 0.475.
        var s = Snapshot(110, sma20: 105, sma50: 100, sma200: 90, rsi: 90, histogram: -1, ratio: 1, vwap: 120);
        Assert.That(TechnicalScore.Compute(s), Is.EqualTo(0.475).Within(1e-12));
    }

    [Test]
    public void Missing_components_are_left_out_not_counted_as_zero()
    {
        Assert.That(TechnicalScore.Compute(Snapshot(100, vwap: 99)), Is.EqualTo(1));
        Assert.That(TechnicalScore.Compute(Snapshot(100)), Is.EqualTo(0));
    }

    [TestCase(50, 1.0)]
    [TestCase(80, 1.0)]
    [TestCase(40, 0.5)]
    [TestCase(30, 0.0)]
    [TestCase(90, 0.5)]
    [TestCase(100, 0.0)]
    public void Rsi_band(double rsi, double expected) =>
        Assert.That(TechnicalScore.RsiComponent(rsi), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void Repeated_swing_lows_make_a_strong_support_and_swing_highs_a_resistance()
    {
        // A saw-tooth between 100 and 110 four times, then the price settles at 105.
        var levels = new SupportResistance(swingBars: 2);
        double[] path = [105, 107, 110, 107, 104, 100, 104, 107, 110, 107, 104, 100, 104, 107, 110, 107, 104, 100, 104, 107,
            110, 107, 104, 100, 103, 105, 105, 105];
        foreach (var p in path) levels.Add(p + 0.2, p - 0.2, p);
        var all = levels.Levels();
        Assert.That(levels.Support, Is.EqualTo(99.8).Within(1e-9));
        Assert.That(levels.Resistance, Is.EqualTo(110.2).Within(1e-9));
        var support = all.Single(l => l.Kind == LevelKind.Support);
        Assert.That(support.Touches, Is.EqualTo(4));
        Assert.That(support.Strength, Is.GreaterThan(0.7).And.LessThanOrEqualTo(1));
        Assert.That(all.Single(l => l.Kind == LevelKind.Resistance).Touches, Is.EqualTo(4));
    }

    [Test]
    public void Without_swings_support_and_resistance_fall_back_to_the_recent_range()
    {
        var levels = new SupportResistance();
        for (var i = 0; i < 10; i++) levels.Add(100 + i + 0.5, 100 + i - 0.5, 100 + i);
        Assert.That(levels.Levels(), Is.Empty);
        Assert.That(levels.Support, Is.EqualTo(99.5));
        Assert.That(levels.Resistance, Is.EqualTo(109.5));
    }
}
