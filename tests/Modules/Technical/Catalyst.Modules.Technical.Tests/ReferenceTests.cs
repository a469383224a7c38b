using Catalyst.SharedKernel.Time;
using Catalyst.Modules.Technical.Domain;
using static Catalyst.Modules.Technical.Tests.TestData;

namespace Catalyst.Modules.Technical.Tests;

/// <summary>Every row of results/*.json (Stock.Indicators baselines over default.csv) to 1e-6 relative.</summary>
public sealed class ReferenceTests
{
    private static readonly Ohlcv[] Default = Quotes("default.csv");
    private static readonly double[] Close = Closes(Default);

    [Test]
    public void Default_has_502_bars() => Assert.That(Default, Has.Length.EqualTo(502));

    [Test]
    public void Sma20_matches_the_baseline() =>
        AssertSeries(Sma.Series(Close, 20), Expected("sma.standard.json", "sma"), "sma");

    [Test]
    public void Sma20_matches_the_hand_calculated_column()
    {
        var rows = File.ReadAllLines(Reference("indicators", "results", "Sma.Data.csv")).Skip(1)
            .Select(l => l.Split(',')[6]).Select(s => string.IsNullOrWhiteSpace(s) ? (double?)null
                : double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        AssertSeries(Sma.Series(Close, 20), rows, "sma (hand)");
    }

    [Test]
    public void Ema20_matches_the_baseline() =>
        AssertSeries(Ema.Series(Close, 20), Expected("ema.standard.json", "ema"), "ema");

    [Test]
    public void Rsi14_matches_the_baseline() =>
        AssertSeries(Rsi.Series(Close, 14), Expected("rsi.standard.json", "rsi"), "rsi");

    [Test]
    public void Macd_matches_the_baseline()
    {
        var macd = Macd.Series(Close);
        AssertSeries(macd.Select(m => m.Macd).ToArray(), Expected("macd.standard.json", "macd"), "macd");
        AssertSeries(macd.Select(m => m.Signal).ToArray(), Expected("macd.standard.json", "signal"), "signal");
        AssertSeries(macd.Select(m => m.Histogram).ToArray(), Expected("macd.standard.json", "histogram"), "histogram");
        AssertSeries(macd.Select(m => m.FastEma).ToArray(), Expected("macd.standard.json", "fastEma"), "fastEma");
        AssertSeries(macd.Select(m => m.SlowEma).ToArray(), Expected("macd.standard.json", "slowEma"), "slowEma");
    }

    [Test]
    public void Atr14_matches_the_baseline()
    {
        var atr = Atr.Series(Default, 14);
        AssertSeries(atr.Select(a => a.Tr).ToArray(), Expected("atr.standard.json", "tr"), "tr");
        AssertSeries(atr.Select(a => a.Atr).ToArray(), Expected("atr.standard.json", "atr"), "atr");
        AssertSeries(atr.Select(a => a.Atrp).ToArray(), Expected("atr.standard.json", "atrp"), "atrp");
    }

    [Test]
    public void Bollinger_20_2_matches_the_baseline()
    {
        var bb = Bollinger.Series(Close, 20, 2);
        AssertSeries(bb.Select(b => b.Sma).ToArray(), Expected("bb.standard.json", "sma"), "sma");
        AssertSeries(bb.Select(b => b.Upper).ToArray(), Expected("bb.standard.json", "upperBand"), "upper");
        AssertSeries(bb.Select(b => b.Lower).ToArray(), Expected("bb.standard.json", "lowerBand"), "lower");
        AssertSeries(bb.Select(b => b.PercentB).ToArray(), Expected("bb.standard.json", "percentB"), "percentB");
        AssertSeries(bb.Select(b => b.ZScore).ToArray(), Expected("bb.standard.json", "zScore"), "zScore");
        AssertSeries(bb.Select(b => b.Width).ToArray(), Expected("bb.standard.json", "width"), "width");
    }

    [Test]
    public void Obv_matches_the_baseline() =>
        AssertSeries(Obv.Series(Default).Select(v => (double?)v).ToArray(), Expected("obv.standard.json", "obv"), "obv");

    [Test]
    public void Spot_values_of_expected_md()
    {
        var sma = Sma.Series(Close, 20);
        Assert.That(sma[18], Is.Null);
        AssertRounded(sma[19], 214.5250, 4, "sma 19");
        AssertRounded(sma[24], 215.0310, 4, "sma 24");
        AssertRounded(sma[149], 234.9350, 4, "sma 149");
        AssertRounded(sma[249], 255.5500, 4, "sma 249");
        AssertRounded(sma[501], 251.8600, 4, "sma 501");
        Assert.That(sma.Count(v => v is not null), Is.EqualTo(483));

        var volumeSma = Sma.Series(Default.Select(b => b.Volume).ToArray(), 20);
        AssertRounded(volumeSma[24], 77293768.2, 1, "volume sma 24");
        AssertRounded(volumeSma[290], 157958070.8, 1, "volume sma 290");
        AssertRounded(volumeSma[501], 163695200, 1, "volume sma 501");

        var ema = Ema.Series(Close, 20);
        AssertRounded(ema[29], 216.6228, 4, "ema 29");
        AssertRounded(ema[249], 255.3873, 4, "ema 249");
        AssertRounded(ema[501], 249.3519, 4, "ema 501");

        var rsi = Rsi.Series(Close, 14);
        Assert.That(rsi[13], Is.Null);
        AssertRounded(rsi[14], 62.0541, 4, "rsi 14");
        AssertRounded(rsi[249], 70.9368, 4, "rsi 249");
        AssertRounded(rsi[501], 42.0773, 4, "rsi 501");
        Assert.That(rsi.Count(v => v is not null), Is.EqualTo(488));
        Assert.That(rsi.Where(v => v is not null).All(v => v is >= 0 and <= 100), Is.True);

        var rsi1 = Rsi.Series(Close, 1);
        Assert.That(rsi1.Count(v => v is not null), Is.EqualTo(501));
        Assert.That(rsi1[28], Is.EqualTo(100));
        Assert.That(rsi1[52], Is.EqualTo(0));

        var macd = Macd.Series(Close);
        AssertRounded(macd[49].Macd, 1.7203, 4, "macd 49");
        AssertRounded(macd[49].Signal, 1.9675, 4, "signal 49");
        AssertRounded(macd[49].Histogram, -0.2472, 4, "hist 49");
        AssertRounded(macd[501].Macd, -6.2198, 4, "macd 501");
        AssertRounded(macd[501].Signal, -5.8569, 4, "signal 501");
        Assert.That(macd.Count(m => m.Macd is not null), Is.EqualTo(477));
        Assert.That(macd.Count(m => m.Signal is not null), Is.EqualTo(469));

        var atr = Atr.Series(Default);
        AssertRounded(atr[14].Atr, 1.3364, 4, "atr 14");
        AssertRounded(atr[501].Atr, 6.1497, 4, "atr 501");
        AssertRounded(atr[501].Atrp, 2.5072, 4, "atrp 501");
        Assert.That(atr.Count(a => a.Atr is not null), Is.EqualTo(488));

        var bb = Bollinger.Series(Close);
        AssertRounded(bb[249].Upper, 259.5642, 4, "upper 249");
        AssertRounded(bb[501].Lower, 230.0196, 4, "lower 501");
        AssertRounded(bb[249].PercentB, 0.803923, 6, "%b 249");

        var obv = Obv.Series(Default);
        Assert.That(obv[249], Is.EqualTo(1780918888));
        Assert.That(obv[501], Is.EqualTo(539843504));
    }

    [Test]
    public void Vwap_on_the_first_intraday_session_matches_the_reference()
    {
        var intraday = Quotes("intraday.csv");
        var vwap = Vwap.Series(intraday);
        AssertRounded(vwap[0], 367.4800, 4, "vwap 0");
        AssertRounded(vwap[1], 367.4223, 4, "vwap 1");
        AssertRounded(vwap[369], 367.9494, 4, "vwap 369");
        AssertRounded(vwap[390], 368.1804, 4, "vwap 390");
    }

    [Test]
    public void Vwap_resets_at_each_eastern_session()
    {
        var intraday = Quotes("intraday.csv");
        var vwap = Vwap.Series(intraday);
        var first = intraday[391];
        Assert.That(MarketTime.EasternDate(first.Time), Is.EqualTo(new DateOnly(2020, 12, 16)));
        AssertClose(vwap[391]!.Value, (first.High + first.Low + first.Close) / 3, "vwap at the second session's open");
        Assert.That(vwap[391], Is.Not.EqualTo(vwap[390]));
    }
}
