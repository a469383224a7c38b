using Catalyst.Backtesting.Contracts;
using Catalyst.Modules.Orchestration.Mcp.Tools;
using Catalyst.Modules.Orchestration.Persistence;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModelContextProtocol.Server;

namespace Catalyst.Modules.Orchestration.Mcp.Resources;

/// <summary>CONTRACT.md §3 resources, each read through the owning module's contract.</summary>
internal static class ResourceCatalog
{
    public const string CycleCurrent = CatalystResource.Scheme + "trading-cycle/current";
    public const string PositionsCurrent = CatalystResource.Scheme + "positions/current";
    public const string AlertsActive = CatalystResource.Scheme + "alerts/active";

    /// <summary>The resources whose changes are pushed to subscribers (§7.4 "Claude notification via MCP resource update").</summary>
    public static readonly IReadOnlyList<string> Subscribable = [AlertsActive, PositionsCurrent, CycleCurrent];

    public static IEnumerable<ResourceDefinition> All()
    {
        // --- trading cycle (Workflow) ---
        yield return new ResourceDefinition(CycleCurrent, "trading-cycle/current", "Current trading cycle",
            "Today's cycle: cycle_id, date, market_status (open|closed|pre-market|after-hours), cycle_state, phase, " +
            "candidates_count, positions_count, daily_pnl (USD), daily_pnl_pct (%), trades_executed, win_rate (0-1). " +
            "Subscribe to be told when the state or phase changes.",
            async r => await r.Send(new GetCurrentCycle())) { Subscribable = true };
        yield return new ResourceDefinition(CatalystResource.Scheme + "trading-cycle/status", "trading-cycle/status",
            "Trading cycle status",
            "Workflow status: cycle_id, status (running|paused|stopped|emergency_stopped|closed|none), session_mode, phase, " +
            "started_at, pause and stop details, scans_completed, positions_held, instance (leader|standby).",
            async r => await r.Send(new GetWorkflowStatus()));
        yield return new ResourceDefinition(CatalystResource.Scheme + "trading-cycle/history", "trading-cycle/history",
            "Trading cycle history", "The last 30 trading cycles, newest first, each with its status, mode and timestamps.",
            async r => await r.Send(new GetCycleHistory(30)));
        yield return new ResourceDefinition(CatalystResource.Scheme + "trading-cycle/{cycle_id}/timeline", "trading-cycle/timeline",
            "Trading cycle timeline",
            "Chronological events of one cycle (cycle_id: UUID from trading-cycle/current): timestamp (UTC), event_type " +
            "(scan_started, scan_completed, phase_changed, order_filled, ...), description, metadata.",
            async r => await r.Send(new GetCycleTimeline(r.GuidValue("cycle_id"))));

        // --- market scan (Scanner) ---
        yield return new ResourceDefinition(CatalystResource.Scheme + "market-scan/latest", "market-scan/latest", "Latest market scan",
            "The latest scan's top 5 candidates with catalyst/technical/pattern/final scores (0-1), price, volume, news " +
            "catalyst, pattern, entry/target/stop, support/resistance, and the funnel counts (100 -> 35 -> 20 -> 10 -> 5).",
            async r => await r.Send(new GetLatestScan(5)));
        yield return new ResourceDefinition(CatalystResource.Scheme + "market-scan/candidates", "market-scan/candidates",
            "All scan candidates",
            "Every symbol of the latest scan's universe with the stage it reached and why it was dropped.",
            async r => await r.Send(new GetCandidateList(false)));
        yield return new ResourceDefinition(CatalystResource.Scheme + "market-scan/candidates/active", "market-scan/candidates/active",
            "Active candidates", "The final top 5 candidates of the latest scan, best first.",
            async r => await r.Send(new GetCandidateList(true)));
        yield return new ResourceDefinition(CatalystResource.Scheme + "market-scan/candidates/{symbol}", "market-scan/candidate",
            "Candidate analysis",
            "Detailed analysis of one symbol of the latest scan (symbol: ticker, e.g. TSLA): catalyst, technical, pattern " +
            "and risk_assessment (position_size, risk_amount, reward_potential, risk_reward_ratio).",
            async r => await r.Send(new GetCandidateAnalysis(Catalyst.SharedKernel.Domain.Symbol.TryParse(r.Value("symbol"), out var s)
                ? s.Value
                : throw new InvalidParamsException("symbol", $"'{r.Value("symbol")}' is not a valid symbol."))));

        // --- positions (Trading, Workflow) ---
        yield return new ResourceDefinition(PositionsCurrent, "positions/current", "Open positions",
            "All open positions: position_id, symbol, side, quantity, entry_price, current_price, unrealized_pnl (USD), " +
            "unrealized_pnl_pct (%), entry_time, time_in_position, stop_loss, take_profit, risk_amount, pattern. " +
            "Subscribe to be told when a position opens, changes or closes.",
            async r => await r.Send(new GetPositions("open"))) { Subscribable = true };
        yield return new ResourceDefinition(CatalystResource.Scheme + "positions/closed", "positions/closed", "Closed positions",
            "Recently closed positions with realized_pnl and closed_at.",
            async r => await r.Send(new GetPositions("closed")));
        yield return new ResourceDefinition(CatalystResource.Scheme + "positions/{position_id}/status", "positions/status",
            "Position status",
            "Real-time status of one position (position_id: UUID): status (open|closed|stopped_out), current_price, " +
            "unrealized_pnl, distance_to_stop, distance_to_target, technical_update (at_support, support_level, " +
            "pattern_intact) and a recommendation.",
            async r => await r.Send(new GetPositionMonitor(r.GuidValue("position_id"))));

        // --- performance (Reporting) ---
        foreach (var period in ReportPeriods.All)
        {
            yield return new ResourceDefinition(CatalystResource.Scheme + "performance/" + period, "performance/" + period,
                $"Performance ({period})",
                period switch
                {
                    ReportPeriods.Daily => "Today's performance: pnl, pnl_pct, trades_executed, trades_won, trades_lost, win_rate, avg_win, avg_loss, largest_win, largest_loss, profit_factor.",
                    ReportPeriods.Weekly => "This week's performance (Monday-Friday): pnl, pnl_pct, trades_executed, win_rate, sharpe_ratio, max_drawdown, best_day, worst_day.",
                    _ => "This month's performance: pnl, pnl_pct, trades_executed, win_rate, profit_factor, sharpe_ratio, max_drawdown, best_day, worst_day.",
                },
                async r => await r.Send(new GetPerformanceReport(period)));
        }

        // --- risk (Risk, Trading) ---
        yield return new ResourceDefinition(CatalystResource.Scheme + "risk/current", "risk/current", "Current risk",
            "daily_pnl, daily_pnl_pct, max_daily_loss, loss_limit_used_pct, positions_count, max_positions, total_exposure, " +
            "capital, status (normal|warning|critical|halted), kill_switch_active.",
            async r => await r.Send(new GetRiskStatus()));
        yield return new ResourceDefinition(CatalystResource.Scheme + "risk/limits", "risk/limits", "Risk limits and usage",
            "Each limit with its current use and what is left: daily_loss, max_positions, max_position_size, risk_per_trade, " +
            "min_risk_reward_ratio, order-flow guards, kill switch.",
            async r => await r.Send(new GetRiskLimits()));
        yield return new ResourceDefinition(CatalystResource.Scheme + "risk/exposures", "risk/exposures", "Position exposures",
            "Open exposure per symbol (side, quantity, avg_entry_price, current_price, market_value USD, share of capital) " +
            "and the gross, net, long and short totals.",
            async r => await r.Send(new GetRiskExposures()));

        // --- alerts (Risk) ---
        yield return new ResourceDefinition(AlertsActive, "alerts/active", "Active alerts",
            "Alerts that need attention: alert_id, severity (critical|warning|info), alert_type (daily_loss_limit, " +
            "position_risk, service_health, ...), message, timestamp, action_id (a pending supervised risk action to " +
            "approve or reject with respond_to_risk_action), details. Subscribe to be told when an alert is raised.",
            async r => await r.Send(new GetAlerts("active"))) { Subscribable = true };

        // --- backtests (Host; issue 9: run_backtest's result) ---
        yield return new ResourceDefinition(BacktestView.ListUri, "backtests", "Recent backtests",
            "The 20 most recent backtests, newest first: backtest_id, status (queued|running|completed|failed|cancelled), " +
            "progress (days_completed, days_total, percent, message), parameters and, once completed, the result summary " +
            "(report: pnl, pnl_pct, trades_executed, win_rate, profit_factor, sharpe_ratio, max_drawdown; days_count).",
            async r => (await r.Send(new ListBacktests(20))).Select(j => BacktestView.Of(j, includeDays: false)).ToList());
        yield return new ResourceDefinition(BacktestView.ItemTemplate, "backtest", "Backtest",
            "One backtest started with run_backtest (backtest_id: UUID): status, progress (days_completed, days_total, " +
            "percent 0-100, current_date, trades_so_far, pnl_so_far, message), parameters, error, and once completed the " +
            "result: run (days, bars, elapsed_seconds, bars_per_second, ending_equity), report (the performance-report " +
            "fields over the whole run) and days (one row per trading day); report_directory holds summary.json, " +
            "journal.csv, equity.png and index.html on the server.",
            async r => BacktestView.Of(await r.Send(new GetBacktest(r.GuidValue("backtest_id"))), includeDays: true));

        // --- system (Host) ---
        yield return new ResourceDefinition(CatalystResource.Scheme + "system/health", "system/health", "System health",
            "Readiness of PostgreSQL, Redis, the broker and the market data feed: status (Healthy|Degraded|Unhealthy) per check.",
            SystemHealth);
        yield return new ResourceDefinition(CatalystResource.Scheme + "system/config", "system/config", "System configuration",
            "Non-secret configuration: mode (simulation|paper|live), simulation settings, risk parameters, scan criteria, MCP transport.",
            SystemConfig);
        yield return new ResourceDefinition(CatalystResource.Scheme + "system/logs/recent", "system/logs/recent", "Recent activity",
            "The last 50 MCP tool calls (tool, outcome, caller, duration) and the current cycle's latest timeline events.",
            RecentLogs);
    }

