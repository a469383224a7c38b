using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;

namespace Catalyst.Modules.Workflow.Domain;

/// <summary>
/// The §3.4 position status view, pure: distances to stop and target, whether price sits on support, whether the setup
/// still holds, and what a trader would do about it.
/// </summary>
internal static class PositionAssessment
{
    /// <summary>Giving back more than this share of the initial risk (entry − stop) means the breakout has failed.</summary>
    private const decimal FailedShareOfRisk = 0.5m;

    public static PositionMonitorDto Assess(PositionDto position, decimal? price, decimal? technicalSupport, decimal? atr, string? exitReason)
    {
        var isLong = !string.Equals(position.Side, "short", StringComparison.OrdinalIgnoreCase);
        var open = string.Equals(position.Status, "open", StringComparison.OrdinalIgnoreCase);
        var status = open ? "open"
            : exitReason is not null && exitReason.Contains("stop", StringComparison.OrdinalIgnoreCase) ? "stopped_out" : "closed";
        price ??= position.CurrentPrice;
        var stop = position.StopLoss;
        var target = position.TakeProfit;
        decimal? toStop = price is { } p1 && stop is { } s1 ? Math.Round(isLong ? p1 - s1 : s1 - p1, 4) : null;
        decimal? toTarget = price is { } p2 && target is { } t2 ? Math.Round(isLong ? t2 - p2 : p2 - t2, 4) : null;

        // Support for a long is the nearest level under price: the technical one if it is above the stop, else the stop.
        decimal? support = isLong
            ? Max(technicalSupport is { } ts && (price is null || ts <= price) ? ts : null, stop)
            : stop;
        var tolerance = Math.Max(atr is > 0 ? atr.Value * 0.25m : 0m, (price ?? position.EntryPrice) * 0.003m);
        var atSupport = isLong && price is { } p3 && support is { } sup && p3 >= sup && p3 - sup <= tolerance;

        var risk = stop is { } s4 ? Math.Abs(position.EntryPrice - s4) : position.EntryPrice * 0.02m;
        var givenBack = price is { } p5 ? (isLong ? position.EntryPrice - p5 : p5 - position.EntryPrice) : 0m;
        var beyondStop = toStop is < 0 || toStop == 0;
        var intact = open && !beyondStop && givenBack <= risk * FailedShareOfRisk;

        string recommendation;
        if (!open) recommendation = $"Closed - {(status == "stopped_out" ? "stopped out" : exitReason ?? "position closed")}";
        else if (price is null) recommendation = "Hold - no current price; check the feed";
        else if (beyondStop) recommendation = "Exit - price is at or through the stop";
        else if (toTarget is <= 0) recommendation = "Take profit - target reached";
        else if (target is { } t && toTarget is { } tt && Math.Abs(t - position.EntryPrice) > 0 && tt <= Math.Abs(t - position.EntryPrice) * 0.25m)
            recommendation = "Consider taking profit - within a quarter of the move to target";
        else if (!intact) recommendation = "Tighten stop or exit - pattern failing, more than half the risk given back";
        else if (risk > 0 && -givenBack >= risk && stop is { } s6 && (isLong ? s6 < position.EntryPrice : s6 > position.EntryPrice))
            recommendation = "Hold - 1R reached, move the stop to breakeven";
        else if (atSupport) recommendation = "Hold - Pattern intact, near support";
        else recommendation = "Hold - Pattern intact";

        return new PositionMonitorDto(position.PositionId, position.Symbol, status, price,
            open ? position.UnrealizedPnl : position.RealizedPnl, toStop, toTarget,
            new TechnicalUpdateDto(atSupport, support, intact), recommendation);
    }

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
