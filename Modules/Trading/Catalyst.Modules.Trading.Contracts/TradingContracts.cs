using System.Text.Json.Serialization;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Ports;
using Mediator;

namespace Catalyst.Modules.Trading.Contracts;

// The Trading module's public surface. Trading owns this file: it may add members and messages, but must not rename or
// remove the ones below without updating every caller (Workflow, Reporting, Risk, Orchestration).

/// <summary>
/// §5.2 POST /api/v1/orders. Validated by Risk first (a rejection throws ForbiddenException carrying Risk's reason and
/// details), stored as an intent with a client_order_id, then sent to the broker. With StopLoss and TakeProfit an entry
/// goes as a bracket order; when the caller gives neither and Risk suggests both, the entry becomes a bracket with
/// Risk's. <paramref name="Source"/> says who asked ("api", "mcp", "strategy") for the audit log. OrderType Market,
/// Limit (LimitPrice), Stop (StopPrice) or StopLimit (both); whole shares except for plain market orders.
/// </summary>
public sealed record PlaceOrder(
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    OrderType OrderType = OrderType.Market,
    decimal? LimitPrice = null,
    decimal? StopPrice = null,
    decimal? StopLoss = null,
    decimal? TakeProfit = null,
    string? Pattern = null,
    string? Catalyst = null,
    string Source = "api") : IRequest<OrderPlacedDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate() => TradingValidation.PlaceOrder(this);
}

/// <summary>§5.2 201 body.</summary>
public sealed record OrderPlacedDto(Guid OrderId, string Status, string Symbol, decimal Quantity, string? AlpacaOrderId,
    DateTimeOffset SubmittedAt);

public sealed record GetOrderStatus(Guid OrderId) : IRequest<OrderStatusDto>;

/// <summary>§5.2 GET /orders/{id}/status body.</summary>
public sealed record OrderStatusDto(Guid OrderId, string Status, decimal FilledQty, decimal? AvgFillPrice, DateTimeOffset? FilledAt);

public sealed record CancelOrder(Guid OrderId) : IRequest<OrderStatusDto>;

/// <summary>Cancels every open order; returns how many were cancelled.</summary>
public sealed record CancelAllOrders(string Reason) : IRequest<int>;

/// <summary>Status "open" or "closed" (closed: the most recent first, at most 500).</summary>
public sealed record GetPositions(string Status = "open") : IRequest<IReadOnlyList<PositionDto>>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Status is not ("open" or "closed")) yield return ("status", $"'{Status}' is not a position status: use open or closed");
    }
}

/// <summary>§3.4 positions/current item.</summary>
public sealed record PositionDto(Guid PositionId, string Symbol, string Side, decimal Quantity, decimal EntryPrice,
    decimal? CurrentPrice, decimal? UnrealizedPnl, decimal? UnrealizedPnlPct, DateTimeOffset EntryTime, string TimeInPosition,
    decimal? StopLoss, decimal? TakeProfit, decimal? RiskAmount, string? Pattern, string Status, decimal RealizedPnl,
    DateTimeOffset? ClosedAt);

public sealed record GetPosition(Guid PositionId) : IRequest<PositionDto>;

/// <summary>
/// Cancels the symbol's working orders (bracket legs included) and sends a market order for the whole position. The
/// reason is classified for the journal (stop_loss, take_profit, manual, eod, emergency, risk_limit) and kept verbatim
/// in the audit log.
/// </summary>
public sealed record ClosePosition(string Symbol, string Reason = "Manual close") : IRequest<PositionClosedDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate() => TradingValidation.SymbolAndReason(Symbol, Reason);
}

/// <summary>
/// §5.2 POST /positions/{symbol}/close body. <paramref name="Status"/> "closed" when the closing order has filled (the
/// numbers are final); "closing" when it is still working (in the simulation it fills on the next virtual minute): then
/// avg_exit_price and realized_pnl are estimates at the last price and <paramref name="OrderId"/> is the order to follow.
/// </summary>
public sealed record PositionClosedDto(Guid PositionId, string Symbol, decimal QuantityClosed, decimal AvgExitPrice,
    decimal RealizedPnl, decimal RealizedPnlPct, DateTimeOffset ClosedAt, string Status = "closed", Guid? OrderId = null);

/// <summary>Cancels open orders and flattens every position; returns what was closed.</summary>
public sealed record CloseAllPositions(string Reason) : IRequest<IReadOnlyList<PositionClosedDto>>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate() => TradingValidation.Reason(Reason);
}

