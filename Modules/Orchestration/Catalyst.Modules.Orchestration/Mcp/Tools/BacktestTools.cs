using System.Globalization;
using System.Text.Json.Nodes;
using Catalyst.Backtesting.Contracts;
using Catalyst.Modules.Orchestration.Mcp.Resources;

namespace Catalyst.Modules.Orchestration.Mcp.Tools;

/// <summary>
/// Backtests (issue 9): the RunBacktest / GetBacktest / ListBacktests / CancelBacktest messages that
/// POST/GET/DELETE /api/v1/backtests send, with the same argument names and the same validation (the request's own
/// <see cref="RunBacktest.Validate"/> and the Host's planner), so a bad range is -32602 here exactly where REST says 400.
/// </summary>
internal static class BacktestTools
{
    public static IEnumerable<ToolDefinition> All()
    {
        yield return new ToolDefinition(
            "run_backtest",
            "Run backtest",
            $$"""
            Start a backtest: replay trading days through the same Scanner -> Pattern -> Technical -> Risk -> Trading ->
            Reporting pipeline as live trading (the autonomous Stage 1 strategy) on a virtual clock, on a database of its
            own - the live session, positions and account are not touched. Use it when the user asks how the strategy or a
            risk setting would have done over some days. It runs in the background on the server: this call answers at
            once with a backtest_id; then call get_backtest with it every 5-10 seconds (or read
            catalyst://backtests/{backtest_id}) until status is completed, failed or cancelled. Each simulated day costs
            tens of seconds of server time, so keep ranges short unless the user wants more; cancel_backtest stops one.
            Two sources. Without data_dir: generated (simulated) days, start_date and end_date required (YYYY-MM-DD; the
            NYSE trading days between them, at most {{RunBacktest.MaxCalendarDays}} calendar days); seed picks the generated market
            (default the server's, 42). With data_dir: a folder on the server of 1-minute CSV bars (Lean or Alpaca
            layout) - every day in the files, or those between start_date and end_date. symbols narrows the market to
            those tickers (they must exist in the source; a wrong one is refused with examples of valid ones);
            universe_size (20-5000 symbols) and catalyst_day_share (0-1) shape the simulated market; starting_cash (USD,
            default 100000), slippage_bps (basis points, 0-1000) and risk_file (a risk parameters YAML on the server,
            default a copy of the live one) set up the account and the risk manager.
            Example: {"start_date": "2026-11-02", "end_date": "2026-11-06"} or {"start_date": "2026-11-04",
            "end_date": "2026-11-04", "universe_size": 20, "seed": 7}.
            Returns {"backtest_id", "status" (queued), "progress" {"days_completed", "days_total", "percent", ...},
            "parameters", "resource_uri", "message"}. A bad range, folder, file or symbol is a JSON-RPC error -32602
            whose data.field names the argument (e.g. end_date before start_date) - fix it and call again.
            """,
            [
                ToolParam.Day("start_date", "First day, YYYY-MM-DD. Required unless data_dir is given."),
                ToolParam.Day("end_date", $"Last day (inclusive), YYYY-MM-DD, not before start_date, at most {RunBacktest.MaxCalendarDays} calendar days after it. Required unless data_dir is given."),
                ToolParam.Syms("symbols", $"Only these tickers, e.g. [\"AAPL\", \"TSLA\"] (at most {RunBacktest.MaxSymbols}). Default: the whole market of the source.",
                    RunBacktest.MaxSymbols),
                ToolParam.Int("seed", "Seed of the generated market (simulated days only); the same seed and day give the same market. Default: the server's (42)."),
                ToolParam.Str("data_dir", "A folder on the server with 1-minute CSV bars (Lean or Alpaca layout) to replay instead of simulated days.",
                    maxLength: 1000),
                ToolParam.Int("universe_size", "Symbols in the generated market, 20-5000 (simulated days only). Default: the server's setting (100).",
                    minimum: 20, maximum: 5000),
                ToolParam.Num("catalyst_day_share", "Share of generated days that carry catalyst names (news-driven movers), 0-1 (simulated days only). Default: the server's setting (1 = every day).",
                    minimum: 0, maximum: 1),
                ToolParam.Num("starting_cash", "Starting equity of the backtest account, USD (above 0, at most 1,000,000,000). Default 100000.",
                    exclusiveMinimum: 0, maximum: 1_000_000_000),
                ToolParam.Num("slippage_bps", "Simulated market-order slippage in basis points, 0-1000. Default: the server's setting (5).", minimum: 0, maximum: 1000),
                ToolParam.Str("risk_file", "A risk parameters YAML file on the server. Default: a copy of the live risk parameters.", maxLength: 1000),
            ],
            ToolEffect.Additive, Idempotent: false,
            async call =>
            {
                var a = call.Args;
                var job = await call.Send(new RunBacktest(a.Date("start_date"), a.Date("end_date"), a.Symbols("symbols"), a.Int("seed"),
                    a.String("data_dir"), a.Int("universe_size"), a.Decimal("catalyst_day_share") is { } share ? (double)share : null,
                    a.Decimal("starting_cash"), a.Decimal("slippage_bps"), a.String("risk_file")));
                return new ToolOutput(BacktestView.Of(job, includeDays: false));
            });

        yield return new ToolDefinition(
            "get_backtest",
            "Get backtest",
            """
            Poll a backtest started with run_backtest: its status (queued, running, completed, failed, cancelled), its
            progress and, once completed, its result. Call it every 5-10 seconds while the status is queued or running;
            tell the user the progress message now and then, and the result when it is completed. Without backtest_id it
            lists the 10 most recent backtests (newest first), to find one again.
            Example: {"backtest_id": "0193a2c4-..."} or {"backtest_id": "0193a2c4-...", "include_days": true} or {}.
            Returns {"backtest_id", "status", "progress" {"days_completed", "days_total", "percent" (0-100), "current_date",
            "trades_so_far", "pnl_so_far" (USD), "bars_processed", "message"}, "parameters", "created_at", "started_at",
            "finished_at", "error" (why it failed), "result" (once completed: {"run" {"days", "bars", "elapsed_seconds",
            "bars_per_second", "starting_cash", "ending_equity", ...}, "report" {"pnl" (USD), "pnl_pct" (%),
            "trades_executed", "trades_won", "trades_lost", "win_rate" (0-1), "profit_factor", "sharpe_ratio",
            "max_drawdown" (USD, <= 0), "avg_win", "avg_loss", "largest_win", "largest_loss", "best_day", "worst_day"},
            "days_count", "days" (one row per day, only with include_days)}), "report_directory" (summary.json,
            journal.csv, equity.png, index.html on the server), "resource_uri", "message"}; without backtest_id
            {"backtests": [...], "count"}. A tool error NOT_FOUND for an unknown id.
            """,
            [
                ToolParam.Id("backtest_id", "The backtest_id returned by run_backtest (a UUID). Omit it to list the recent backtests.",
                    required: false),
                ToolParam.Flag("include_days", "true: also the per-day rows of a completed result (date, pnl, trades, win rate...).",
                    defaultValue: false),
            ],
            ToolEffect.ReadOnly, Idempotent: true,
            async call =>
            {
                var includeDays = call.Args.Bool("include_days") ?? false;
                if (!call.Args.Has("backtest_id"))
                {
                    var jobs = await call.Send(new ListBacktests(10));
                    return new ToolOutput(new JsonObject
                    {
                        ["backtests"] = new JsonArray([.. jobs.Select(j => (JsonNode)BacktestView.Of(j, includeDays: false))]),
                        ["count"] = jobs.Count,
                        ["message"] = jobs.Count == 0 ? "No backtests yet; start one with run_backtest" : $"{jobs.Count} most recent backtest(s), newest first",
                    });
                }
                var job = await call.Send(new GetBacktest(call.Args.Guid("backtest_id")));
                return new ToolOutput(BacktestView.Of(job, includeDays));
            });

        yield return new ToolDefinition(
            "cancel_backtest",
            "Cancel backtest",
            """
            Cancel a backtest that is queued or running (a running one stops within a virtual minute; no report is
            written). Use it when the user no longer wants the result or a run takes too long. Example:
            {"backtest_id": "0193a2c4-..."}. Returns the backtest {"backtest_id", "status" (cancelled, or still running
            for a moment until it stops), "progress", "message"}. A tool error BACKTEST_FINISHED when it already
            completed, failed or was cancelled; NOT_FOUND for an unknown id.
            """,
            [ToolParam.Id("backtest_id", "The backtest_id returned by run_backtest (a UUID).")],
            ToolEffect.Destructive, Idempotent: true,
            async call => new ToolOutput(BacktestView.Of(await call.Send(new CancelBacktest(call.Args.Guid("backtest_id"))), includeDays: false)));
    }
}

