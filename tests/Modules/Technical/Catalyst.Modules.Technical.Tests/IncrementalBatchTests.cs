using Catalyst.Modules.Technical.Domain;
using static Catalyst.Modules.Technical.Tests.TestData;

namespace Catalyst.Modules.Technical.Tests;

/// <summary>The incremental set, bar by bar, equals each indicator's batch series (and both equal the reference).</summary>
public sealed class IncrementalBatchTests
{
    [TestCase("default.csv")]
    [TestCase("intraday.csv")]
    [TestCase("penny.csv")]
    [TestCase("msft.csv")]
    public void Incremental_set_equals_batch_series_bar_by_bar(string file)
    {
        var bars = Ohlcv.Sorted(Quotes(file));
        var close = Closes(bars);
        var sma20 = Sma.Series(close, 20);
        var sma200 = Sma.Series(close, 200);
        var ema9 = Ema.Series(close, 9);
        var ema21 = Ema.Series(close, 21);
        var rsi = Rsi.Series(close, 14);
        var macd = Macd.Series(close);
        var atr = Atr.Series(bars);
        var bb = Bollinger.Series(close);
        var obv = Obv.Series(bars);
        var ratio = VolumeRatio.Series(bars.Select(b => b.Volume).ToArray());
        var vwap = Vwap.Series(bars);

        var set = new IndicatorSet();
        for (var i = 0; i < bars.Length; i++)
        {
            set.Add(bars[i]);
            var s = set.Current(withLevels: false);
            Assert.That(s.Sma20, Is.EqualTo(sma20[i]), $"sma20[{i}]");
            Assert.That(s.Sma200, Is.EqualTo(sma200[i]), $"sma200[{i}]");
            Assert.That(s.Ema9, Is.EqualTo(ema9[i]), $"ema9[{i}]");
            Assert.That(s.Ema21, Is.EqualTo(ema21[i]), $"ema21[{i}]");
            Assert.That(s.Rsi14, Is.EqualTo(rsi[i]), $"rsi[{i}]");
            Assert.That(s.Macd, Is.EqualTo(macd[i]), $"macd[{i}]");
            Assert.That(s.Atr14, Is.EqualTo(atr[i]), $"atr[{i}]");
            Assert.That(s.Bollinger, Is.EqualTo(bb[i]), $"bb[{i}]");
            Assert.That(s.Obv, Is.EqualTo(obv[i]), $"obv[{i}]");
            Assert.That(s.VolumeRatio, Is.EqualTo(ratio[i]), $"ratio[{i}]");
            Assert.That(s.Vwap, Is.EqualTo(vwap[i]), $"vwap[{i}]");
        }
        var batch = IndicatorSet.Series(bars);
        Assert.That(batch[^1] with { Levels = [] }, Is.EqualTo(set.Current(withLevels: false) with { Levels = [] }));
    }

    [Test]
    public void Long_running_sums_do_not_drift()
    {
        // 15,821 bars through the running-sum SMA and Bollinger equal a direct recomputation of the last window.
        var bars = Ohlcv.Sorted(Quotes("longest.csv"));
        var close = Closes(bars);
        var last = IndicatorSet.Latest(bars)!;
        var window = close[^20..];
        var mean = window.Average();
        var sd = Math.Sqrt(window.Select(c => (c - mean) * (c - mean)).Sum() / 20);
        AssertClose(last.Sma20!.Value, mean, "sma20", 1e-12);
        AssertClose(last.Sma200!.Value, close[^200..].Average(), "sma200", 1e-12);
        AssertClose(last.Bollinger.Upper!.Value, mean + 2 * sd, "upper", 1e-9);
    }

    [Test]
    public void Volume_ratio_is_last_volume_over_the_previous_20_bar_average()
    {
        var bars = Quotes("default.csv");
        var ratio = VolumeRatio.Series(bars.Select(b => b.Volume).ToArray());
        Assert.That(ratio[19], Is.Null);
        var expected = bars[20].Volume / bars[..20].Average(b => b.Volume);
        AssertClose(ratio[20]!.Value, expected, "ratio[20]");
    }
}
