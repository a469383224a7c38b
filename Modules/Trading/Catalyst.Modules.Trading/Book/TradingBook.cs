using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Trading.Book;

/// <summary>
/// Applies the broker's view of an order to our book: status, fills, and the positions the fills build. Everything
/// arrives here — trade updates, polled orders, acknowledgements, reconciliation — and all of it is idempotent: a fill
/// is the growth of the order's cumulative filled quantity over what we already applied, so an update delivered twice,
/// late, or after a reconcile changes nothing.
/// </summary>
internal sealed class TradingBook(
    IDbContextFactory<TradingDbContext> contexts,
    ISecurityRegistry securities,
    BookGate gate,
    EventPublisher events,
    OutboxDispatcher outbox,
    OutboxSignal outboxSignal,
    TimeProvider clock,
    ILogger<TradingBook> logger)
{
    /// <summary>Syncs one broker order (and its legs) and commits; returns our row for it.</summary>
    public async Task<OrderRow> SyncAsync(BrokerOrder order, TradeUpdate? update, string actor, string fillSource,
        CancellationToken ct)
    {
        var changes = new BookChanges(actor, fillSource, clock.GetUtcNow());
        OrderRow row;
        using (await gate.EnterAsync(ct))
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await PreloadAsync(db, order, changes, ct);
            row = await ApplyOrderAsync(db, order, update, null, changes, ct);
            await CommitAsync(db, changes, ct);
        }
        await AfterCommitAsync(changes, ct);
        return row;
    }

    /// <summary>
    /// Tracks, with one query, every row the order and its legs can match (by broker order id or client order id, and a
    /// leg's "-tp"/"-sl" parent), so <see cref="FindAsync"/> and <see cref="LegParentAsync"/> find them among the tracked
    /// rows instead of asking the database up to twice per order: a bracket's acknowledgement took six queries.
    /// </summary>
    private static async Task PreloadAsync(TradingDbContext db, BrokerOrder order, BookChanges changes, CancellationToken ct)
    {
        var brokerIds = new List<string>();
        var clientIds = new List<string>();
        Collect(order);
        await db.Orders.Where(o => brokerIds.Contains(o.BrokerOrderId!) || clientIds.Contains(o.ClientOrderId)).LoadAsync(ct);
        changes.Preloaded.UnionWith(brokerIds);

        void Collect(BrokerOrder o)
        {
            brokerIds.Add(o.Id);
            if (o.ClientOrderId.Length > 0) clientIds.Add(o.ClientOrderId);
            if (LegParentClientId(o) is { } parent) clientIds.Add(parent);
            foreach (var leg in o.Legs) Collect(leg);
        }
    }

    /// <summary>Runs <paramref name="change"/> on a fresh context under the gate, commits, then publishes its events.</summary>
    public async Task<T> ChangeAsync<T>(string actor, Func<TradingDbContext, BookChanges, Task<T>> change, CancellationToken ct)
    {
        var changes = new BookChanges(actor, "reconcile", clock.GetUtcNow());
        T result;
        using (await gate.EnterAsync(ct))
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            result = await change(db, changes);
            await CommitAsync(db, changes, ct);
        }
        await AfterCommitAsync(changes, ct);
        return result;
    }

    /// <summary>
    /// Commits; an outbox row is signalled before the commit, so a minute pass that starts once the commit is done sees
    /// it, whoever ends up dispatching the row (a pass that leaves it undelivered signals it again).
    /// </summary>
    private async Task CommitAsync(TradingDbContext db, BookChanges changes, CancellationToken ct)
    {
        if (changes.HasOutbox) outboxSignal.MarkPending();
        await db.SaveChangesAsync(ct);
    }

    private async Task AfterCommitAsync(BookChanges changes, CancellationToken ct)
    {
        await PublishAsync(changes.Events, ct);
        if (!changes.HasOutbox) return;
        try
        {
            await outbox.DispatchPendingAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Committed and stored: the per-minute dispatch delivers it later.
            logger.LogWarning(ex, "Outbox dispatch deferred");
        }
    }

    /// <summary>The body of <see cref="SyncAsync"/>, for callers that already hold the gate and a context.</summary>
    public async Task<OrderRow> ApplyOrderAsync(TradingDbContext db, BrokerOrder order, TradeUpdate? update, OrderRow? parent,
        BookChanges changes, CancellationToken ct)
    {
        var preloaded = changes.Preloaded.Contains(order.Id);
        var row = await FindAsync(db, order, preloaded, ct);
        if (row is null)
        {
            parent ??= await LegParentAsync(db, order, preloaded, ct);
            row = await NewRowFromBrokerAsync(db, order, parent, changes, ct);
        }
        else if (row.BrokerOrderId is not null && row.BrokerOrderId != order.Id)
        {
            // A replaced order keeps its client order id under a new broker id: the replacement carries the live state.
            if (order.Status == BrokerOrderStatus.Replaced) return row;
            changes.Audit(db, "order.replaced", "order", row.Id,
                new { previous_broker_order_id = row.BrokerOrderId, broker_order_id = order.Id });
            row.BrokerOrderId = order.Id;
        }
        if (order.Status == BrokerOrderStatus.Replaced) return row;

        var beforeStatus = row.Status;
        var beforeFilled = row.FilledQty;
        row.BrokerOrderId ??= order.Id;
        row.BrokerStatus = OrderStatuses.Wire(order.Status);
        row.SubmittedAt ??= order.SubmittedAt;
        if (row.FilledQty == 0) row.Quantity = order.Quantity; // legs take their size when the entry fills
        row.LimitPrice = order.LimitPrice ?? row.LimitPrice;
        row.StopPrice = order.StopPrice ?? row.StopPrice;

        if (order.FilledQuantity > row.FilledQty)
            await ApplyFillAsync(db, row, order, update, changes, ct);

        var status = OrderStatuses.FromBroker(order.Status);
        // A stale update (an older "new" after a poll already saw the fill) never moves an order backwards.
        if (Rank(status) >= Rank(row.Status)) row.Status = status;
        if (row.Status == OrderStatuses.Filled) row.FilledAt ??= order.FilledAt ?? update?.Timestamp ?? changes.Now;

        if (row.Status != beforeStatus || row.FilledQty != beforeFilled)
        {
            row.UpdatedAt = changes.Now;
            changes.Audit(db, "order.updated", "order", row.Id, new
            {
                status = row.Status, previous_status = beforeStatus, broker_status = row.BrokerStatus,
                broker_order_id = row.BrokerOrderId, filled_qty = row.FilledQty, avg_fill_price = row.AvgFillPrice,
                trade_event = update?.Event.ToString(),
            });
            changes.Events.Add(new OrderUpdated(row.Id, await SymbolAsync(row.SecurityId, ct), row.Status, row.FilledQty,
                row.AvgFillPrice, changes.Now));
        }

        foreach (var leg in order.Legs)
            await ApplyOrderAsync(db, leg, null, row, changes, ct);
        return row;
    }

    private static int Rank(string status) => status switch
    {
        OrderStatuses.PendingNew => 0,
        OrderStatuses.Submitted or OrderStatuses.Held => 1,
        OrderStatuses.PartiallyFilled or OrderStatuses.PendingCancel => 2,
        _ => 3,
    };

    /// <param name="preloaded">The rows it can match are tracked already (<see cref="PreloadAsync"/>): no query.</param>
    private static async Task<OrderRow?> FindAsync(TradingDbContext db, BrokerOrder order, bool preloaded, CancellationToken ct)
    {
        var local = db.Orders.Local.FirstOrDefault(o => o.BrokerOrderId == order.Id)
            ?? (order.ClientOrderId.Length > 0 ? db.Orders.Local.FirstOrDefault(o => o.ClientOrderId == order.ClientOrderId) : null);
        if (local is not null || preloaded) return local;
        return await db.Orders.FirstOrDefaultAsync(o => o.BrokerOrderId == order.Id, ct)
            ?? (order.ClientOrderId.Length > 0
                ? await db.Orders.FirstOrDefaultAsync(o => o.ClientOrderId == order.ClientOrderId, ct)
                : null);
    }

    /// <summary>A bracket leg seen before its parent's acknowledgement named it: "{parent}-tp" / "{parent}-sl".</summary>
    private static async Task<OrderRow?> LegParentAsync(TradingDbContext db, BrokerOrder order, bool preloaded, CancellationToken ct)
    {
        if (LegParentClientId(order) is not { } parentId) return null;
        return db.Orders.Local.FirstOrDefault(o => o.ClientOrderId == parentId)
            ?? (preloaded ? null : await db.Orders.FirstOrDefaultAsync(o => o.ClientOrderId == parentId, ct));
    }

    /// <summary>The client order id of a bracket leg's parent ("{parent}-tp" / "{parent}-sl"), else null.</summary>
    private static string? LegParentClientId(BrokerOrder order)
    {
        var coid = order.ClientOrderId;
        return order.Class == OrderClass.Bracket && (coid.EndsWith("-tp", StringComparison.Ordinal) || coid.EndsWith("-sl", StringComparison.Ordinal))
            ? coid[..^3]
            : null;
    }

    private async Task<OrderRow> NewRowFromBrokerAsync(TradingDbContext db, BrokerOrder order, OrderRow? parent,
        BookChanges changes, CancellationToken ct)
    {
        var legRole = parent is null && order.Class == OrderClass.Simple
            ? null
            : order.Type switch
            {
                OrderType.Limit => LegRoles.TakeProfit,
                OrderType.TrailingStop => LegRoles.TrailingStop,
                OrderType.Stop or OrderType.StopLimit => LegRoles.StopLoss,
                _ => null,
            };
        var row = new OrderRow
        {
            Id = Guid.CreateVersion7(changes.Now),
            ClientOrderId = order.ClientOrderId.Length > 0 ? order.ClientOrderId : "broker-" + order.Id,
            BrokerOrderId = order.Id,
            ParentOrderId = parent?.Id,
            SecurityId = parent?.SecurityId ?? await securities.GetOrCreateIdAsync(order.Symbol, ct),
            Side = Wire.Side(order.Side),
            OrderType = Wire.Type(order.Type),
            OrderClass = Wire.Class(order.Class),
            LegRole = legRole,
            TimeInForce = Wire.Tif(order.TimeInForce),
            Quantity = order.Quantity,
            LimitPrice = order.LimitPrice,
            StopPrice = order.StopPrice,
            TrailPercent = order.TrailPercent,
            Status = OrderStatuses.PendingNew,
            CreatedAt = changes.Now,
            SubmittedAt = order.SubmittedAt,
            UpdatedAt = changes.Now,
            Source = parent?.Source ?? "broker",
            Purpose = parent is null ? OrderPurposes.Adopted : OrderPurposes.Leg,
            ExitReason = parent is null ? null : ExitReasons.ForLeg(legRole),
            Pattern = parent?.Pattern,
            Catalyst = parent?.Catalyst,
        };
        db.Orders.Add(row);
        changes.Audit(db, parent is null ? "order.adopted" : "order.leg", "order", row.Id, new
        {
            broker_order_id = order.Id, client_order_id = row.ClientOrderId, parent_order_id = parent?.Id,
            symbol = order.Symbol.Value, side = row.Side, type = row.OrderType, qty = order.Quantity, leg_role = legRole,
        });
        if (parent is null)
            changes.Notes.Add($"adopted broker order {order.Id} ({row.Side} {order.Quantity} {order.Symbol} {row.OrderType}) we had no record of");
        return row;
    }

    private async Task ApplyFillAsync(TradingDbContext db, OrderRow row, BrokerOrder order, TradeUpdate? update,
        BookChanges changes, CancellationToken ct)
    {
        var delta = order.FilledQuantity - row.FilledQty;
        decimal price;
        if (update is { Price: { } p, Quantity: { } q } && q == delta) price = p;
        else if (order.FilledAveragePrice is { } avg) price = PositionMath.Price((avg * order.FilledQuantity - row.FilledNotional) / delta);
        else throw new InvalidOperationException($"broker order {order.Id} reports {order.FilledQuantity} filled without a price");
        var at = update?.Timestamp ?? order.FilledAt ?? order.UpdatedAt;
        var executionId = update?.ExecutionId is { Length: > 0 } exec ? exec : $"{order.Id}:{order.FilledQuantity}";

        row.FilledQty += delta;
        row.FilledNotional += delta * price;
        row.AvgFillPrice = PositionMath.Price(row.FilledNotional / row.FilledQty);

        var side = Wire.ParseSide(row.Side);
        var symbol = await SymbolAsync(row.SecurityId, ct);
        var fill = new FillRow
        {
            OrderId = row.Id, SecurityId = row.SecurityId, Side = row.Side, Quantity = delta, Price = price, FilledAt = at,
            ExecutionId = executionId, Source = update is null ? changes.FillSource : "stream",
        };
        db.Fills.Add(fill);

        var position = await OpenPositionAsync(db, row.SecurityId, ct);
        var remaining = delta;
        if (position is not null)
        {
            var adds = (position.Side == PositionSides.Long) == (side == OrderSide.Buy);
            var effect = PositionMath.Apply(position, side, delta, price);
            fill.RealizedPnl = effect.RealizedPnl;
            fill.PositionId = position.Id;
            position.UpdatedAt = changes.Now;
            remaining = effect.Remainder;
            if (effect.Closed) ClosePosition(db, position, row, symbol, at, changes);
            else
            {
                if (adds && position.StopLoss is { } stop)
                    position.InitialRisk = (position.InitialRisk ?? 0m) + Math.Abs(price - stop) * delta;
                changes.Audit(db, "position.changed", "position", position.Id, new
                {
                    symbol, fill_side = row.Side, fill_qty = delta, fill_price = price, quantity = position.Quantity,
                    realized_pnl = position.RealizedPnl, order_id = row.Id,
                });
                changes.Events.Add(new PositionUpdated(position.Id, symbol, position.Status, position.Quantity, changes.Now));
            }
        }
        if (remaining > 0)
        {
            position = OpenPosition(db, row, side, remaining, price, at, symbol, changes);
            fill.PositionId ??= position.Id;
        }
        changes.Audit(db, "fill", "order", row.Id, new
        {
            execution_id = executionId, symbol, side = row.Side, qty = delta, price, realized_pnl = fill.RealizedPnl,
            position_id = fill.PositionId,
        });
    }

    public static async Task<PositionRow?> OpenPositionAsync(TradingDbContext db, long securityId, CancellationToken ct)
    {
        var local = db.Positions.Local.FirstOrDefault(p => p.SecurityId == securityId && p.Status == PositionStatuses.Open);
        if (local is not null) return local;
        var found = await db.Positions.FirstOrDefaultAsync(p => p.SecurityId == securityId && p.Status == PositionStatuses.Open, ct);
        // Tracked rows keep their in-memory state: one closed earlier in this unit of work is not open any more.
        return found?.Status == PositionStatuses.Open ? found : null;
    }

    private static PositionRow OpenPosition(TradingDbContext db, OrderRow order, OrderSide side, decimal quantity,
        decimal price, DateTimeOffset at, string symbol, BookChanges changes)
    {
        // The entry's bracket (or a leg's parent's) gives the position its exits.
        var entry = order.ParentOrderId is { } parentId ? db.Orders.Local.FirstOrDefault(o => o.Id == parentId) ?? order : order;
        var stop = entry.StopLoss;
        var position = new PositionRow
        {
            Id = Guid.CreateVersion7(changes.Now),
            SecurityId = order.SecurityId,
            Side = side == OrderSide.Buy ? PositionSides.Long : PositionSides.Short,
            Status = PositionStatuses.Open,
            Quantity = quantity,
            CostBasis = quantity * price,
            EntryQuantity = quantity,
            EntryNotional = quantity * price,
            OpenedAt = at,
            UpdatedAt = changes.Now,
            StopLoss = stop,
            TakeProfit = entry.TakeProfit,
            InitialRisk = stop is { } s ? Math.Abs(price - s) * quantity : null,
            Pattern = entry.Pattern,
            Catalyst = entry.Catalyst,
            EntryOrderId = order.Id,
        };
        db.Positions.Add(position);
        changes.Audit(db, "position.opened", "position", position.Id, new
        {
            symbol, side = position.Side, quantity, entry_price = price, stop_loss = stop, take_profit = entry.TakeProfit,
            order_id = order.Id, source = order.Source,
        });
        changes.Events.Add(new PositionUpdated(position.Id, symbol, position.Status, position.Quantity, changes.Now));
        return position;
    }

    /// <summary>Marks a flat position closed and announces the round trip.</summary>
    public static void ClosePosition(TradingDbContext db, PositionRow position, OrderRow? closingOrder, string symbol,
        DateTimeOffset at, BookChanges changes, string? exitReason = null)
    {
        position.Status = PositionStatuses.Closed;
        position.ClosedAt = at;
        position.UpdatedAt = changes.Now;
        position.ExitReason = exitReason ?? closingOrder?.ExitReason
            ?? (closingOrder?.Purpose == OrderPurposes.Adopted ? ExitReasons.External : ExitReasons.ForLeg(closingOrder?.LegRole));
        var entryPrice = PositionMath.EntryPrice(position);
        var exitPrice = PositionMath.ExitPrice(position) ?? entryPrice;
        changes.Audit(db, "position.closed", "position", position.Id, new
        {
            symbol, side = position.Side, quantity = position.EntryQuantity, entry_price = entryPrice, exit_price = exitPrice,
            realized_pnl = position.RealizedPnl, exit_reason = position.ExitReason, order_id = closingOrder?.Id,
        });
        changes.Events.Add(new PositionUpdated(position.Id, symbol, position.Status, 0m, changes.Now));
        // Reporting's journal must never miss a round trip: it goes through the outbox, in this same transaction.
        db.Outbox.Add(OutboxDispatcher.Row(new RoundTripClosed(position.Id, symbol, position.Side, position.EntryQuantity,
            PositionMath.Price(entryPrice), PositionMath.Price(exitPrice), position.OpenedAt, at, position.RealizedPnl,
            position.InitialRisk, position.Pattern, position.Catalyst, position.ExitReason), changes.Now));
        changes.HasOutbox = true;
    }

    public async Task<string> SymbolAsync(long securityId, CancellationToken ct) =>
        (await securities.FindSymbolAsync(securityId, ct))?.Value ?? $"#{securityId}";

    public async Task PublishAsync(IReadOnlyList<object> pending, CancellationToken ct)
    {
        foreach (var e in pending)
        {
            try
            {
                switch (e)
                {
                    case OrderUpdated o: await events.PublishAsync(o, ct); break;
                    case PositionUpdated p: await events.PublishAsync(p, ct); break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change is committed; a failing subscriber must not turn a fill into an error for the caller.
                logger.LogWarning(ex, "Publishing {Event} failed", e.GetType().Name);
            }
        }
    }
}

/// <summary>What one unit of work changed: audit context, events to publish after commit, reconciliation notes.</summary>
internal sealed class BookChanges(string actor, string fillSource, DateTimeOffset now)
{
    public string Actor { get; } = actor;
    public string FillSource { get; } = fillSource;
    public DateTimeOffset Now { get; } = now;
    public List<object> Events { get; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>Broker order ids whose possible rows were loaded up front (<c>TradingBook.PreloadAsync</c>).</summary>
    public HashSet<string> Preloaded { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when the unit of work wrote outbox rows: they are dispatched right after the commit.</summary>
    public bool HasOutbox { get; set; }

    public void Audit(TradingDbContext db, string action, string entityType, object entityId, object payload) =>
        db.Audit(Now, Actor, action, entityType, entityId, payload);
}
