using System.Text.Json.Serialization;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Ports;
using Mediator;

namespace Catalyst.Modules.Trading.Contracts;

// The Trading module's public surface. Trading owns this file: it may add members and messages, but must not rename or
// remove the ones below without updating every caller (Workflow, Reporting, Risk, Orchestration).

/// <summary>
/// §5.2 POST /api/v1/orders. Validated by Risk first (a rejection throws ForbiddenException carrying Risk's reason and
/// details), stored as an intent with a client_order_id, then sent to the broker. With StopLoss and TakeProfit an entry
/// goes as a bracket order. <paramref name="Source"/> says who asked ("api", "mcp", "strategy") for the audit log.
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
    string Source = "api") : IRequest<OrderPlacedDto>;

/// <summary>§5.2 201 body.</summary>
public sealed record OrderPlacedDto(Guid OrderId, string Status, string Symbol, decimal Quantity, string? AlpacaOrderId,
    DateTimeOffset SubmittedAt);

public sealed record GetOrderStatus(Guid OrderId) : IRequest<OrderStatusDto>;

/// <summary>§5.2 GET /orders/{id}/status body.</summary>
public sealed record OrderStatusDto(Guid OrderId, string Status, decimal FilledQty, decimal? AvgFillPrice, DateTimeOffset? FilledAt);

public sealed record CancelOrder(Guid OrderId) : IRequest<OrderStatusDto>;

/// <summary>Cancels every open order; returns how many were cancelled.</summary>
public sealed record CancelAllOrders(string Reason) : IRequest<int>;

/// <summary>Status "open" or "closed".</summary>
public sealed record GetPositions(string Status = "open") : IRequest<IReadOnlyList<PositionDto>>;

/// <summary>§3.4 positions/current item.</summary>
public sealed record PositionDto(Guid PositionId, string Symbol, string Side, decimal Quantity, decimal EntryPrice,
    decimal? CurrentPrice, decimal? UnrealizedPnl, decimal? UnrealizedPnlPct, DateTimeOffset EntryTime, string TimeInPosition,
    decimal? StopLoss, decimal? TakeProfit, decimal? RiskAmount, string? Pattern, string Status, decimal RealizedPnl,
    DateTimeOffset? ClosedAt);

public sealed record GetPosition(Guid PositionId) : IRequest<PositionDto>;

public sealed record ClosePosition(string Symbol, string Reason = "Manual close") : IRequest<PositionClosedDto>;

/// <summary>§5.2 POST /positions/{symbol}/close body.</summary>
public sealed record PositionClosedDto(Guid PositionId, string Symbol, decimal QuantityClosed, decimal AvgExitPrice,
    decimal RealizedPnl, decimal RealizedPnlPct, DateTimeOffset ClosedAt);

/// <summary>Cancels open orders and flattens every position; returns what was closed.</summary>
public sealed record CloseAllPositions(string Reason) : IRequest<IReadOnlyList<PositionClosedDto>>;

public sealed record UpdatePosition(string Symbol, decimal? StopLoss = null, decimal? TakeProfit = null,
    decimal? TrailingStopPct = null, bool MoveStopToBreakeven = false) : IRequest<PositionDto>;

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
