using Catalyst.SharedKernel.Time;
using Catalyst.Modules.Technical.Domain;
using static Catalyst.Modules.Technical.Tests.TestData;

namespace Catalyst.Modules.Technical.Tests;

public sealed class EdgeCaseTests
{
    private static IEnumerable<double?> AllValues(IndicatorSnapshot s) =>
    [
        s.Price, s.Volume, s.Sma20, s.Sma50, s.Sma200, s.Ema9, s.Ema21, s.Rsi14, s.Macd.Macd, s.Macd.Signal, s.Macd.Histogram,
        s.Atr14.Tr, s.Atr14.Atr, s.Atr14.Atrp, s.Bollinger.Sma, s.Bollinger.Upper, s.Bollinger.Lower, s.Bollinger.PercentB,
        s.Bollinger.ZScore, s.Bollinger.Width, s.Obv, s.VolumeRatio, s.Vwap, s.Support, s.Resistance, s.TechnicalScore,
    ];

    [Test]
    public void Empty_input_gives_empty_results()
    {
        Assert.That(Sma.Series([], 20), Is.Empty);
        Assert.That(Ema.Series([], 20), Is.Empty);
        Assert.That(Rsi.Series([], 14), Is.Empty);
        Assert.That(Macd.Series([]), Is.Empty);
        Assert.That(Atr.Series([]), Is.Empty);
        Assert.That(Bollinger.Series([]), Is.Empty);
        Assert.That(Obv.Series([]), Is.Empty);
        Assert.That(Vwap.Series([]), Is.Empty);
        Assert.That(IndicatorSet.Series([]), Is.Empty);
        Assert.That(IndicatorSet.Latest([]), Is.Null);
    }

    [Test]
    public void One_bar_gives_one_result_with_null_warm_up_values()
    {
        var bar = Quotes("default.csv")[..1];
        Assert.That(Sma.Series([bar[0].Close], 20), Is.EqualTo(new double?[] { null }));
        Assert.That(Ema.Series([bar[0].Close], 20), Is.EqualTo(new double?[] { null }));
        Assert.That(Rsi.Series([bar[0].Close], 14), Is.EqualTo(new double?[] { null }));
        Assert.That(Atr.Series(bar)[0].Tr, Is.Null);
        var series = IndicatorSet.Series(bar);
        Assert.That(series, Has.Length.EqualTo(1));
        Assert.That(series[0].Sma20, Is.Null);
        Assert.That(series[0].Rsi14, Is.Null);
        Assert.That(series[0].Obv, Is.EqualTo(0));
        Assert.That(series[0].Vwap, Is.EqualTo((bar[0].High + bar[0].Low + bar[0].Close) / 3).Within(1e-9));
    }

