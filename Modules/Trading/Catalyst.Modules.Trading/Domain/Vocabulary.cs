using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Trading.Domain;

/// <summary>Our order statuses on the wire (§5.2: submitted|filled|partially_filled|cancelled|rejected, plus the rest of the life).</summary>
internal static class OrderStatuses
{
    /// <summary>Stored as an intent, not yet acknowledged by the broker.</summary>
    public const string PendingNew = "pending_new";

    public const string Submitted = "submitted";

    /// <summary>A bracket leg waiting for its entry to fill.</summary>
    public const string Held = "held";

    public const string PartiallyFilled = "partially_filled";
    public const string Filled = "filled";
    public const string PendingCancel = "pending_cancel";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";
    public const string Expired = "expired";

    public static readonly string[] Terminal = [Filled, Cancelled, Rejected, Expired];
    public static readonly string[] Open = [PendingNew, Submitted, Held, PartiallyFilled, PendingCancel];

    public static bool IsTerminal(string status) => Terminal.Contains(status);

    public static string FromBroker(BrokerOrderStatus status) => status switch
    {
        BrokerOrderStatus.Held => Held,
        BrokerOrderStatus.PartiallyFilled => PartiallyFilled,
        BrokerOrderStatus.Filled => Filled,
        BrokerOrderStatus.Canceled => Cancelled,
        BrokerOrderStatus.Expired or BrokerOrderStatus.DoneForDay => Expired,
        BrokerOrderStatus.Rejected => Rejected,
        BrokerOrderStatus.PendingCancel => PendingCancel,
        _ => Submitted,
    };

    public static string Wire(BrokerOrderStatus status) => status switch
    {
        BrokerOrderStatus.PendingNew => "pending_new",
        BrokerOrderStatus.PartiallyFilled => "partially_filled",
        BrokerOrderStatus.DoneForDay => "done_for_day",
        BrokerOrderStatus.PendingCancel => "pending_cancel",
        BrokerOrderStatus.PendingReplace => "pending_replace",
        _ => status.ToString().ToLowerInvariant(),
    };
}

internal static class Wire
{
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    public static OrderSide ParseSide(string side) => side == "buy" ? OrderSide.Buy : OrderSide.Sell;

    public static string Type(OrderType type) => type switch
    {
        OrderType.StopLimit => "stop_limit",
        OrderType.TrailingStop => "trailing_stop",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static string Class(OrderClass orderClass) => orderClass.ToString().ToLowerInvariant();

    public static string Tif(TimeInForce tif) => tif.ToString().ToLowerInvariant();

    public static OrderSide Opposite(OrderSide side) => side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
}

internal static class PositionSides
{
    public const string Long = "long";
    public const string Short = "short";

    /// <summary>The side that reduces a position of this side.</summary>
    public static OrderSide ClosingSide(string side) => side == Long ? OrderSide.Sell : OrderSide.Buy;
}

internal static class PositionStatuses
{
    public const string Open = "open";
    public const string Closed = "closed";
}

internal static class LegRoles
{
    public const string TakeProfit = "take_profit";
    public const string StopLoss = "stop_loss";
    public const string TrailingStop = "trailing_stop";
}

internal static class OrderPurposes
{
    public const string Entry = "entry";
    public const string Exit = "exit";
    public const string Close = "close";
    public const string Protect = "protect";
    public const string Leg = "leg";
    public const string Adopted = "adopted";
}

/// <summary>Why a round trip ended, as Reporting's journal groups them.</summary>
internal static class ExitReasons
{
    public const string StopLoss = "stop_loss";
    public const string TakeProfit = "take_profit";
    public const string TrailingStop = "trailing_stop";
    public const string Manual = "manual";
    public const string EndOfDay = "eod";
    public const string Emergency = "emergency";
    public const string RiskLimit = "risk_limit";
    public const string Reconcile = "reconcile";
    public const string External = "external";

    private static readonly string[] Known = [StopLoss, TakeProfit, TrailingStop, Manual, EndOfDay, Emergency, RiskLimit, Reconcile, External];

    /// <summary>
    /// The category of a free-text close reason ("Manual close", "EOD flatten", "Emergency stop: …"); the text itself goes
    /// to the audit log.
    /// </summary>
    public static string Classify(string? reason)
    {
        var text = (reason ?? string.Empty).Trim().ToLowerInvariant();
        if (Known.Contains(text)) return text;
        if (text.Contains("manual", StringComparison.Ordinal)) return Manual;
        if (text.Contains("emergency", StringComparison.Ordinal) || text.Contains("kill", StringComparison.Ordinal)) return Emergency;
        if (text.Contains("eod", StringComparison.Ordinal) || text.Contains("end of day", StringComparison.Ordinal)
            || text.Contains("end-of-day", StringComparison.Ordinal) || text.Contains("market close", StringComparison.Ordinal)
            || text.Contains("flatten", StringComparison.Ordinal)) return EndOfDay;
        if (text.Contains("loss limit", StringComparison.Ordinal) || text.Contains("risk", StringComparison.Ordinal)) return RiskLimit;
        if (text.Contains("stop loss", StringComparison.Ordinal) || text.Contains("stop-loss", StringComparison.Ordinal)
            || text.Contains("stopped out", StringComparison.Ordinal)) return StopLoss;
        if (text.Contains("target", StringComparison.Ordinal) || text.Contains("profit", StringComparison.Ordinal)) return TakeProfit;
        return Manual;
    }

    public static string ForLeg(string? legRole) => legRole switch
    {
        LegRoles.TakeProfit => TakeProfit,
        LegRoles.StopLoss => StopLoss,
        LegRoles.TrailingStop => TrailingStop,
        _ => Manual,
    };
}
