using Catalyst.SharedKernel.Domain;

namespace Catalyst.SharedKernel.Ports;

public enum OrderSide { Buy, Sell }

public enum OrderType { Market, Limit, Stop, StopLimit, TrailingStop }

public enum TimeInForce { Day, Gtc, Ioc, Fok }

public enum OrderClass { Simple, Bracket, Oco, Oto }

/// <summary>The broker's view of an order's life, named as Alpaca names them.</summary>
public enum BrokerOrderStatus
{
    New, Accepted, PendingNew, PartiallyFilled, Filled, DoneForDay, Canceled, Expired, Replaced, PendingCancel,
    PendingReplace, Rejected, Suspended, Held, Stopped, Calculated,
}

public static class BrokerOrderStatusExtensions
{
    public static bool IsTerminal(this BrokerOrderStatus status) => status is BrokerOrderStatus.Filled
        or BrokerOrderStatus.Canceled or BrokerOrderStatus.Expired or BrokerOrderStatus.Rejected
        or BrokerOrderStatus.Replaced or BrokerOrderStatus.DoneForDay;

    public static bool IsOpen(this BrokerOrderStatus status) => !status.IsTerminal();
}

public sealed record Account(string AccountNumber, decimal Equity, decimal Cash, decimal BuyingPower, decimal LastEquity,
    string Status, bool PatternDayTrader);

public sealed record MarketClock(DateTimeOffset Timestamp, bool IsOpen, DateTimeOffset NextOpen, DateTimeOffset NextClose);

public sealed record CalendarDay(DateOnly Date, DateTimeOffset Open, DateTimeOffset Close);

public sealed record BracketLegs(decimal TakeProfitLimitPrice, decimal StopLossStopPrice, decimal? StopLossLimitPrice = null);

public sealed record OrderRequest(
    Symbol Symbol,
    OrderSide Side,
    decimal Quantity,
    OrderType Type,
    TimeInForce TimeInForce,
    string ClientOrderId,
    decimal? LimitPrice = null,
    decimal? StopPrice = null,
    decimal? TrailPercent = null,
    decimal? TrailPrice = null,
    BracketLegs? Bracket = null,
    bool ExtendedHours = false)
{
    public OrderClass Class => Bracket is null ? OrderClass.Simple : OrderClass.Bracket;
}

public sealed record BrokerOrder(
    string Id,
    string ClientOrderId,
    Symbol Symbol,
    OrderSide Side,
    OrderType Type,
    OrderClass Class,
    TimeInForce TimeInForce,
    decimal Quantity,
    decimal FilledQuantity,
    decimal? FilledAveragePrice,
    decimal? LimitPrice,
    decimal? StopPrice,
    BrokerOrderStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? FilledAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<BrokerOrder> Legs,
    decimal? TrailPercent = null,
    decimal? HighWaterMark = null);

public sealed record BrokerPosition(Symbol Symbol, decimal Quantity, decimal AverageEntryPrice, decimal MarketValue,
    decimal CurrentPrice, decimal UnrealizedPnl, decimal CostBasis)
{
    public bool IsLong => Quantity > 0;
}

public sealed record ReplaceOrderRequest(decimal? Quantity = null, decimal? LimitPrice = null, decimal? StopPrice = null,
    decimal? Trail = null, string? ClientOrderId = null);

public enum TradeUpdateEvent
{
    New, Fill, PartialFill, Canceled, Expired, DoneForDay, Replaced, Rejected, PendingNew, Stopped, PendingCancel,
    PendingReplace, Calculated, Suspended, OrderReplaceRejected, OrderCancelRejected, Held, Accepted,
}

/// <summary>One event of the broker's trade_updates stream; fills carry price, quantity and the position after.</summary>
public sealed record TradeUpdate(TradeUpdateEvent Event, BrokerOrder Order, DateTimeOffset Timestamp,
    decimal? Price = null, decimal? Quantity = null, decimal? PositionQuantity = null, string? ExecutionId = null);

/// <summary>Per-item result of cancel-all / close-all (Alpaca answers 207 Multi-Status).</summary>
public sealed record BulkItemResult(string Id, int Status, BrokerOrder? Order, string? Error);

/// <summary>
/// Orders, positions, account, clock and calendar: Alpaca Trading v2 (paper or live) or the simulated broker.
/// Failures surface as Catalyst exceptions: insufficient buying power → ForbiddenException, invalid order → ValidationException,
/// unknown id → NotFoundException, rate limit and 5xx → ServiceUnavailableException.
/// </summary>
public interface IBrokerPort
{
    Task<Account> GetAccountAsync(CancellationToken ct);
    Task<MarketClock> GetClockAsync(CancellationToken ct);
    Task<IReadOnlyList<CalendarDay>> GetCalendarAsync(DateOnly start, DateOnly end, CancellationToken ct);

    Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken ct);
    Task<BrokerOrder?> GetOrderAsync(string orderId, CancellationToken ct);
    Task<BrokerOrder?> GetOrderByClientIdAsync(string clientOrderId, CancellationToken ct);
    Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(bool openOnly, CancellationToken ct);
    Task<BrokerOrder> ReplaceOrderAsync(string orderId, ReplaceOrderRequest request, CancellationToken ct);
    Task CancelOrderAsync(string orderId, CancellationToken ct);
    Task<IReadOnlyList<BulkItemResult>> CancelAllOrdersAsync(CancellationToken ct);

    Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct);
    Task<BrokerPosition?> GetPositionAsync(Symbol symbol, CancellationToken ct);
    Task<BrokerOrder> ClosePositionAsync(Symbol symbol, CancellationToken ct);
    Task<IReadOnlyList<BulkItemResult>> CloseAllPositionsAsync(bool cancelOrders, CancellationToken ct);

    IAsyncEnumerable<TradeUpdate> StreamTradeUpdatesAsync(CancellationToken ct);
}
