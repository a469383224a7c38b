using Catalyst.Modules.Trading.Book;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.Trading.Features.Orders;

internal sealed class GetOrderStatusHandler(IDbContextFactory<TradingDbContext> contexts) : IRequestHandler<GetOrderStatus, OrderStatusDto>
{
    public async ValueTask<OrderStatusDto> Handle(GetOrderStatus request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.OrderId, cancellationToken)
            ?? throw OrderNotFound(request.OrderId);
        return ToDto(row);
    }

    public static OrderStatusDto ToDto(OrderRow row) => new(row.Id, row.Status, row.FilledQty, row.AvgFillPrice, row.FilledAt);

    public static NotFoundException OrderNotFound(Guid id) =>
        new($"Order {id} not found.", new Dictionary<string, object?> { ["order_id"] = id });
}

internal sealed class CancelOrderHandler(
    IDbContextFactory<TradingDbContext> contexts,
    OrderSender sender,
    ExitOrders exits,
    IBrokerPort broker,
    TradingBook book,
    BookGate gate) : IRequestHandler<CancelOrder, OrderStatusDto>
{
    public async ValueTask<OrderStatusDto> Handle(CancelOrder request, CancellationToken cancellationToken)
    {
        OrderRow row;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            row = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.OrderId, cancellationToken)
                ?? throw GetOrderStatusHandler.OrderNotFound(request.OrderId);
        if (OrderStatuses.IsTerminal(row.Status))
            throw new ConflictException("ORDER_NOT_CANCELABLE", $"Order {row.Id} is already {row.Status}.",
                new Dictionary<string, object?> { ["order_id"] = row.Id, ["status"] = row.Status });

        if (row.BrokerOrderId is null)
        {
            if (gate.IsInFlight(row.ClientOrderId))
                throw new ConflictException("ORDER_BEING_SENT", $"Order {row.Id} is being sent to the broker; cancel it once it is acknowledged.",
                    new Dictionary<string, object?> { ["order_id"] = row.Id, ["status"] = row.Status });
            // An intent never acknowledged: the broker may have it under our client_order_id, or never have heard of it.
            var found = await broker.GetOrderByClientIdAsync(row.ClientOrderId, cancellationToken);
            if (found is null)
            {
                await sender.MarkTerminalAsync(row.Id, OrderStatuses.Cancelled, "api",
                    "cancelled before the broker acknowledged it (the broker has no order with this client_order_id)", cancellationToken);
                return await ReadAsync(row.Id, cancellationToken);
            }
            row = await book.SyncAsync(found, null, "api", "sync", cancellationToken);
            if (OrderStatuses.IsTerminal(row.Status)) return GetOrderStatusHandler.ToDto(row);
        }

        await exits.CancelAsync(row.BrokerOrderId!, cancellationToken);
        var synced = await exits.RefreshAsync(row.BrokerOrderId!, "api", cancellationToken);
        if (synced is not null) return GetOrderStatusHandler.ToDto(synced);
        await sender.MarkTerminalAsync(row.Id, OrderStatuses.Cancelled, "api", "the broker no longer knows this order", cancellationToken);
        return await ReadAsync(row.Id, cancellationToken);
    }

    private async Task<OrderStatusDto> ReadAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return GetOrderStatusHandler.ToDto(await db.Orders.AsNoTracking().FirstAsync(o => o.Id == id, ct));
    }
}

internal sealed class CancelAllOrdersHandler(IBrokerPort broker, TradingBook book, IDbContextFactory<TradingDbContext> contexts,
    ExitOrders exits) : IRequestHandler<CancelAllOrders, int>
{
    public async ValueTask<int> Handle(CancelAllOrders request, CancellationToken cancellationToken)
    {
        var results = await broker.CancelAllOrdersAsync(cancellationToken);
        var cancelled = 0;
        foreach (var result in results)
        {
            if (result.Status is >= 200 and < 300) cancelled++;
            if (result.Order is { } order) await book.SyncAsync(order, null, "cancel_all", "sync", cancellationToken);
        }
        // The bulk answer may omit legs cancelled with their parent; read back whatever we still think is working.
        List<string> stillOpen;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            stillOpen = await db.Orders.AsNoTracking()
                .Where(o => OrderStatuses.Open.Contains(o.Status) && o.BrokerOrderId != null)
                .Select(o => o.BrokerOrderId!).ToListAsync(cancellationToken);
        foreach (var id in stillOpen) await exits.RefreshAsync(id, "cancel_all", cancellationToken);

        await book.ChangeAsync("cancel_all", (db, changes) =>
        {
            changes.Audit(db, "orders.cancel_all", "book", "all", new { reason = request.Reason, cancelled });
            return Task.FromResult(0);
        }, cancellationToken);
        return cancelled;
    }
}
