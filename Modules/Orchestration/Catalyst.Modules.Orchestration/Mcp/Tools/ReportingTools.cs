using Catalyst.Modules.Reporting.Contracts;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Orchestration.Mcp.Tools;

/// <summary>§4.6 reporting: the Reporting module's contracts.</summary>
internal static class ReportingTools
{
    public static IEnumerable<ToolDefinition> All()
    {
        yield return new ToolDefinition(
            "get_performance_report",
            "Get performance report",
            """
            Get trading performance for a period, with the equity curve as a PNG chart. Use it for end-of-day reviews and
            when the user asks how trading went. period: daily (default; one trading day), weekly (Monday-Friday) or
            monthly (calendar month); date (YYYY-MM-DD, optional) picks the period, default today (US/Eastern).
            Example: {"period": "daily"} or {"period": "weekly", "date": "2025-10-24"}.
            Returns {"period", "date_start", "date_end", "pnl" (USD), "pnl_pct" (% of starting equity), "trades_executed",
            "trades_won", "trades_lost", "win_rate" (0-1), "profit_factor", "sharpe_ratio", "max_drawdown" (USD, <= 0),
            "avg_win", "avg_loss", "largest_win", "largest_loss", "avg_r_multiple", "best_day", "worst_day"} plus an
            image content block with the equity curve. Empty periods give zeros and nulls.
            """,
            [
                ToolParam.OneOf("period", "daily, weekly or monthly.", ReportPeriods.All, defaultValue: ReportPeriods.Daily),
                ToolParam.Day("date", "A date inside the period, YYYY-MM-DD (default: today, US/Eastern)."),
            ],
            ToolEffect.ReadOnly, Idempotent: true,
            async call =>
            {
                var period = call.Args.RequiredString("period");
                var date = call.Args.Date("date");
                var report = await call.Send(new GetPerformanceReport(period, date));
                try
                {
                    var png = await call.Send(new RenderEquityCurve(period, date));
                    return new ToolOutput(report) { Images = [(png, "image/png")] };
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or CatalystException))
                {
                    // The numbers are the answer; a chart that fails to render must not take them away.
                    call.Services.GetRequiredService<ILogger<ToolContext>>().LogWarning(ex, "Equity curve for {Period} could not be rendered", period);
                    return new ToolOutput(Wire.With(report, ("chart", "unavailable")));
                }
            });

        yield return new ToolDefinition(
            "get_trade_journal",
            "Get trade journal",
            """
            Get the closed trades (round trips) of a day with their context: pattern, catalyst, hold time, outcome and
            notes. Use it to review what worked, or to answer questions about a specific trade. date (YYYY-MM-DD,
            default today US/Eastern) is the day the trades were closed; symbol narrows to one ticker; outcome to win,
            loss or scratch.
            Example: {} (today) or {"date": "2025-10-25", "symbol": "TSLA"}.
            Returns {"date", "symbol", "trades_count", "total_pnl" (USD), "trades": [{"trade_id", "symbol", "side",
            "entry_time", "exit_time" (UTC), "entry_price", "exit_price", "quantity", "pnl" (USD), "pnl_pct" (%),
            "r_multiple", "pattern", "catalyst", "outcome", "hold_time_minutes", "exit_reason", "notes"}]}.
            """,
            [
                ToolParam.Day("date", "Trading day (US/Eastern) the trades were closed, YYYY-MM-DD. Default: today."),
                ToolParam.Sym("symbol", "Only this ticker, e.g. \"TSLA\".", required: false),
                ToolParam.OneOf("outcome", "Only wins, losses or scratches.", TradeOutcomes.All),
            ],
            ToolEffect.ReadOnly, Idempotent: true,
            async call =>
            {
                var date = call.Args.Date("date") ?? call.Services.GetRequiredService<TimeProvider>().TodayEastern();
                var symbol = call.Args.OptionalSymbol("symbol")?.Value;
                var trades = await call.Send(new GetTradeJournal(date, symbol, call.Args.String("outcome")));
                return new ToolOutput(new
                {
                    Date = date,
                    Symbol = symbol,
                    TradesCount = trades.Count,
                    TotalPnl = trades.Sum(t => t.Pnl),
                    Trades = trades,
                });
            });
    }
}
