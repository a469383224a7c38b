using Catalyst.Modules.Trading.Contracts;
using Mediator;

namespace Catalyst.Modules.Trading.Features;

// TEMPORARY scaffolding so the Host builds while this module is written (Mediator fails the build on a message
// without a handler). Delete each class here when its real handler lands; this file must be gone when the module is done.

internal sealed class PendingPlaceOrderHandler : IRequestHandler<PlaceOrder, OrderPlacedDto>
{
    public ValueTask<OrderPlacedDto> Handle(PlaceOrder request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: PlaceOrder is not built yet.");
}

internal sealed class PendingGetOrderStatusHandler : IRequestHandler<GetOrderStatus, OrderStatusDto>
{
    public ValueTask<OrderStatusDto> Handle(GetOrderStatus request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: GetOrderStatus is not built yet.");
}

internal sealed class PendingCancelOrderHandler : IRequestHandler<CancelOrder, OrderStatusDto>
{
    public ValueTask<OrderStatusDto> Handle(CancelOrder request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: CancelOrder is not built yet.");
}

internal sealed class PendingCancelAllOrdersHandler : IRequestHandler<CancelAllOrders, int>
{
    public ValueTask<int> Handle(CancelAllOrders request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: CancelAllOrders is not built yet.");
}

internal sealed class PendingGetPositionsHandler : IRequestHandler<GetPositions, IReadOnlyList<PositionDto>>
{
    public ValueTask<IReadOnlyList<PositionDto>> Handle(GetPositions request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: GetPositions is not built yet.");
}

internal sealed class PendingGetPositionHandler : IRequestHandler<GetPosition, PositionDto>
{
    public ValueTask<PositionDto> Handle(GetPosition request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: GetPosition is not built yet.");
}

internal sealed class PendingClosePositionHandler : IRequestHandler<ClosePosition, PositionClosedDto>
{
    public ValueTask<PositionClosedDto> Handle(ClosePosition request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: ClosePosition is not built yet.");
}

internal sealed class PendingCloseAllPositionsHandler : IRequestHandler<CloseAllPositions, IReadOnlyList<PositionClosedDto>>
{
    public ValueTask<IReadOnlyList<PositionClosedDto>> Handle(CloseAllPositions request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: CloseAllPositions is not built yet.");
}

internal sealed class PendingUpdatePositionHandler : IRequestHandler<UpdatePosition, PositionDto>
{
    public ValueTask<PositionDto> Handle(UpdatePosition request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: UpdatePosition is not built yet.");
}

internal sealed class PendingReconcileWithBrokerHandler : IRequestHandler<ReconcileWithBroker, ReconciliationDto>
{
    public ValueTask<ReconciliationDto> Handle(ReconcileWithBroker request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: ReconcileWithBroker is not built yet.");
}

internal sealed class PendingGetTradingDaySummaryHandler : IRequestHandler<GetTradingDaySummary, TradingDaySummaryDto>
{
    public ValueTask<TradingDaySummaryDto> Handle(GetTradingDaySummary request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Trading: GetTradingDaySummary is not built yet.");
}
