using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Pattern.Tests;

/// <summary>
/// Synthetic one-minute bars from a close path: open halfway between the previous close and this close, wicks of
/// <see cref="Wick"/> beyond the body, so peaks and troughs are strict swing points.
/// </summary>
internal sealed class BarBuilder
{
    public const double Wick = 0.05;
    private readonly List<Bar> _bars = [];
    private DateTimeOffset _next;
    private double _last;

    public BarBuilder(double start, TimeOnly at = default, DateOnly? date = null)
    {
        _next = MarketTime.AtEastern(date ?? new DateOnly(2024, 3, 5), at == default ? new TimeOnly(9, 30) : at);
        _last = start;
    }

    public IReadOnlyList<Bar> Bars => _bars;

    /// <summary>Closes moving in equal steps from the last close to <paramref name="to"/> over <paramref name="bars"/> bars.</summary>
    public BarBuilder Line(double to, int bars, long volume)
    {
        var from = _last;
        for (var i = 1; i <= bars; i++) Close(from + (to - from) * i / bars, volume);
        return this;
    }

    public BarBuilder Closes(IEnumerable<double> closes, long volume)
    {
        foreach (var c in closes) Close(c, volume);
        return this;
    }

    public BarBuilder Close(double close, long volume, double? high = null, double? low = null)
    {
        var open = (_last + close) / 2;
        var h = high ?? Math.Max(open, close) + Wick;
        var l = low ?? Math.Min(open, close) - Wick;
        _bars.Add(new Bar(_next, Round(open), Round(h), Round(l), Round(close), volume));
        _next = _next.AddMinutes(1);
        _last = close;
        return this;
    }

    /// <summary>Deterministic noise of up to ±<paramref name="amplitude"/> on every price (seeded, so tests repeat).</summary>
    public static IReadOnlyList<Bar> Noisy(IReadOnlyList<Bar> bars, double amplitude, int seed = 7)
    {
        var random = new Random(seed);
        return bars.Select(b =>
        {
            var shift = Round((random.NextDouble() * 2 - 1) * amplitude);
            var wobble = Round(random.NextDouble() * amplitude / 2);
            return b with { Open = b.Open + shift, Close = b.Close + shift, High = b.High + shift + wobble, Low = b.Low + shift - wobble };
        }).ToList();
    }

    private static decimal Round(double value) => Math.Round((decimal)value, 4);
}
