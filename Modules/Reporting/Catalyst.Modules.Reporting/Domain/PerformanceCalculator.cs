using Catalyst.Modules.Reporting.Contracts;

namespace Catalyst.Modules.Reporting.Domain;

/// <summary>One closed round trip as the metrics see it.</summary>
internal sealed record ClosedTrade(Guid Id, DateOnly TradingDate, DateTimeOffset ExitTime, decimal Pnl, decimal? RMultiple, string Outcome);

/// <summary>A point of the equity curve: the starting equity, then the equity after each closed trade.</summary>
internal readonly record struct EquityPoint(DateTimeOffset Time, decimal Equity, decimal Peak)
{
    public decimal Drawdown => Equity - Peak;
}

/// <summary>
/// The CONTRACT §4 Reporting metrics, pure and exact (decimal) except the Sharpe ratio's square root:
/// <list type="bullet">
/// <item>win_rate = wins / (wins + losses); scratches count as trades but in neither.</item>
/// <item>profit_factor = gross profit of the wins / |gross loss of the losses|; null with no loss (it would be infinite)
///   or no decided trade. Scratches stay out of both sums, as they do out of the win rate.</item>
/// <item>Sharpe = mean / stdev of daily returns × √252, where a day's return is its P&amp;L over the equity at the start of
///   that day (starting equity plus the period's P&amp;L so far). The stdev is the SAMPLE standard deviation (n − 1):
///   the days are a sample of the strategy's return distribution, and the population formula would overstate the
///   ratio on the short windows (a week = 5 days) reported here. Fewer than two days, or no spread, gives null.</item>
/// <item>max drawdown = the deepest fall of the equity curve below its running peak (the starting equity counts as a
///   peak), in USD (≤ 0) and in percent of that peak (≤ 0); the curve steps at each trade's exit, in exit order.</item>
/// </list>
/// Rounding: USD to cents, everything else to 4 decimals (away from zero), after the exact computation.
/// </summary>
internal static class PerformanceCalculator
{
    public const int TradingDaysPerYear = 252;

    public static string Classify(decimal pnl, decimal scratchThreshold) =>
        pnl == 0m || Math.Abs(pnl) < scratchThreshold ? TradeOutcomes.Scratch
        : pnl > 0m ? TradeOutcomes.Win
        : TradeOutcomes.Loss;

    public static IReadOnlyList<EquityPoint> EquityCurve(DateTimeOffset start, decimal startingEquity, IEnumerable<ClosedTrade> trades)
    {
        var points = new List<EquityPoint> { new(start, startingEquity, startingEquity) };
        decimal equity = startingEquity, peak = startingEquity;
        foreach (var t in Ordered(trades))
        {
            equity += t.Pnl;
            if (equity > peak) peak = equity;
            points.Add(new EquityPoint(t.ExitTime, equity, peak));
        }
        return points;
    }

    public static PerformanceReportDto Compute(ReportRange range, decimal startingEquity, IReadOnlyList<ClosedTrade> trades,
        IReadOnlyList<DateOnly> elapsedTradingDays)
    {
        var ordered = Ordered(trades).ToList();
        var wins = ordered.Where(t => t.Outcome == TradeOutcomes.Win).Select(t => t.Pnl).ToList();
        var losses = ordered.Where(t => t.Outcome == TradeOutcomes.Loss).Select(t => t.Pnl).ToList();
        var scratches = ordered.Count(t => t.Outcome == TradeOutcomes.Scratch);
        var pnl = ordered.Sum(t => t.Pnl);
        var grossProfit = wins.Sum();
        var grossLoss = losses.Sum();

        decimal? winRate = wins.Count + losses.Count == 0 ? null : Ratio((decimal)wins.Count / (wins.Count + losses.Count));
        decimal? profitFactor = grossLoss == 0m ? null : Ratio(grossProfit / Math.Abs(grossLoss));

        var curve = EquityCurve(DateTimeOffset.MinValue, startingEquity, ordered);
        var maxDrawdown = curve.Min(p => p.Drawdown);
        var maxDrawdownPct = curve.Min(p => p.Peak == 0m ? 0m : p.Drawdown / p.Peak * 100m);

        var byDay = ordered.GroupBy(t => t.TradingDate).ToDictionary(g => g.Key, g => g.Sum(t => t.Pnl));
        var rs = ordered.Where(t => t.RMultiple is not null).Select(t => t.RMultiple!.Value).ToList();

        DayPnlDto? best = null, worst = null;
        if (range.Period != ReportPeriods.Daily && byDay.Count > 0)
        {
            var days = byDay.OrderBy(d => d.Key).ToList();
            var max = days.MaxBy(d => d.Value);
            var min = days.MinBy(d => d.Value);
            best = new DayPnlDto(max.Key, Usd(max.Value));
            worst = new DayPnlDto(min.Key, Usd(min.Value));
        }

        return new PerformanceReportDto(range.Period, range.Start, range.End, Usd(startingEquity), Usd(pnl),
            startingEquity == 0m ? 0m : Ratio(pnl / startingEquity * 100m), ordered.Count, wins.Count, losses.Count, scratches,
            winRate, profitFactor, Sharpe(startingEquity, byDay, elapsedTradingDays), Usd(maxDrawdown), Ratio(maxDrawdownPct),
            wins.Count == 0 ? null : Usd(grossProfit / wins.Count), losses.Count == 0 ? null : Usd(grossLoss / losses.Count),
            wins.Count == 0 ? null : Usd(wins.Max()), losses.Count == 0 ? null : Usd(losses.Min()),
            rs.Count == 0 ? null : Ratio(rs.Average()), best, worst);
    }

    /// <summary>Daily returns over the elapsed trading days (flat days are zero) plus any other day that closed a trade.</summary>
    internal static decimal? Sharpe(decimal startingEquity, IReadOnlyDictionary<DateOnly, decimal> pnlByDay,
        IReadOnlyList<DateOnly> elapsedTradingDays)
    {
        var days = elapsedTradingDays.Union(pnlByDay.Keys).Order().ToList();
        if (days.Count < 2) return null;
        var returns = new List<double>(days.Count);
        var equity = startingEquity;
        foreach (var day in days)
        {
            var dayPnl = pnlByDay.GetValueOrDefault(day);
            if (equity <= 0m) return null; // a blown account has no meaningful return series
            returns.Add((double)(dayPnl / equity));
            equity += dayPnl;
        }
        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1);
        var stdev = Math.Sqrt(variance);
        if (stdev < 1e-12) return null;
        var sharpe = mean / stdev * Math.Sqrt(TradingDaysPerYear);
        return double.IsFinite(sharpe) ? Ratio((decimal)sharpe) : null;
    }

    private static IEnumerable<ClosedTrade> Ordered(IEnumerable<ClosedTrade> trades) =>
        trades.OrderBy(t => t.ExitTime).ThenBy(t => t.Id);

    internal static decimal Usd(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    internal static decimal Ratio(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