    private static async ValueTask<object?> SystemHealth(ResourceContext r)
    {
        var health = r.Services.GetService<HealthCheckService>();
        if (health is null) return new { Status = "Unknown", Checks = new Dictionary<string, object>() };
        var report = await health.CheckHealthAsync(r.CancellationToken);
        return new
        {
            Status = report.Status.ToString(),
            TotalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            Checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                Status = e.Value.Status.ToString(),
                e.Value.Description,
                DurationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
    }

    private static async ValueTask<object?> SystemConfig(ResourceContext r)
    {
        var configuration = r.Services.GetRequiredService<IConfiguration>();
        var clock = r.Services.GetRequiredService<TimeProvider>();
        var transport = r.Services.GetRequiredService<McpTransportInfo>();
        var errors = new Dictionary<string, string>();
        var mode = (configuration["Catalyst:Mode"] ?? "Simulation").ToLowerInvariant();
        var simulation = configuration.GetSection("Catalyst:Simulation");
        return new
        {
            Mode = mode,
            Now = clock.GetUtcNow(),
            TradingDate = clock.TodayEastern(),
            Simulation = mode == "simulation"
                ? new
                {
                    Seed = simulation["Seed"] ?? "42",
                    Speed = simulation["Speed"] ?? "60",
                    Date = simulation["Date"],
                    AutoStart = simulation["AutoStart"] ?? "Supervised",
                }
                : null,
            Risk = await Optional(() => r.Send(new GetRiskConfig(5)), "risk", errors),
            ScanCriteria = await Optional(() => r.Send(new GetScanCriteria()), "scan_criteria", errors),
            Mcp = new
            {
                Transport = transport.Name,
                Endpoint = transport.Name == "http" ? "/mcp" : null,
                Tools = r.Services.GetServices<McpServerTool>().Count(),
                Resources = r.Services.GetServices<McpServerResource>().Count(),
                Prompts = r.Services.GetServices<McpServerPrompt>().Count(),
            },
            Unavailable = errors.Count == 0 ? null : errors,
        };
    }

    private static async ValueTask<object?> RecentLogs(ResourceContext r)
    {
        await r.Services.GetRequiredService<ToolCallRecorder>().FlushAsync(ToolCallRecorder.ReadWait, r.CancellationToken);
        await using var db = await r.Services.GetRequiredService<IDbContextFactory<OrchestrationDbContext>>()
            .CreateDbContextAsync(r.CancellationToken);
        var calls = await db.ToolCalls.AsNoTracking().OrderByDescending(c => c.CalledAt).Take(50)
            .Select(c => new { c.CalledAt, c.Tool, c.Outcome, c.Caller, DurationMs = Math.Round(c.DurationMs, 1), c.ErrorKind, c.ErrorMessage })
            .ToListAsync(r.CancellationToken);
        var errors = new Dictionary<string, string>();
        var timeline = await Optional(async () =>
        {
            var cycle = await r.Send(new GetCurrentCycle());
            return cycle.CycleId is { } id ? (await r.Send(new GetCycleTimeline(id))).TakeLast(20).ToList() : [];
        }, "timeline", errors);
        return new { ToolCalls = calls, Timeline = timeline, Unavailable = errors.Count == 0 ? null : errors };
    }

    /// <summary>A part of a composite resource that may be missing (a module not answering) without failing the whole.</summary>
    private static async Task<T?> Optional<T>(Func<ValueTask<T>> read, string name, Dictionary<string, string> errors) where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            errors[name] = ex is CatalystException c ? c.Message : "not available";
            return null;
        }
    }
}