    [Test]
    public void Lookback_zero_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Sma(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Ema(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Rsi(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Atr(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Macd(0, 26, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Macd(12, 26, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Bollinger(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Bollinger(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new VolumeRatio(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sma.Series([1.0], 0));
    }

    [TestCase("bad.csv", 502)]
    [TestCase("zeros.csv", 200)]
    [TestCase("toobig.csv", 1246)]
    [TestCase("max.csv", 502)]
    [TestCase("penny.csv", 533)]
    [TestCase("mismatch.csv", 502)]
    [TestCase("intraday.csv", 1564)]
    public void Hostile_files_keep_the_count_and_give_no_NaN_or_infinity(string file, int count)
    {
        var bars = Quotes(file);
        var series = IndicatorSet.Series(bars, withLevels: true);
        Assert.That(series, Has.Length.EqualTo(count));
        foreach (var snapshot in series)
            foreach (var value in AllValues(snapshot))
                if (value is { } v) Assert.That(double.IsFinite(v), Is.True, $"{file} at {snapshot.Time:O}: {v}");
        Assert.That(series.All(s => s.TechnicalScore is >= 0 and <= 1), Is.True);
    }

    [Test]
    public void Zeros_give_flat_values_not_NaN()
    {
        var last = IndicatorSet.Series(Quotes("zeros.csv"))[^1];
        Assert.That(last.Sma200, Is.EqualTo(0));
        Assert.That(last.Bollinger.PercentB, Is.Null, "no band width → no %B");
        Assert.That(last.Atr14.Atrp, Is.Null, "zero close → no ATR%");
        Assert.That(last.Rsi14, Is.EqualTo(100), "no losses reads 100, as the reference");
        Assert.That(last.VolumeRatio, Is.Null, "zero average volume → no ratio");
        Assert.That(last.Vwap, Is.Null, "no volume → no VWAP");
    }

    [Test]
    public void Toobig_and_max_magnitudes_do_not_overflow()
    {
        var big = IndicatorSet.Latest(Quotes("toobig.csv"))!;
        Assert.That(big.Sma200, Is.GreaterThan(1e13));
        Assert.That(double.IsFinite(big.Bollinger.Upper!.Value), Is.True);
        Assert.That(double.IsFinite(big.Obv), Is.True);
        var max = IndicatorSet.Latest(Quotes("max.csv"))!;
        Assert.That(max.Obv, Is.Not.EqualTo(0));
        Assert.That(double.IsFinite(max.Vwap!.Value), Is.True);
    }

    [Test]
    public void Penny_stock_values_stay_in_range()
    {
        var bars = Quotes("penny.csv");
        var last = IndicatorSet.Latest(bars)!;
        Assert.That(last.Sma20, Is.InRange(0.5, 10));
        Assert.That(last.Atr14.Atr, Is.GreaterThan(0).And.LessThan(2));
        var closes = Closes(bars);
        AssertClose(last.Sma20!.Value, closes[^20..].Average(), "penny sma20 vs direct mean");
    }

    // Decision: the batch API SORTS out-of-order bars (stably, by time) — the data is still valid and a paging feed can
    // deliver it that way; the incremental IndicatorSet REJECTS an older bar, since an applied update cannot be undone.
    [Test]
    public void Mismatch_is_sorted_by_the_batch_before_computing()
    {
        var mismatch = Quotes("mismatch.csv");
        Assert.That(mismatch.Select(b => b.Time), Is.Not.Ordered, "the file really is out of order");
        var sorted = mismatch.OrderBy(b => b.Time).ToArray();
        var fromMismatch = IndicatorSet.Series(mismatch);
        var fromSorted = IndicatorSet.Series(sorted);
        Assert.That(fromMismatch, Has.Length.EqualTo(502));
        Assert.That(fromMismatch.Select(s => s.Time), Is.Ordered);
        // The 2016-01-18 row sits at index 19 in the file; sorted, it is the first bar.
        Assert.That(MarketTime.EasternDate(fromMismatch[0].Time), Is.EqualTo(new DateOnly(2016, 1, 18)));
        for (var i = 0; i < fromSorted.Length; i++)
        {
            Assert.That(fromMismatch[i].Sma20, Is.EqualTo(fromSorted[i].Sma20), $"sma20[{i}]");
            Assert.That(fromMismatch[i].Rsi14, Is.EqualTo(fromSorted[i].Rsi14), $"rsi[{i}]");
            Assert.That(fromMismatch[i].Vwap, Is.EqualTo(fromSorted[i].Vwap), $"vwap[{i}]");
        }
    }

    [Test]
    public void Mismatch_fed_incrementally_is_rejected_at_the_first_older_bar()
    {
        var mismatch = Quotes("mismatch.csv");
        var set = new IndicatorSet();
        var firstOlder = Enumerable.Range(1, mismatch.Length - 1).First(i => mismatch[i].Time < mismatch[i - 1].Time);
        for (var i = 0; i < firstOlder; i++) set.Add(mismatch[i]);
        Assert.Throws<ArgumentException>(() => set.Add(mismatch[firstOlder]));
        Assert.That(set.Count, Is.EqualTo(firstOlder), "a rejected bar changes nothing");
    }
}
