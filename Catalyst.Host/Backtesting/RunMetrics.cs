using Catalyst.Backtesting.Contracts;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Host.Backtesting;

/// <summary>
/// The §5.6 report over a whole run. Reporting's contracts report a day, a week or a month; a run spans any range (the
/// Lean files span 2008–2023), so the same CONTRACT §4 rules are applied here to the journal Reporting returned:
/// outcomes as Reporting classified them; win_rate = wins / (wins + losses); profit_factor = gross profit / |gross loss|
/// (null without a loss); Sharpe = mean / sample stdev of daily returns × √252 over every day run (flat days are 0);
/// max drawdown from the equity curve stepped at each exit, the starting equity counting as a peak. USD to cents,
/// the rest to 4 decimals.
/// </summary>
internal static class RunMetrics
{
    public const string Period = "backtest";

    public static BacktestReportDto Compute(DateOnly start, DateOnly end, decimal startingEquity,
        IReadOnlyList<JournalEntryDto> journal, IReadOnlyList<BacktestDayDto> days)
    {
        var ordered = journal.OrderBy(t => t.ExitTime).ThenBy(t => t.TradeId).ToList();
        var wins = ordered.Where(t => t.Outcome == TradeOutcomes.Win).Select(t => t.Pnl).ToList();
        var losses = ordered.Where(t => t.Outcome == TradeOutcomes.Loss).Select(t => t.Pnl).ToList();
        var scratches = ordered.Count(t => t.Outcome == TradeOutcomes.Scratch);
        var pnl = ordered.Sum(t => t.Pnl);
        var grossProfit = wins.Sum();
        var grossLoss = losses.Sum();

        decimal equity = startingEquity, peak = startingEquity, maxDrawdown = 0m, maxDrawdownPct = 0m;
        foreach (var trade in ordered)
        {
            equity += trade.Pnl;
            peak = Math.Max(peak, equity);
            maxDrawdown = Math.Min(maxDrawdown, equity - peak);
            if (peak != 0) maxDrawdownPct = Math.Min(maxDrawdownPct, (equity - peak) / peak * 100m);
        }

        var byDay = ordered.GroupBy(t => MarketTime.EasternDate(t.ExitTime)).ToDictionary(g => g.Key, g => g.Sum(t => t.Pnl));
        BacktestDayPnlDto? best = null, worst = null;
        if (byDay.Count > 0)
        {
            var sorted = byDay.OrderBy(d => d.Key).ToList();
            var max = sorted.MaxBy(d => d.Value);
            var min = sorted.MinBy(d => d.Value);
            best = new BacktestDayPnlDto(max.Key, Usd(max.Value));
            worst = new BacktestDayPnlDto(min.Key, Usd(min.Value));
        }
        var rs = ordered.Where(t => t.RMultiple is not null).Select(t => t.RMultiple!.Value).ToList();

        return new BacktestReportDto(Period, start, end, Usd(startingEquity), Usd(pnl),
            startingEquity == 0 ? 0 : Ratio(pnl / startingEquity * 100m), ordered.Count, wins.Count, losses.Count, scratches,
            wins.Count + losses.Count == 0 ? null : Ratio((decimal)wins.Count / (wins.Count + losses.Count)),
            grossLoss == 0 ? null : Ratio(grossProfit / Math.Abs(grossLoss)),
            Sharpe(startingEquity, byDay, [.. days.Select(d => d.Date)]), Usd(maxDrawdown), Ratio(maxDrawdownPct),
            wins.Count == 0 ? null : Usd(grossProfit / wins.Count), losses.Count == 0 ? null : Usd(grossLoss / losses.Count),
            wins.Count == 0 ? null : Usd(wins.Max()), losses.Count == 0 ? null : Usd(losses.Min()),
            rs.Count == 0 ? null : Ratio(rs.Average()), best, worst);
    }

    internal static decimal? Sharpe(decimal startingEquity, IReadOnlyDictionary<DateOnly, decimal> pnlByDay,
        IReadOnlyList<DateOnly> daysRun)
    {
        var days = daysRun.Union(pnlByDay.Keys).Order().ToList();
        if (days.Count < 2) return null;
        var returns = new List<double>(days.Count);
        var equity = startingEquity;
        foreach (var day in days)
        {
            if (equity <= 0) return null;
            var dayPnl = pnlByDay.GetValueOrDefault(day);
            returns.Add((double)(dayPnl / equity));
            equity += dayPnl;
        }
        var mean = returns.Average();
        var stdev = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1));
        if (stdev < 1e-12) return null;
        var sharpe = mean / stdev * Math.Sqrt(252);
        return double.IsFinite(sharpe) ? Ratio((decimal)sharpe) : null;
    }

    private static decimal Usd(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static decimal Ratio(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
