using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Market;

internal enum CatalystPattern { BullFlag, FlatTopBreakout, Fade }

internal enum CatalystKind
{
    EarningsBeat, EarningsMiss, FdaApproval, Acquisition, GuidanceRaise, GuidanceCut, AnalystUpgrade, AnalystDowngrade,
    ContractWin, Offering, Legal, ProductLaunch,
}

/// <summary>Why and how a catalyst name moves today; the news generator writes its articles from this.</summary>
internal sealed record CatalystPlan(Symbol Symbol, CatalystKind Kind, CatalystPattern Pattern, decimal GapPercent,
    double RelativeVolume, DateTimeOffset NewsAt)
{
    public bool Positive => IsPositive(Kind);

    public static bool IsPositive(CatalystKind kind) => kind is CatalystKind.EarningsBeat or CatalystKind.FdaApproval
        or CatalystKind.Acquisition or CatalystKind.GuidanceRaise or CatalystKind.AnalystUpgrade or CatalystKind.ContractWin
        or CatalystKind.ProductLaunch;
}

/// <summary>
/// One symbol's data for the simulated day: its minute bars (sorted, possibly with missing minutes) and its prior
/// daily bars. Prefix aggregates make "the day so far" O(1) after a binary search.
/// </summary>
internal sealed class SymbolDay
{
    private readonly long[] _cumulativeVolume;
    private readonly long[] _cumulativeTrades;
    private readonly decimal[] _cumulativeNotional;
    private readonly decimal[] _runningHigh;
    private readonly decimal[] _runningLow;

    public SymbolDay(Symbol symbol, Bar[] minutes, Bar[] priorDaily, CatalystPlan? catalyst = null)
    {
        Symbol = symbol;
        Minutes = minutes;
        PriorDaily = priorDaily;
        Catalyst = catalyst;
        _cumulativeVolume = new long[minutes.Length];
        _cumulativeTrades = new long[minutes.Length];
        _cumulativeNotional = new decimal[minutes.Length];
        _runningHigh = new decimal[minutes.Length];
        _runningLow = new decimal[minutes.Length];
        long volume = 0, trades = 0;
        decimal notional = 0;
        for (var i = 0; i < minutes.Length; i++)
        {
            volume += minutes[i].Volume;
            _cumulativeVolume[i] = volume;
            trades += minutes[i].TradeCount;
            _cumulativeTrades[i] = trades;
            notional += (minutes[i].Vwap ?? minutes[i].Close) * minutes[i].Volume;
            _cumulativeNotional[i] = notional;
            _runningHigh[i] = i == 0 ? minutes[i].High : Math.Max(_runningHigh[i - 1], minutes[i].High);
            _runningLow[i] = i == 0 ? minutes[i].Low : Math.Min(_runningLow[i - 1], minutes[i].Low);
        }
    }

    public Symbol Symbol { get; }
    public Bar[] Minutes { get; }
    public Bar[] PriorDaily { get; }
    public CatalystPlan? Catalyst { get; }

    public Bar? PreviousDaily => PriorDaily.Length > 0 ? PriorDaily[^1] : null;

    /// <summary>How many minute bars have completed at <paramref name="now"/> (a bar starting at t completes at t+1min).</summary>
    public int CompletedCount(DateTimeOffset now)
    {
        var cutoff = now - TimeSpan.FromMinutes(1);
        int lo = 0, hi = Minutes.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Minutes[mid].Time <= cutoff) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Index of the first bar starting at or after <paramref name="time"/>.</summary>
    public int LowerBound(DateTimeOffset time)
    {
        int lo = 0, hi = Minutes.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Minutes[mid].Time < time) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public long VolumeSoFar(int completed) => completed == 0 ? 0 : _cumulativeVolume[completed - 1];

    public long TradesSoFar(int completed) => completed == 0 ? 0 : _cumulativeTrades[completed - 1];

    /// <summary>Today's bar from the first completed minute to the last, stamped at midnight Eastern like Alpaca's.</summary>
    public Bar? DailySoFar(int completed, DateOnly date)
    {
        if (completed == 0) return null;
        var volume = _cumulativeVolume[completed - 1];
        var trades = _cumulativeTrades[completed - 1];
        var notional = _cumulativeNotional[completed - 1];
        return new Bar(MarketTime.AtEastern(date, TimeOnly.MinValue), Minutes[0].Open, _runningHigh[completed - 1],
            _runningLow[completed - 1], Minutes[completed - 1].Close, volume, trades,
            volume > 0 ? Math.Round(notional / volume, 4) : null);
    }
}

/// <summary>Everything the simulated market knows about its day: generated or replayed.</summary>
internal sealed class MarketDay
{
    private readonly Dictionary<Symbol, SymbolDay> _bySymbol;

    public MarketDay(DateOnly date, IReadOnlyList<SymbolDay> symbols)
    {
        Date = date;
        Symbols = symbols;
        _bySymbol = symbols.ToDictionary(s => s.Symbol);
        Catalysts = [.. symbols.Where(s => s.Catalyst is not null).Select(s => s.Catalyst!)];
    }

    public DateOnly Date { get; }
    public IReadOnlyList<SymbolDay> Symbols { get; }
    public IReadOnlyList<CatalystPlan> Catalysts { get; }

    public SymbolDay? Find(Symbol symbol) => _bySymbol.GetValueOrDefault(symbol);

    public int MinuteBarCount => Symbols.Sum(s => s.Minutes.Length);
}
