using Catalyst.Modules.Scanner.Contracts;

namespace Catalyst.Modules.Orchestration.Mcp.Tools;

/// <summary>§4.3 market analysis and v4.1 scan criteria: the Scanner module's contracts.</summary>
internal static class MarketTools
{
    public static IEnumerable<ToolDefinition> All()
    {
        yield return new ToolDefinition(
            "get_scan_results",
            "Get scan results",
            """
            Get the latest market scan: the ranked candidates that passed the funnel (universe of ~100 most-active and
            gapping names -> news catalyst filter -> technical filter -> pattern confirmation -> final 5). Use it when the
            user asks what to trade today, then call get_candidate_analysis for the top few.
            top_n: how many candidates to return, 1-20 (default 5; ranks beyond 5 are runners-up that passed every filter).
            Example: {"top_n": 5}.
            Returns {"cycle_id", "scan_id", "scan_timestamp" (UTC), "candidates_count", "funnel_counts", "candidates": [{
            "symbol", "rank", "catalyst_score", "technical_score", "pattern_score", "final_score" (all 0-1), "price" (USD),
            "volume" (shares today), "gap_pct" (%), "relative_volume", "news_catalyst" (headline), "catalyst_type",
            "pattern", "entry", "target", "stop", "support", "resistance"}], "note"}. Fewer than 5 candidates on a quiet
            day is normal (note says so). A tool error NOT_FOUND when no scan has run yet today (the pre-market scan runs
            from 08:00 ET once a session is started).
            """,
            [ToolParam.Int("top_n", "Number of top candidates to return (1-20).", minimum: 1, maximum: 20, defaultValue: 5)],
            ToolEffect.ReadOnly, Idempotent: true,
            async call => new ToolOutput(await call.Send(new GetLatestScan(call.Args.Int("top_n") ?? 5))));

        yield return new ToolDefinition(
            "get_candidate_analysis",
            "Get candidate analysis",
            """
            Get the full analysis of one symbol from the latest scan: its news catalyst, technical indicators, chart
            pattern with entry/target/stop, and a risk assessment (position size the risk rules allow, dollars at risk,
            reward potential, reward:risk). Use it before recommending or executing a trade.
            Example: {"symbol": "TSLA"}.
            Returns {"symbol", "scan_timestamp", "candidate": {...ranking as in get_scan_results},
            "catalyst": {"headline", "sentiment" (-1..1), "catalyst_type", "catalyst_strength" (0-1)},
            "technical": {"price", "sma_20", "sma_50", "rsi_14", "atr_14", "support", "resistance", ...},
            "pattern": {"type", "confidence" (0-1), "entry", "target", "stop"},
            "risk_assessment": {"approved", "position_size" (shares), "risk_amount" (USD), "reward_potential" (USD),
            "risk_reward_ratio"}}. Sections are null when the scan has none. A tool error NOT_FOUND when the symbol is
            not in the latest scan.
            """,
            [ToolParam.Sym("symbol", "Stock ticker, e.g. \"TSLA\" (case-insensitive).")],
            ToolEffect.ReadOnly, Idempotent: true,
            async call => new ToolOutput(await call.Send(new GetCandidateAnalysis(call.Args.Symbol("symbol").Value))));

        yield return new ToolDefinition(
            "update_scan_criteria",
            "Update scan criteria",
            """
            Change the criteria the market scan uses from the next scan on; only the arguments you give change, the rest
            keep their values. Use it when the user wants to widen or narrow what the scanner looks for.
            Prices in USD; min_volume in shares traded today; min_relative_volume is today's volume over the usual volume
            by this time of day (e.g. 5 = five times normal); min_gap_pct is the % change from the previous close;
            catalyst_required (same as news_required) drops names without a fresh bullish news catalyst; universe_size is
            how many most-active/gapping names enter the funnel (10-200).
            Example: {"min_price": 2, "max_price": 20, "min_relative_volume": 5, "catalyst_required": true}.
            Returns the full criteria now in force: {"min_price", "max_price", "min_volume", "min_relative_volume",
            "min_gap_pct", "news_required", "universe_size", "weights", "updated_at", "updated_by", ...}.
            Invalid values (e.g. min_price above max_price) are refused with the field named.
            """,
            [
                ToolParam.Num("min_price", "Lowest share price to consider, USD.", minimum: 0, maximum: ScanCriteriaRules.MaxPriceLimit),
                ToolParam.Num("max_price", "Highest share price to consider, USD.", exclusiveMinimum: 0, maximum: ScanCriteriaRules.MaxPriceLimit),
                ToolParam.Int("min_volume", "Minimum shares traded today so far.", minimum: 0),
                ToolParam.Num("min_relative_volume", "Minimum relative volume (today vs normal by this time), e.g. 5.", minimum: 0, maximum: 1000),
                ToolParam.Num("min_gap_pct", "Minimum gap from the previous close, in percent (e.g. 10 = +10%).", minimum: -100, maximum: 1000),
                ToolParam.Flag("catalyst_required", "true: only names with a fresh bullish news catalyst pass."),
                ToolParam.Flag("news_required", "Same as catalyst_required (the REST name); wins when both are given."),
                ToolParam.Int("universe_size", "How many names enter the funnel.", minimum: ScanCriteriaRules.MinUniverse,
                    maximum: ScanCriteriaRules.MaxUniverse),
            ],
            ToolEffect.Additive, Idempotent: true,
            async call =>
            {
                var a = call.Args;
                var names = new[] { "min_price", "max_price", "min_volume", "min_relative_volume", "min_gap_pct", "catalyst_required", "news_required", "universe_size" };
                if (!names.Any(a.Has))
                    throw new InvalidParamsException("arguments", "Give at least one criterion to change, e.g. {\"min_price\": 2}.");
                var patch = new ScanCriteriaPatch(
                    MinPrice: a.Decimal("min_price"),
                    MaxPrice: a.Decimal("max_price"),
                    MinVolume: a.Int("min_volume"),
                    MinRelativeVolume: a.Decimal("min_relative_volume"),
                    MinGapPct: a.Decimal("min_gap_pct"),
                    NewsRequired: a.Bool("news_required"),
                    UniverseSize: a.Int("universe_size"),
                    CatalystRequired: a.Bool("catalyst_required"));
                var criteria = await call.Send(new UpdateScanCriteria(patch, "mcp:" + call.Caller));
                return new ToolOutput(Wire.With(criteria, ("message", "Scan criteria updated; they apply from the next scan")));
            });
    }
}
