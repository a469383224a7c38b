namespace Catalyst.Modules.Technical.Domain;

/// <summary>The full indicator set at one bar, in double precision; null where an indicator is still warming up.</summary>
internal sealed record IndicatorSnapshot(
    DateTimeOffset Time,
    double Price,
    double Volume,
    double? Sma20,
    double? Sma50,
    double? Sma200,
    double? Ema9,
    double? Ema21,
    double? Rsi14,
    MacdValue Macd,
    AtrValue Atr14,
    BollingerValue Bollinger,
    double Obv,
    double? VolumeRatio,
    double? Vwap,
    double? Support,
    double? Resistance,
    IReadOnlyList<PriceLevel> Levels)
{
    public double TechnicalScore => Domain.TechnicalScore.Compute(this);
}

/// <summary>
/// Every indicator of §2.2.4 updated together, O(1) per bar. Bars must arrive in time order: an older bar than the last
/// one is rejected (ArgumentException) because an update cannot be undone; equal times are accepted.
/// </summary>
internal sealed class IndicatorSet
{
    private readonly Sma _sma20 = new(20);
    private readonly Sma _sma50 = new(50);
    private readonly Sma _sma200 = new(200);
    private readonly Ema _ema9 = new(9);
    private readonly Ema _ema21 = new(21);
    private readonly Rsi _rsi14 = new(14);
    private readonly Macd _macd = new(12, 26, 9);
    private readonly Atr _atr14 = new(14);
    private readonly Bollinger _bollinger = new(20, 2);
    private readonly Obv _obv = new();
    private readonly VolumeRatio _volumeRatio = new(20);
    private readonly Vwap _vwap = new();
    private readonly SupportResistance _levels = new();
    private DateTimeOffset _lastTime = DateTimeOffset.MinValue;
    private Ohlcv _last;

    public int Count { get; private set; }

    public void Add(in Ohlcv bar)
    {
        if (bar.Time < _lastTime)
            throw new ArgumentException($"Bar at {bar.Time:O} is older than the last bar ({_lastTime:O}); feed bars in time order.",
                nameof(bar));
        _lastTime = bar.Time;
        _last = bar;
        Count++;
        var close = bar.Close;
        _sma20.Add(close);
        _sma50.Add(close);
        _sma200.Add(close);
        _ema9.Add(close);
        _ema21.Add(close);
        _rsi14.Add(close);
        _macd.Add(close);
        _atr14.Add(bar.High, bar.Low, close);
        _bollinger.Add(close);
        _obv.Add(close, bar.Volume);
        _volumeRatio.Add(bar.Volume);
        _vwap.Add(bar);
        _levels.Add(bar.High, bar.Low, close);
    }

    /// <summary>The values after the last bar (levels and support/resistance are computed here, not per bar).</summary>
    public IndicatorSnapshot Current(bool withLevels = true) => new(
        _last.Time, _last.Close, _last.Volume,
        _sma20.Value, _sma50.Value, _sma200.Value, _ema9.Value, _ema21.Value, _rsi14.Value,
        _macd.Value, _atr14.Value, _bollinger.Value, _obv.Value, _volumeRatio.Value, _vwap.Value,
        Count == 0 ? null : _levels.Support, Count == 0 ? null : _levels.Resistance,
        withLevels ? _levels.Levels() : []);

    /// <summary>Batch: one snapshot per bar, by running the incremental set (input sorted by time first).</summary>
    public static IndicatorSnapshot[] Series(IEnumerable<Ohlcv> bars, bool withLevels = false)
    {
        var sorted = Ohlcv.Sorted(bars);
        var set = new IndicatorSet();
        var result = new IndicatorSnapshot[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            set.Add(sorted[i]);
            result[i] = set.Current(withLevels);
        }
        return result;
    }

    /// <summary>The snapshot after the last bar (input sorted by time first); null for no bars.</summary>
    public static IndicatorSnapshot? Latest(IEnumerable<Ohlcv> bars)
    {
        var set = new IndicatorSet();
        foreach (var bar in Ohlcv.Sorted(bars)) set.Add(bar);
        return set.Count == 0 ? null : set.Current();
    }
}

/// <summary>
/// The Scanner's technical score, 0–1: a weighted mean of five components, each 0–1, over the components that can be
/// computed (warming-up indicators are left out and the weights renormalised; none computable gives 0).
/// <list type="bullet">
/// <item>trend, weight 0.30: the share of these that hold: price &gt; SMA20, price &gt; SMA50, SMA20 &gt; SMA50,
/// price &gt; SMA200 (each counted only when its SMAs exist);</item>
/// <item>RSI momentum, 0.20: 1 inside the 50–80 band; below 50 falling linearly to 0 at 30; above 80 falling linearly to
/// 0 at 100 (overbought);</item>
/// <item>MACD, 0.20: 1 when the histogram is positive, 0 otherwise;</item>
/// <item>volume, 0.15: volume ratio / 2, capped at 1 (twice the average volume scores full);</item>
/// <item>VWAP, 0.15: 1 when price ≥ VWAP, 0 otherwise.</item>
/// </list>
/// </summary>
internal static class TechnicalScore
{
    public const double TrendWeight = 0.30, RsiWeight = 0.20, MacdWeight = 0.20, VolumeWeight = 0.15, VwapWeight = 0.15;

    public static double Compute(IndicatorSnapshot s)
    {
        double total = 0, weights = 0;
        var price = s.Price;

        int trendChecks = 0, trendHits = 0;
        void Check(bool available, bool holds)
        {
            if (!available) return;
            trendChecks++;
            if (holds) trendHits++;
        }
        Check(s.Sma20 is not null, price > s.Sma20);
        Check(s.Sma50 is not null, price > s.Sma50);
        Check(s.Sma20 is not null && s.Sma50 is not null, s.Sma20 > s.Sma50);
        Check(s.Sma200 is not null, price > s.Sma200);
        if (trendChecks > 0) Add(TrendWeight, (double)trendHits / trendChecks);

        if (s.Rsi14 is { } rsi) Add(RsiWeight, RsiComponent(rsi));
        if (s.Macd.Histogram is { } histogram) Add(MacdWeight, histogram > 0 ? 1 : 0);
        if (s.VolumeRatio is { } ratio) Add(VolumeWeight, Math.Clamp(ratio / 2, 0, 1));
        if (s.Vwap is { } vwap) Add(VwapWeight, price >= vwap ? 1 : 0);

        return weights == 0 ? 0 : Math.Clamp(total / weights, 0, 1);

        void Add(double weight, double value)
        {
            total += weight * value;
            weights += weight;
        }
    }

    public static double RsiComponent(double rsi) => rsi switch
    {
        >= 50 and <= 80 => 1,
        < 50 => Math.Clamp((rsi - 30) / 20, 0, 1),
        _ => Math.Clamp((100 - rsi) / 20, 0, 1),
    };
}