/// <summary>
/// A backtest job as MCP answers it (tools and resources alike): the REST body (<see cref="BacktestJobDto"/>) plus
/// backtest_id, the resource to follow and a one-line message; per-day rows only on request, as a long run has hundreds.
/// </summary>
internal static class BacktestView
{
    public const string ListUri = CatalystResource.Scheme + "backtests";
    public const string ItemTemplate = CatalystResource.Scheme + "backtests/{backtest_id}";

    public static string UriOf(Guid id) => $"{ListUri}/{id}";

    public static JsonObject Of(BacktestJobDto job, bool includeDays)
    {
        var view = Wire.With(job, ("backtest_id", job.Id), ("resource_uri", UriOf(job.Id)), ("message", Message(job)));
        if (view["result"] is JsonObject result && result["days"] is JsonArray days)
        {
            result["days_count"] = days.Count;
            if (!includeDays) result.Remove("days");
        }
        return view;
    }

    private static string Message(BacktestJobDto job)
    {
        var p = job.Progress;
        return job.Status switch
        {
            BacktestStatuses.Queued =>
                $"Backtest {job.Id} queued; poll get_backtest {{\"backtest_id\": \"{job.Id}\"}} (or read {UriOf(job.Id)}) every 5-10 seconds until it is completed",
            BacktestStatuses.Running =>
                $"Backtest running: {p.Percent.ToString("0.#", CultureInfo.InvariantCulture)}% ({p.Message ?? $"{p.DaysCompleted}/{p.DaysTotal} days"}); " +
                $"{p.TradesSoFar} trade(s), P&L {Usd(p.PnlSoFar)} so far",
            BacktestStatuses.Completed when job.Result is { } r =>
                $"Backtest completed: {r.Run.Days} day(s) {Day(r.Run.DateStart)} to {Day(r.Run.DateEnd)}, {r.Report.TradesExecuted} trade(s) " +
                $"({r.Report.TradesWon} won, {r.Report.TradesLost} lost), P&L {Usd(r.Report.Pnl)} ({r.Report.PnlPct.ToString("0.##", CultureInfo.InvariantCulture)}%)" +
                (r.Report.WinRate is { } winRate ? $", win rate {(winRate * 100).ToString("0", CultureInfo.InvariantCulture)}%" : "") +
                $", max drawdown {Usd(r.Report.MaxDrawdown)}" +
                (job.ReportDirectory is { } dir ? $"; report in {dir} on the server (REST: GET /api/v1/backtests/{job.Id}/report/index.html)" : ""),
            BacktestStatuses.Failed => $"Backtest failed: {job.Error}",
            BacktestStatuses.Cancelled => "Backtest cancelled",
            _ => $"Backtest {job.Status}",
        };
    }

    private static string Usd(decimal value) =>
        (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
