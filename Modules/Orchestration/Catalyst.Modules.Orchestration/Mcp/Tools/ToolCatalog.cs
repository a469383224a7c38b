namespace Catalyst.Modules.Orchestration.Mcp.Tools;

/// <summary>CONTRACT.md §3's tools, in the order an assistant meets them in a trading day.</summary>
internal static class ToolCatalog
{
    public static IEnumerable<ToolDefinition> All() =>
        SessionTools.All()
            .Concat(MarketTools.All())
            .Concat(TradingTools.All())
            .Concat(RiskTools.All())
            .Concat(ReportingTools.All())
            .Concat(BacktestTools.All());
}
