namespace Catalyst.Modules.Technical.Domain;

internal enum LevelKind { Support, Resistance }

internal readonly record struct PriceLevel(double Price, LevelKind Kind, int Touches, double Strength, int LastTouchIndex);

/// <summary>
/// Support and resistance from swing points. A swing high (low) is a bar whose high (low) is strictly above (below) the
/// <c>swingBars</c> bars on each side; it is confirmed <c>swingBars</c> bars later. Swing prices within a tolerance of
/// an existing level (half an ATR(14), at least 0.1% of price) merge into it: the level's price becomes the mean of its
/// touches. At most <c>maxLevels</c> are kept (the weakest, then oldest, is dropped), so each update is O(1).
/// Strength = touches/(touches+1) × recency, recency falling linearly from 1 to 0.5 over 500 bars since the last touch.
/// A level is support when below the current price and resistance when above, whichever swings formed it.
/// </summary>
internal sealed class SupportResistance
{
    private const int FallbackBars = 20;
    private readonly int _swingBars;
    private readonly int _maxLevels;
    private readonly double[] _highs;
    private readonly double[] _lows;
    private readonly double[] _recentHighs = new double[FallbackBars];
    private readonly double[] _recentLows = new double[FallbackBars];
    private readonly List<Level> _levels;
    private readonly Atr _atr = new(14);
    private int _index = -1;

    public SupportResistance(int swingBars = 3, int maxLevels = 24)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(swingBars, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLevels, 1);
        _swingBars = swingBars;
        _maxLevels = maxLevels;
        _highs = new double[2 * swingBars + 1];
        _lows = new double[2 * swingBars + 1];
        _levels = new List<Level>(maxLevels + 1);
    }

    public double LastClose { get; private set; }

    public void Add(double high, double low, double close)
    {
        _index++;
        LastClose = close;
        _atr.Add(high, low, close);
        var window = _highs.Length;
        _highs[_index % window] = high;
        _lows[_index % window] = low;
        _recentHighs[_index % FallbackBars] = high;
        _recentLows[_index % FallbackBars] = low;
        if (_index < window - 1) return;

        var centreIndex = _index - _swingBars;
        var centre = centreIndex % window;
        bool isHigh = true, isLow = true;
        for (var j = 0; j < window; j++)
        {
            if (j == centre) continue;
            if (_highs[j] >= _highs[centre]) isHigh = false;
            if (_lows[j] <= _lows[centre]) isLow = false;
        }
        if (isHigh) Touch(_highs[centre], centreIndex, close);
        if (isLow) Touch(_lows[centre], centreIndex, close);
    }

    private void Touch(double price, int barIndex, double close)
    {
        var tolerance = Math.Max(0.5 * (_atr.Value.Atr ?? 0), Math.Abs(close) * 0.001);
        Level? nearest = null;
        var bestDistance = double.MaxValue;
        foreach (var level in _levels)
        {
            var distance = Math.Abs(level.Price - price);
            if (distance <= tolerance && distance < bestDistance)
            {
                bestDistance = distance;
                nearest = level;
            }
        }
        if (nearest is not null)
        {
            nearest.Price = (nearest.Price * nearest.Touches + price) / (nearest.Touches + 1);
            nearest.Touches++;
            nearest.LastTouch = barIndex;
            return;
        }
        _levels.Add(new Level { Price = price, Touches = 1, LastTouch = barIndex });
        if (_levels.Count <= _maxLevels) return;
        var weakest = 0;
        for (var i = 1; i < _levels.Count; i++)
        {
            var a = _levels[i];
            var b = _levels[weakest];
            if (a.Touches < b.Touches || (a.Touches == b.Touches && a.LastTouch < b.LastTouch)) weakest = i;
        }
        _levels.RemoveAt(weakest);
    }

    /// <summary>Every level relative to the last close, strongest first.</summary>
    public IReadOnlyList<PriceLevel> Levels()
    {
        var result = new List<PriceLevel>(_levels.Count);
        foreach (var level in _levels)
        {
            var age = _index - level.LastTouch;
            var recency = Math.Max(0.5, 1 - age / 1000.0);
            var strength = level.Touches / (level.Touches + 1.0) * recency;
            result.Add(new PriceLevel(level.Price, level.Price <= LastClose ? LevelKind.Support : LevelKind.Resistance,
                level.Touches, strength, level.LastTouch));
        }
        result.Sort((a, b) => b.Strength.CompareTo(a.Strength) is var c and not 0 ? c : a.Price.CompareTo(b.Price));
        return result;
    }

    /// <summary>The nearest level below the last close; without one, the lowest low of the last 20 bars.</summary>
    public double? Support
    {
        get
        {
            if (_index < 0) return null;
            double? best = null;
            foreach (var level in _levels)
                if (level.Price <= LastClose && (best is null || level.Price > best)) best = level.Price;
            return best ?? RecentExtreme(_recentLows, Math.Min);
        }
    }

    /// <summary>The nearest level above the last close; without one, the highest high of the last 20 bars.</summary>
    public double? Resistance
    {
        get
        {
            if (_index < 0) return null;
            double? best = null;
            foreach (var level in _levels)
                if (level.Price > LastClose && (best is null || level.Price < best)) best = level.Price;
            return best ?? RecentExtreme(_recentHighs, Math.Max);
        }
    }

    private double RecentExtreme(double[] values, Func<double, double, double> pick)
    {
        var count = Math.Min(_index + 1, FallbackBars);
        var result = values[0];
        for (var i = 1; i < count; i++) result = pick(result, values[i]);
        return result;
    }

    private sealed class Level
    {
        public double Price;
        public int Touches;
        public int LastTouch;
    }
}
