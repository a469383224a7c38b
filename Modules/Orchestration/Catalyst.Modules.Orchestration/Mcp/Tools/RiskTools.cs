using Catalyst.Modules.Risk.Contracts;

namespace Catalyst.Modules.Orchestration.Mcp.Tools;

/// <summary>§4.5 risk management, 004's kill switch and §7.4's supervised decisions: the Risk module's contracts.</summary>
internal static class RiskTools
{
    public static IEnumerable<ToolDefinition> All()
    {
        yield return new ToolDefinition(
            "update_risk_parameter",
            "Update risk parameter",
            """
            Change one risk parameter in config/risk_parameters.yaml (takes effect at once; every change is stored with
            who/when/old/new). Use it when the user asks to loosen or tighten a limit - loosening a limit increases the
            money at risk, so confirm first. parameter_path is the dot path; new_value a number.
            Common paths: daily_limits.max_daily_loss_usd (USD, default 2000), position_limits.max_positions (default 5),
            position_limits.max_position_pct (percent of capital, default 20 = 20%), correlation.max_correlation (default 0.7),
            stops.atr_multiplier (default 2), risk_per_trade_pct, risk_reward_ratio (minimum reward:risk).
            Example: {"parameter_path": "daily_limits.max_daily_loss_usd", "new_value": 3000}.
            Returns {"parameter", "old_value", "new_value", "actor", "changed_at", "message"}. An unknown path or an
            out-of-range value is refused (-32602, data.field); capital and kelly.* cannot change while a session runs.
            """,
            [
                new ToolParam("parameter_path", ParamKind.String,
                    "Dot path of the parameter, e.g. \"daily_limits.max_daily_loss_usd\".") { Required = true, MinLength = 1, MaxLength = 200 },
                ToolParam.Num("new_value", "The new value (a number; units as the parameter's).", required: true),
            ],
            ToolEffect.Destructive, Idempotent: true,
            async call =>
            {
                var change = await call.Send(new UpdateRiskParameter(call.Args.RequiredString("parameter_path"),
                    call.Args.Decimal("new_value")!.Value, "mcp:" + call.Caller));
                return new ToolOutput(change);
            });

        yield return new ToolDefinition(
            "get_risk_status",
            "Get risk status",
            """
            Get the current risk picture: today's P&L against the daily loss limit, open positions against the maximum,
            total exposure and the kill switch. Use it before trading, when the user asks how much room is left, and
            after any risk alert. Takes no arguments. Example: {}.
            Returns {"daily_pnl" (USD, realized + unrealized today), "daily_pnl_pct" (%), "max_daily_loss" (USD),
            "loss_limit_used_pct" (%), "positions_count", "max_positions", "total_exposure" (USD), "capital" (USD),
            "status" (healthy | warning | critical | halted), "kill_switch_active", "message"}.
            """,
            [],
            ToolEffect.ReadOnly, Idempotent: true,
            async call =>
            {
                var status = await call.Send(new GetRiskStatus());
                return new ToolOutput(Wire.With(status, ("message", RiskMessage(status))));
            });

        yield return new ToolDefinition(
            "activate_kill_switch",
            "Activate kill switch",
            """
            Turn the kill switch on: every new entry is refused until it is turned off; exits (closing, stops, targets)
            still work. Open positions are NOT closed - use close_all_positions or emergency_stop_trading for that. Use it
            when the user wants to stop opening trades right now. Example: {"reason": "Too many losses, stepping back"}.
            Returns {"active": true, "reason", "changed_at"}.
            """,
            [ToolParam.Str("reason", "Why trading is blocked (logged and shown in alerts).", required: true, minLength: 1, maxLength: 500)],
            ToolEffect.Additive, Idempotent: true,
            async call => new ToolOutput(Wire.With(await call.Send(new SetKillSwitch(true, call.Args.RequiredString("reason"), "mcp:" + call.Caller)),
                ("message", "Kill switch on: new entries are refused; exits still work"))));

        yield return new ToolDefinition(
            "deactivate_kill_switch",
            "Deactivate kill switch",
            """
            Turn the kill switch off so new entries are allowed again (the other risk checks still apply). Only on the
            user's explicit request. Takes no arguments. Example: {}.
            Returns {"active": false, "reason", "changed_at"}.
            """,
            [],
            ToolEffect.Destructive, Idempotent: true,
            async call => new ToolOutput(Wire.With(await call.Send(new SetKillSwitch(false, null, "mcp:" + call.Caller)),
                ("message", "Kill switch off: entries allowed again"))));

        yield return new ToolDefinition(
            "respond_to_risk_action",
            "Respond to risk action",
            """
            Decide a pending supervised risk action (supervised mode, §7.4): when a risk limit is hit the system announces
            the action it wants to take (e.g. flatten all positions at the daily loss limit) as an alert carrying an
            action_id (read catalyst://alerts/active) and runs it after a 5-minute window unless decided first.
            decision "approve" runs it now; "reject" cancels it (then act yourself, e.g. close_position on the worst loser).
            Example: {"action_id": "8b1d...", "decision": "reject"}.
            Returns {"action_id", "action_type", "status" (approved/executed or rejected), "description", "execute_at",
            "decided_at", "decided_by"}. A tool error when the action already ran, expired or was decided.
            """,
            [
                ToolParam.Id("action_id", "The action_id from the risk alert (a UUID)."),
                ToolParam.OneOf("decision", "approve (run it now) or reject (cancel it).", ["approve", "reject"], required: true),
            ],
            ToolEffect.Destructive, Idempotent: false,
            async call => new ToolOutput(await call.Send(new RespondToRiskAction(call.Args.Guid("action_id"),
                call.Args.RequiredString("decision") == "approve", "mcp:" + call.Caller)))) { OpenWorld = true };
    }

    private static string RiskMessage(RiskStatusDto status)
    {
        if (status.KillSwitchActive) return "Kill switch active: new entries are refused";
        return status.LossLimitUsedPct switch
        {
            >= 100 => "Daily loss limit reached: trading halted",
            >= 90 => "Critical: daily loss limit nearly reached",
            >= 75 => "Approaching daily loss limit",
            _ => "Within risk limits",
        };
    }
}
