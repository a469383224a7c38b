using Catalyst.Modules.Workflow.Contracts;

namespace Catalyst.Modules.Orchestration.Mcp.Tools;

/// <summary>§4.2 session management and v4.1/v5 session controls: the Workflow module's contracts.</summary>
internal static class SessionTools
{
    public static IEnumerable<ToolDefinition> All()
    {
        yield return new ToolDefinition(
            "start_trading_session",
            "Start trading session",
            """
            Start today's trading session (one trading cycle per NYSE trading day). Use it when the user wants to begin
            trading for the day. The cycle then runs the phases on US/Eastern time: pre-market scan 08:00-09:25, opening
            range 09:30-09:45, morning 09:45-11:30, midday 11:30-14:00, power hour 14:00-15:30, close and reconcile
            15:30-16:00 (every position is flattened by 16:00).
            session_mode: "supervised" (default) - entries happen only through execute_trade and every risk action
            (e.g. flattening at the daily loss limit) is announced as an alert with an action_id and runs after a
            5-minute window unless you approve or reject it first (respond_to_risk_action); "autonomous" - risk actions
            run at once and the rule-based Stage 1 strategy may enter trades by itself.
            Example: {"session_mode": "supervised"}.
            Returns {"cycle_id", "date", "session_mode", "status": "started", "phase", "message"}. Fails with a tool error
            (code WORKFLOW_ALREADY_RUNNING or MARKET_CLOSED) when today's session already runs or the market is closed today.
            """,
            [ToolParam.OneOf("session_mode", "How risk actions are handled: supervised (announce, 5-minute window) or autonomous (act at once).",
                [SessionModes.Supervised, SessionModes.Autonomous], defaultValue: SessionModes.Supervised)],
            ToolEffect.Additive, Idempotent: false,
            async call =>
            {
                var mode = call.Args.RequiredString("session_mode");
                var started = await call.Send(new StartTradingCycle(mode));
                return new ToolOutput(Wire.With(started, ("message", $"Trading session started in {mode} mode")));
            });

        yield return new ToolDefinition(
            "stop_trading_session",
            "Stop trading session",
            """
            Stop today's trading session: closes every open position at market, cancels open orders and ends the cycle.
            Use it when the user is done trading for the day before the automatic 15:30 ET close. This sells positions:
            confirm with the user first. reason is logged for later analysis (default "Manual stop").
            Example: {"reason": "Done for the day"}.
            Returns {"cycle_id", "status": "stopped", "positions_closed", "final_pnl" (USD, today's realized P&L),
            "stopped_at", "message"}. A tool error (code WORKFLOW_NOT_RUNNING) when no session runs.
            """,
            [ToolParam.Str("reason", "Why the session is stopped (logged).", minLength: 1, maxLength: 500, defaultValue: "Manual stop")],
            ToolEffect.Destructive, Idempotent: false,
            async call =>
            {
                var stopped = await call.Send(new StopTradingCycle(call.Args.RequiredString("reason")));
                return new ToolOutput(Wire.With(stopped, ("message", "Trading session stopped")));
            }) { OpenWorld = true };

        yield return new ToolDefinition(
            "pause_trading",
            "Pause trading",
            """
            Pause the running session: no new scans and no new entries until resume_trading is called or duration_seconds
            (1-86400) have passed. Open positions keep their stop-loss and take-profit orders, and the 15:30 ET close
            still flattens everything. Use it when the user wants to step back for a while (news pending, lunch).
            Example: {"duration_seconds": 1800, "reason": "FOMC minutes at 14:00"}.
            Returns the workflow status: {"cycle_id", "status": "paused", "phase", "paused_at", "resume_at", "pause_reason", ...}.
            """,
            [
                ToolParam.Int("duration_seconds", "How long to pause, in seconds (1-86400). Omit to pause until resume_trading.",
                    minimum: 1, maximum: PauseTradingCycle.MaxDurationSeconds),
                ToolParam.Str("reason", "Why trading is paused (logged).", minLength: 1, maxLength: 500, defaultValue: "Manual pause"),
            ],
            ToolEffect.Additive, Idempotent: true,
            async call =>
            {
                var status = await call.Send(new PauseTradingCycle(call.Args.Int("duration_seconds"), call.Args.RequiredString("reason")));
                return new ToolOutput(Wire.With(status, ("message", "Trading paused")));
            });

        yield return new ToolDefinition(
            "resume_trading",
            "Resume trading",
            """
            Resume a paused session: scans and entries start again in the current phase. Use it after pause_trading.
            Takes no arguments. Example: {}.
            Returns the workflow status {"cycle_id", "status": "running", "phase", ...}. A tool error when the session is not paused.
            """,
            [],
            ToolEffect.Additive, Idempotent: true,
            async call =>
            {
                var status = await call.Send(new ResumeTradingCycle());
                return new ToolOutput(Wire.With(status, ("message", "Trading resumed")));
            });

        yield return new ToolDefinition(
            "emergency_stop_trading",
            "Emergency stop",
            """
            EMERGENCY: halt everything now - turns the kill switch on (no new entries), cancels every open order, closes
            every position at market and stops the session, then raises a critical alert. Use it only when the user asks
            to stop everything immediately (market crash, system misbehaving). Needs a reason of at least 10 characters.
            Example: {"reason": "Market crash - user initiated"}.
            Returns {"cycle_id", "status": "emergency_stopped", "orders_cancelled", "positions_closed", "final_pnl",
            "stopped_at", "message"}. Trading stays halted until deactivate_kill_switch.
            """,
            [ToolParam.Str("reason", "Why (at least 10 characters; logged and alerted).", required: true,
                minLength: EmergencyStop.MinReasonLength, maxLength: 500)],
            ToolEffect.Destructive, Idempotent: false,
            async call =>
            {
                var stopped = await call.Send(new EmergencyStop(call.Args.RequiredString("reason")));
                return new ToolOutput(Wire.With(stopped, ("message", "Emergency stop executed: orders cancelled, positions closed, trading halted")));
            }) { OpenWorld = true };
    }
}
