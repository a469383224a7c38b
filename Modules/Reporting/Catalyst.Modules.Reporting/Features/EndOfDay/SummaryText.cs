using System.Globalization;
using System.Text;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Features.Reports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Reporting.Features.EndOfDay;

/// <summary>The §7.5 end-of-day summary as plain text (the email body, the webhook's "text", the log line).</summary>
internal static class SummaryText
{
    public static string Subject(PerformanceReportDto r) =>
        $"Catalyst daily summary {r.DateStart:yyyy-MM-dd}: {SummaryFormat.Usd(r.Pnl, signed: true)} ({SummaryFormat.Pct(r.PnlPct)}), " +
        $"{r.TradesExecuted} trade{(r.TradesExecuted == 1 ? "" : "s")}";

    public static string Build(PerformanceReportDto r, IReadOnlyList<JournalEntryDto> trades, string journalLink)
    {
        var en = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("📊 Daily Trading Summary - ").AppendLine(r.DateStart.ToString("MMMM d, yyyy", en));
        sb.AppendLine();
        sb.AppendLine("Performance:");
        sb.Append("- Daily P&L: ").Append(SummaryFormat.Usd(r.Pnl)).Append(" (").Append(SummaryFormat.Pct(r.PnlPct)).AppendLine(")");
        sb.Append("- Trades: ").Append(r.TradesExecuted).Append(" executed");
        if (r.TradesScratch > 0) sb.Append(", ").Append(r.TradesScratch).Append(" scratch");
        sb.AppendLine();
        if (r.WinRate is { } winRate)
            sb.Append("- Win Rate: ").Append(SummaryFormat.Fraction(winRate)).Append(" (").Append(r.TradesWon).Append(" wins, ")
                .Append(r.TradesLost).AppendLine(" losses)");
        else
            sb.AppendLine("- Win Rate: n/a (no decided trades)");
        sb.Append("- Profit Factor: ").AppendLine(r.ProfitFactor is { } pf ? SummaryFormat.Number(pf)
            : r.TradesWon > 0 ? "n/a (no losing trade)" : "n/a");
        if (r.LargestWin is { } lw) sb.Append("- Largest Win: ").Append(SummaryFormat.Usd(lw)).Append(Who(trades, lw)).AppendLine();
        if (r.LargestLoss is { } ll) sb.Append("- Largest Loss: ").Append(SummaryFormat.Usd(ll)).Append(Who(trades, ll)).AppendLine();
        if (r.AvgRMultiple is { } avgR) sb.Append("- Average R: ").AppendLine(SummaryFormat.Number(avgR));
        sb.Append("- Max Drawdown: ").Append(SummaryFormat.Usd(r.MaxDrawdown)).Append(" (").Append(SummaryFormat.Pct(r.MaxDrawdownPct))
            .AppendLine(")");
        sb.AppendLine();

        if (trades.Count == 0)
        {
            sb.AppendLine("No trades closed today.");
        }
        else
        {
            sb.AppendLine("Top Performers:");
            var i = 0;
            foreach (var t in trades.OrderByDescending(t => Math.Abs(t.Pnl)).ThenBy(t => t.ExitTime).Take(3))
            {
                sb.Append(++i).Append(". ").Append(Mark(t.Outcome)).Append(' ').Append(t.Symbol).Append(": ")
                    .Append(SummaryFormat.Usd(t.Pnl, signed: true));
                var why = string.Join(", ", new[] { t.Pattern, t.Catalyst, t.ExitReason }.Where(s => !string.IsNullOrWhiteSpace(s)));
                if (why.Length > 0) sb.Append(" (").Append(why).Append(')');
                sb.AppendLine();
            }
            var byPattern = trades.GroupBy(t => string.IsNullOrWhiteSpace(t.Pattern) ? "no pattern" : t.Pattern!)
                .OrderByDescending(g => g.Sum(t => t.Pnl)).ToList();
            sb.AppendLine();
            sb.AppendLine("By Pattern:");
            foreach (var g in byPattern)
            {
                var won = g.Count(t => t.Outcome == TradeOutcomes.Win);
                sb.Append("- ").Append(g.Key).Append(": ").Append(won).Append('/').Append(g.Count()).Append(" won, ")
                    .AppendLine(SummaryFormat.Usd(g.Sum(t => t.Pnl), signed: true));
            }
        }
        sb.AppendLine();
        sb.Append("View full trade journal: ").AppendLine(journalLink);
        sb.AppendLine();
        sb.Append("Next session: ").Append(NyseCalendar.NextTradingDay(r.DateStart).ToString("dddd, MMMM d, yyyy", en)).AppendLine(".");
        return sb.ToString();
    }

    private static string Mark(string outcome) => outcome switch
    {
        TradeOutcomes.Win => "✅",
        TradeOutcomes.Loss => "❌",
        _ => "➖",
    };

    private static string Who(IReadOnlyList<JournalEntryDto> trades, decimal pnl) =>
        trades.FirstOrDefault(t => t.Pnl == pnl) is { } t ? $" ({t.Symbol})" : "";
}