/// <summary>
/// Moves the position's exits at the broker (the bracket legs are replaced, not duplicated). TrailingStopPct (0–50, in
/// percent) replaces both exits with a trailing stop; MoveStopToBreakeven puts the stop at the average entry.
/// </summary>
public sealed record UpdatePosition(string Symbol, decimal? StopLoss = null, decimal? TakeProfit = null,
    decimal? TrailingStopPct = null, bool MoveStopToBreakeven = false) : IRequest<PositionDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate() => TradingValidation.UpdatePosition(this);
}

/// <summary>Reconciles orders and positions with the broker (start-up and close); returns the repairs made.</summary>
public sealed record ReconcileWithBroker(string Reason) : IRequest<ReconciliationDto>;

public sealed record ReconciliationDto(int OrdersRepaired, int PositionsRepaired, IReadOnlyList<string> Notes);

/// <summary>Realized P&amp;L today (US/Eastern trading day) and open exposure, for Risk's daily loss checks.</summary>
public sealed record GetTradingDaySummary(DateOnly? Date = null) : IRequest<TradingDaySummaryDto>;

public sealed record TradingDaySummaryDto(DateOnly Date, decimal RealizedPnl, decimal UnrealizedPnl, int OpenPositions,
    decimal GrossExposure, int TradesClosed, IReadOnlyList<OpenExposureDto> Exposures);

public sealed record OpenExposureDto(string Symbol, string Side, decimal Quantity, decimal MarketValue);

/// <summary>Published when an order's state changes (channel "orders:updated").</summary>
public sealed record OrderUpdated(Guid OrderId, string Symbol, string Status, decimal FilledQty, decimal? AvgFillPrice,
    DateTimeOffset Timestamp) : IIntegrationEvent
{
    public const string ChannelName = "orders:updated";

    [JsonIgnore]
    public string Channel => ChannelName;
}

/// <summary>Published when a position opens, changes size or stops (channel "positions:updated").</summary>
public sealed record PositionUpdated(Guid PositionId, string Symbol, string Status, decimal Quantity, DateTimeOffset Timestamp)
    : IIntegrationEvent
{
    public const string ChannelName = "positions:updated";

    [JsonIgnore]
    public string Channel => ChannelName;
}

/// <summary>
/// Published once per closed round trip (position back to flat). Reporting builds the trade journal from it; the
/// numbers are exact decimals. <paramref name="InitialRisk"/> is |entry − stop| × quantity at entry (for R multiples).
/// </summary>
public sealed record RoundTripClosed(Guid PositionId, string Symbol, string Side, decimal Quantity, decimal EntryPrice,
    decimal ExitPrice, DateTimeOffset EntryTime, DateTimeOffset ExitTime, decimal RealizedPnl, decimal? InitialRisk,
    string? Pattern, string? Catalyst, string ExitReason) : IIntegrationEvent
{
    public const string ChannelName = "positions:closed";

    [JsonIgnore]
    public string Channel => ChannelName;
}

/// <summary>The input rules of the Trading messages, shared by REST, MCP and in-process callers.</summary>
public static class TradingValidation
{
    public const int MaxReasonLength = 500;
    public const decimal MaxQuantity = 1_000_000m;

    public static IEnumerable<(string Field, string Message)> PlaceOrder(PlaceOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!Symbol.TryParse(o.Symbol, out _))
            yield return ("symbol", $"'{o.Symbol}' is not a valid symbol: 1-10 characters, a letter first, then A-Z, 0-9 or '.'");
        if (!Enum.IsDefined(o.Side)) yield return ("side", "side must be buy or sell");
        if (o.Quantity <= 0) yield return ("quantity", "quantity must be greater than 0");
        else if (o.Quantity > MaxQuantity) yield return ("quantity", $"quantity must be at most {MaxQuantity:0}");
        else if (o.Quantity != decimal.Truncate(o.Quantity)
                 && (o.OrderType != OrderType.Market || o.StopLoss is not null || o.TakeProfit is not null))
            yield return ("quantity", "fractional quantities are allowed only for plain market orders");

