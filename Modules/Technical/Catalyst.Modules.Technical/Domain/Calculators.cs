namespace Catalyst.Modules.Technical.Domain;

// Every indicator is defined once, as an O(1)-per-bar calculator; the batch form (Series) just runs the calculator over
// the input, so batch and incremental agree by construction. Math is in double for speed; decimals are converted at the
// module's edges. A value is null during warm-up, exactly where the reference library (Stock.Indicators) returns null.

/// <summary>Simple moving average over the last <c>period</c> values.</summary>
internal sealed class Sma
{
    private readonly double[] _window;
    private int _next;
    private int _count;
    private double _sum;

    public Sma(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new double[period];
    }

    public int Period => _window.Length;
    public double? Value { get; private set; }

    public double? Add(double value)
    {
        if (_count == _window.Length) _sum -= _window[_next];
        else _count++;
        _window[_next] = value;
        _sum += value;
        _next++;
        if (_next == _window.Length)
        {
            _next = 0;
            // A running sum drifts over millions of updates; re-adding the window once per wrap keeps it exact at
            // amortised O(1).
            _sum = 0;
            foreach (var v in _window) _sum += v;
        }
        return Value = _count == _window.Length ? _sum / _window.Length : null;
    }

    public static double?[] Series(ReadOnlySpan<double> values, int period)
    {
        var calc = new Sma(period);
        var result = new double?[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = calc.Add(values[i]);
        return result;
    }
}

/// <summary>Exponential moving average seeded with the SMA of the first <c>period</c> values, then k = 2/(N+1).</summary>
internal sealed class Ema
{
    private readonly int _period;
    private readonly double _k;
    private int _count;
    private double _seedSum;
    private double _ema;

    public Ema(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _k = 2.0 / (period + 1);
    }

    public double? Value { get; private set; }

    public double? Add(double value)
    {
        if (_count < _period)
        {
            _count++;
            _seedSum += value;
            if (_count < _period) return Value = null;
            _ema = _seedSum / _period;
            return Value = _ema;
        }
        _ema += _k * (value - _ema);
        return Value = _ema;
    }

    public static double?[] Series(ReadOnlySpan<double> values, int period)
    {
        var calc = new Ema(period);
        var result = new double?[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = calc.Add(values[i]);
        return result;
    }
}

/// <summary>
/// Wilder's RSI: the first average gain/loss is the simple mean of the first <c>period</c> changes, then
/// avg = (prev·(N−1) + x)/N. No losses at all reads 100 (as the reference does), so flat input is 100, never NaN.
/// </summary>
internal sealed class Rsi
{
    private readonly int _period;
    private int _changes;
    private bool _hasPrevious;
    private double _previous;
    private double _avgGain;
    private double _avgLoss;

    public Rsi(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
    }

    public double? Value { get; private set; }

    public double? Add(double close)
    {
        if (!_hasPrevious)
        {
            _hasPrevious = true;
            _previous = close;
            return Value = null;
        }
        var change = close - _previous;
        _previous = close;
        var gain = change > 0 ? change : 0;
        var loss = change < 0 ? -change : 0;
        if (_changes < _period)
        {
            _changes++;
            _avgGain += gain;
            _avgLoss += loss;
            if (_changes < _period) return Value = null;
            _avgGain /= _period;
            _avgLoss /= _period;
        }
        else
        {
            _avgGain = (_avgGain * (_period - 1) + gain) / _period;
            _avgLoss = (_avgLoss * (_period - 1) + loss) / _period;
        }
        return Value = _avgLoss > 0 ? 100 - 100 / (1 + _avgGain / _avgLoss) : 100;
    }

