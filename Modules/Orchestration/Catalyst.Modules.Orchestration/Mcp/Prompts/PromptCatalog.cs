using System.Globalization;
using Catalyst.Modules.Orchestration.Mcp.Resources;

namespace Catalyst.Modules.Orchestration.Mcp.Prompts;

/// <summary>The seed's §7 interaction patterns, as prompts an assistant can start from.</summary>
internal static class PromptCatalog
{
    private const string Scheme = CatalystResource.Scheme;

    public static IEnumerable<PromptDefinition> All()
    {
        yield return new PromptDefinition(
            "daily_session_start",
            "Start the trading day",
            "§7.1: check the system, start today's trading session in the chosen mode and report what to expect.",
            [new PromptArg("session_mode", "supervised (default): risk actions wait 5 minutes for the user's decision; autonomous: they run at once.",
                Allowed: ["supervised", "autonomous"])],
            args =>
            {
                var mode = args.GetValueOrDefault("session_mode", "supervised");
                return $"""
                    Start today's Catalyst trading session in {mode} mode.

                    1. Check the embedded system/health below: if PostgreSQL or the broker is Unhealthy, stop and tell me.
                    2. Look at the embedded trading-cycle/current: if today's cycle already runs, say so (cycle_id, phase,
                       session mode) instead of starting another.
                    3. Otherwise call start_trading_session with session_mode="{mode}" and note the cycle_id.
                    4. Call get_risk_status and tell me the limits in force (max daily loss, max positions, capital) and
                       whether the kill switch is on.
                    5. Subscribe to (or re-read) {Scheme}alerts/active, {Scheme}positions/current and
                       {Scheme}trading-cycle/current so you notice risk alerts, fills and phase changes.
                    Then answer briefly, e.g. "Trading session started. Supervising risk actions today." and list the day's
                    phases in US/Eastern time (pre-market scan 08:00-09:25, opening range 09:30-09:45, morning 09:45-11:30,
                    midday 11:30-14:00, power hour 14:00-15:30, close 15:30-16:00).
                    {(mode == "supervised" ? "In supervised mode you never enter a trade without my explicit yes, and risk actions announced as alerts wait for my decision (respond_to_risk_action) for 5 minutes." : "In autonomous mode the system may enter trades and act on risk limits by itself; keep me informed.")}
                    """;
            },
            [Scheme + "system/health", Scheme + "trading-cycle/current"]);

        yield return new PromptDefinition(
            "review_scan_results",
            "Review today's candidates",
            "§7.2: read the latest scan, analyse the top candidates and recommend trades with entry, target, stop and size.",
            [
                new PromptArg("top_n", "How many candidates to list (1-20, default 5).") { Check = v => IntBetween(v, 1, 20) },
                new PromptArg("analyze", "How many of the top candidates to analyse in depth (1-10, default 3).") { Check = v => IntBetween(v, 1, 10) },
            ],
            args =>
            {
                var topN = args.GetValueOrDefault("top_n", "5");
                var analyze = args.GetValueOrDefault("analyze", "3");
                return $"""
                    What stocks should we trade today?

                    1. Call get_scan_results with top_n={topN}.
                    2. For each of the top {analyze} candidates call get_candidate_analysis(symbol).
                    3. Present them in rank order, each like:
                       1. **TSLA** (Rank #1, Score: 0.88)
                          - Catalyst: <headline> (sentiment: 0.85)
                          - Pattern: <pattern>
                          - Entry: $243.00, Target: $252.00, Stop: $238.00
                          - Risk/Reward: 1.8:1
                          - Position size: 50 shares ($250 risk)
                       Use the numbers from the analysis (risk_assessment.position_size, risk_amount, risk_reward_ratio);
                       never invent them. If risk_assessment says not approved, say why.
                    4. If the scan has fewer candidates than asked, or none yet, say so plainly (the pre-market scan runs
                       from 08:00 ET once the session is started).
                    5. End with: "Would you like me to execute any of these trades?" - and do not call execute_trade until I
                       name the symbol and confirm.
                    """;
            },
            []);

        yield return new PromptDefinition(
            "risk_alert_response",
            "Respond to a risk alert",
            "§7.4: explain an active risk alert with the current P&L and positions, lay out the options and act only on the user's decision.",
            [new PromptArg("alert_id", "The alert to handle (UUID); default: the most severe active alert.") { Check = v => Guid.TryParse(v, out _) ? null : "must be a UUID." }],
            args =>
            {
                var which = args.TryGetValue("alert_id", out var id) ? $"the alert {id}" : "the most severe active alert";
                return $"""
                    A risk alert needs attention: handle {which} (active alerts are embedded below).

                    1. Call get_risk_status and read {Scheme}positions/current (unrealized P&L per position).
                    2. Tell me, like:
                       RISK ALERT: <message>
                       Current Status:
                       - Daily P&L: -$1,900 (-1.9%)
                       - Loss Limit: $2,000, Limit Used: 95%
                       - Positions: N open, each with its P&L and whether it is at support or breaking down
                         (read {Scheme}positions/<position_id>/status for that)
                    3. If the alert carries an action_id (supervised mode), say what the system will do and that it runs
                       5 minutes after the alert (see its details) unless I approve or reject it.
                    4. Offer clear options, e.g. close all positions, close only the weakest (name it), keep a position that
                       holds support, or raise the loss limit (update_risk_parameter daily_limits.max_daily_loss_usd).
                    5. Wait for my decision. Then act with exactly the tools it needs - close_position(symbol, reason),
                       close_all_positions, respond_to_risk_action(action_id, approve|reject), update_risk_parameter -
                       and report the updated P&L and loss-limit use (get_risk_status).
                    Never raise a limit or approve a flatten on your own.
                    """;
            },
            [Scheme + "alerts/active", Scheme + "risk/current"]);

        yield return new PromptDefinition(
            "end_of_day_summary",
            "End-of-day summary",
            "§7.5: summarise the trading day - performance, top performers, lessons learned - from the report and the journal.",
            [new PromptArg("date", "The trading day, YYYY-MM-DD (default: today, US/Eastern).") { Check = v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "must be a date as YYYY-MM-DD." }],
            args =>
            {
                var dateArg = args.TryGetValue("date", out var date) ? $", date=\"{date}\"" : "";
                var journalArg = args.TryGetValue("date", out var d2) ? $"date=\"{d2}\"" : "";
                return $"""
                    Write the daily trading summary{(args.TryGetValue("date", out var d3) ? " for " + d3 : "")}.

                    1. Call get_performance_report(period="daily"{dateArg}) - it also returns the equity curve chart.
                    2. Call get_trade_journal({journalArg}) for the individual trades.
                    3. Write it like:
                       Daily Trading Summary - <Month day, year>
                       Performance:
                       - Daily P&L: -$450.25 (-0.45%)
                       - Trades: 8 executed
                       - Win Rate: 62.5% (5 wins, 3 losses)
                       - Profit Factor: 1.23
                       - Largest Win: $420 (AAPL), Largest Loss: -$275 (NVDA)
                       Top Performers: the best and worst trades with their pattern and catalyst, marked win/loss.
                       Lessons Learned: 2-3 concrete observations from the journal (which patterns and catalysts worked,
                       exits that saved or cost money), no generic advice.
                    Use only numbers from the tools; if there were no trades, say so. Finish with "Same time tomorrow?"
                    """;
            },
            []);
    }

    private static string? IntBetween(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? null
            : $"must be a whole number from {min} to {max}.";
}