        switch (o.OrderType)
        {
            case OrderType.Market:
                if (o.LimitPrice is not null) yield return ("limit_price", "limit_price applies only to limit and stop_limit orders");
                if (o.StopPrice is not null) yield return ("stop_price", "stop_price applies only to stop and stop_limit orders");
                break;
            case OrderType.Limit:
                if (o.LimitPrice is null) yield return ("limit_price", "limit_price is required for limit orders");
                if (o.StopPrice is not null) yield return ("stop_price", "stop_price applies only to stop and stop_limit orders");
                break;
            case OrderType.Stop:
                if (o.StopPrice is null) yield return ("stop_price", "stop_price is required for stop orders");
                if (o.LimitPrice is not null) yield return ("limit_price", "limit_price applies only to limit and stop_limit orders");
                break;
            case OrderType.StopLimit:
                if (o.LimitPrice is null) yield return ("limit_price", "limit_price is required for stop_limit orders");
                if (o.StopPrice is null) yield return ("stop_price", "stop_price is required for stop_limit orders");
                break;
            default:
                yield return ("order_type", "order_type must be market, limit, stop or stop_limit (trailing stops: PATCH the position)");
                break;
        }
        foreach (var (field, value) in new[] { ("limit_price", o.LimitPrice), ("stop_price", o.StopPrice), ("stop_loss", o.StopLoss), ("take_profit", o.TakeProfit) })
        {
            if (value is { } v && v <= 0) yield return (field, $"{field} must be greater than 0");
        }

        // Exits of a long entry sit below (stop) and above (target) the entry; a short's the other way round.
        var buy = o.Side == OrderSide.Buy;
        var reference = o.LimitPrice ?? o.StopPrice;
        if (o.StopLoss is { } stop && o.TakeProfit is { } target && stop > 0 && target > 0)
        {
            if (buy ? stop >= target : stop <= target)
                yield return ("stop_loss", buy ? "stop_loss must be below take_profit for a buy" : "stop_loss must be above take_profit for a sell");
        }
        if (reference is { } r && r > 0)
        {
            if (o.StopLoss is { } s && s > 0 && (buy ? s >= r : s <= r))
                yield return ("stop_loss", buy ? $"stop_loss must be below the entry price {r}" : $"stop_loss must be above the entry price {r}");
            if (o.TakeProfit is { } t && t > 0 && (buy ? t <= r : t >= r))
                yield return ("take_profit", buy ? $"take_profit must be above the entry price {r}" : $"take_profit must be below the entry price {r}");
        }
        if (string.IsNullOrWhiteSpace(o.Source) || o.Source.Length > 32) yield return ("source", "source must be 1 to 32 characters");
        if (o.Pattern is { Length: > 64 }) yield return ("pattern", "pattern must be at most 64 characters");
        if (o.Catalyst is { Length: > 64 }) yield return ("catalyst", "catalyst must be at most 64 characters");
    }

    public static IEnumerable<(string Field, string Message)> SymbolAndReason(string? symbol, string? reason)
    {
        if (!Symbol.TryParse(symbol, out _))
            yield return ("symbol", $"'{symbol}' is not a valid symbol: 1-10 characters, a letter first, then A-Z, 0-9 or '.'");
        foreach (var problem in Reason(reason)) yield return problem;
    }

    public static IEnumerable<(string Field, string Message)> Reason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) yield return ("reason", "reason is required");
        else if (reason.Length > MaxReasonLength) yield return ("reason", $"reason must be at most {MaxReasonLength} characters");
    }

    public static IEnumerable<(string Field, string Message)> UpdatePosition(UpdatePosition u)
    {
        ArgumentNullException.ThrowIfNull(u);
        if (!Symbol.TryParse(u.Symbol, out _))
            yield return ("symbol", $"'{u.Symbol}' is not a valid symbol: 1-10 characters, a letter first, then A-Z, 0-9 or '.'");
        if (u.StopLoss is { } s && s <= 0) yield return ("stop_loss", "stop_loss must be greater than 0");
        if (u.TakeProfit is { } t && t <= 0) yield return ("take_profit", "take_profit must be greater than 0");
        if (u.TrailingStopPct is { } p && (p <= 0 || p > 50))
            yield return ("trailing_stop_pct", "trailing_stop_pct must be greater than 0 and at most 50 (percent)");
        if (u.TrailingStopPct is not null && (u.StopLoss is not null || u.TakeProfit is not null || u.MoveStopToBreakeven))
            yield return ("trailing_stop_pct", "a trailing stop replaces both exits: send it without stop_loss, take_profit or move_stop_to_breakeven");
        if (u.MoveStopToBreakeven && u.StopLoss is not null)
            yield return ("move_stop_to_breakeven", "send either stop_loss or move_stop_to_breakeven, not both");
        if (u.StopLoss is null && u.TakeProfit is null && u.TrailingStopPct is null && !u.MoveStopToBreakeven)
            yield return ("body", "nothing to change: send stop_loss, take_profit, trailing_stop_pct or move_stop_to_breakeven");
    }
}