    public static double?[] Series(ReadOnlySpan<double> closes, int period)
    {
        var calc = new Rsi(period);
        var result = new double?[closes.Length];
        for (var i = 0; i < closes.Length; i++) result[i] = calc.Add(closes[i]);
        return result;
    }
}

internal readonly record struct MacdValue(double? Macd, double? Signal, double? Histogram, double? FastEma, double? SlowEma);

/// <summary>MACD = EMA(fast) − EMA(slow); signal = EMA(signal) of MACD, seeded with the SMA of its first values.</summary>
internal sealed class Macd
{
    private readonly Ema _fast;
    private readonly Ema _slow;
    private readonly Ema _signal;

    public Macd(int fast = 12, int slow = 26, int signal = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        _fast = new Ema(fast);
        _slow = new Ema(slow);
        _signal = new Ema(signal);
    }

    public MacdValue Value { get; private set; }

    public MacdValue Add(double close)
    {
        var fast = _fast.Add(close);
        var slow = _slow.Add(close);
        if (fast is not { } f || slow is not { } s) return Value = new MacdValue(null, null, null, fast, slow);
        var macd = f - s;
        var signal = _signal.Add(macd);
        return Value = new MacdValue(macd, signal, macd - signal, f, s);
    }

    public static MacdValue[] Series(ReadOnlySpan<double> closes, int fast = 12, int slow = 26, int signal = 9)
    {
        var calc = new Macd(fast, slow, signal);
        var result = new MacdValue[closes.Length];
        for (var i = 0; i < closes.Length; i++) result[i] = calc.Add(closes[i]);
        return result;
    }
}

internal readonly record struct AtrValue(double? Tr, double? Atr, double? Atrp);

/// <summary>
/// True range (null on the first bar, which has no previous close) and Wilder's ATR: the mean of the first
/// <c>period</c> true ranges, then (prev·(N−1) + TR)/N. ATRP = ATR / close · 100 (null at a zero close).
/// </summary>
internal sealed class Atr
{
    private readonly int _period;
    private bool _hasPrevious;
    private double _previousClose;
    private int _ranges;
    private double _atr;

    public Atr(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
    }

    public AtrValue Value { get; private set; }

    public AtrValue Add(double high, double low, double close)
    {
        if (!_hasPrevious)
        {
            _hasPrevious = true;
            _previousClose = close;
            return Value = default;
        }
        var tr = Math.Max(high - low, Math.Max(Math.Abs(high - _previousClose), Math.Abs(low - _previousClose)));
        _previousClose = close;
        if (_ranges < _period)
        {
            _ranges++;
            _atr += tr;
            if (_ranges < _period) return Value = new AtrValue(tr, null, null);
            _atr /= _period;
        }
        else
        {
            _atr = (_atr * (_period - 1) + tr) / _period;
        }
        return Value = new AtrValue(tr, _atr, close == 0 ? null : _atr / close * 100);
    }

    public static AtrValue[] Series(ReadOnlySpan<Ohlcv> bars, int period = 14)
    {
        var calc = new Atr(period);
        var result = new AtrValue[bars.Length];
        for (var i = 0; i < bars.Length; i++) result[i] = calc.Add(bars[i].High, bars[i].Low, bars[i].Close);
        return result;
    }
}

internal readonly record struct BollingerValue(double? Sma, double? Upper, double? Lower, double? PercentB, double? ZScore,
    double? Width);

/// <summary>Bollinger bands with the population standard deviation (÷N), as the reference computes them.</summary>
internal sealed class Bollinger
{
    private readonly double[] _window;
    private readonly double _k;
    private int _next;
    private int _count;
    private double _sum;
    private double _sumSquares;

    public Bollinger(int period = 20, double standardDeviations = 2)
    {
        // One value has no spread: a period of 1 is as meaningless as 0 and the reference rejects both.
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(standardDeviations, 0);
        _window = new double[period];
        _k = standardDeviations;
    }

    public BollingerValue Value { get; private set; }

    public BollingerValue Add(double close)
    {
        if (_count == _window.Length)
        {
            var old = _window[_next];
            _sum -= old;
            _sumSquares -= old * old;
        }
        else
        {
            _count++;
        }
        _window[_next] = close;
        _sum += close;
        _sumSquares += close * close;
        if (++_next == _window.Length)
        {
            _next = 0;
            // Resynchronise once per wrap (amortised O(1)): subtracting squares accumulates rounding error.
            _sum = 0;
            _sumSquares = 0;
            foreach (var v in _window)
            {
                _sum += v;
                _sumSquares += v * v;
            }
        }
        if (_count < _window.Length) return Value = default;

        var n = _window.Length;
        var mean = _sum / n;
        var variance = Math.Max(0, _sumSquares / n - mean * mean);
        var sd = Math.Sqrt(variance);
        var upper = mean + _k * sd;
        var lower = mean - _k * sd;
        return Value = new BollingerValue(mean, upper, lower,
            upper == lower ? null : (close - lower) / (upper - lower),
            sd == 0 ? null : (close - mean) / sd,
            mean == 0 ? null : (upper - lower) / mean);
    }

    public static BollingerValue[] Series(ReadOnlySpan<double> closes, int period = 20, double standardDeviations = 2)
    {
        var calc = new Bollinger(period, standardDeviations);
        var result = new BollingerValue[closes.Length];
        for (var i = 0; i < closes.Length; i++) result[i] = calc.Add(closes[i]);
        return result;
    }
}

/// <summary>On-balance volume: starts at 0 on the first bar; ± volume on an up/down close, unchanged on a flat close.</summary>
internal sealed class Obv
{
    private bool _hasPrevious;
    private double _previousClose;

    public double Value { get; private set; }

    public double Add(double close, double volume)
    {
        if (_hasPrevious)
        {
            if (close > _previousClose) Value += volume;
            else if (close < _previousClose) Value -= volume;
        }
        _hasPrevious = true;
        _previousClose = close;
        return Value;
    }

    public static double[] Series(ReadOnlySpan<Ohlcv> bars)
    {
        var calc = new Obv();
        var result = new double[bars.Length];
        for (var i = 0; i < bars.Length; i++) result[i] = calc.Add(bars[i].Close, bars[i].Volume);
        return result;
    }
}

/// <summary>
/// Relative volume: this bar's volume over the average volume of the <c>period</c> bars before it. The current bar is
/// left out of its own baseline so that a spike is not diluted by itself. Null until <c>period</c> earlier bars exist or
/// while that average is zero.
/// </summary>
internal sealed class VolumeRatio
{
    private readonly Sma _average;

    public VolumeRatio(int period = 20) => _average = new Sma(period);

    public double? Value { get; private set; }

    public double? Add(double volume)
    {
        var baseline = _average.Value;
        Value = baseline is > 0 ? volume / baseline : null;
        _average.Add(volume);
        return Value;
    }

    public static double?[] Series(ReadOnlySpan<double> volumes, int period = 20)
    {
        var calc = new VolumeRatio(period);
        var result = new double?[volumes.Length];
        for (var i = 0; i < volumes.Length; i++) result[i] = calc.Add(volumes[i]);
        return result;
    }
}

/// <summary>
/// Volume-weighted average of the typical price (H+L+C)/3, reset at each US/Eastern trading date (the session).
/// Null while the session has traded no volume.
/// </summary>
internal sealed class Vwap
{
    private int _sessionKey = int.MinValue;
    private double _priceVolume;
    private double _volume;

    public double? Value { get; private set; }

    public double? Add(in Ohlcv bar)
    {
        if (bar.SessionKey != _sessionKey)
        {
            _sessionKey = bar.SessionKey;
            _priceVolume = 0;
            _volume = 0;
        }
        _priceVolume += (bar.High + bar.Low + bar.Close) / 3 * bar.Volume;
        _volume += bar.Volume;
        return Value = _volume > 0 ? _priceVolume / _volume : null;
    }

    public static double?[] Series(ReadOnlySpan<Ohlcv> bars)
    {
        var calc = new Vwap();
        var result = new double?[bars.Length];
        for (var i = 0; i < bars.Length; i++) result[i] = calc.Add(bars[i]);
        return result;
    }
}
