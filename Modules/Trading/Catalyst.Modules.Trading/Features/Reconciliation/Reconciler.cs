using System.Text.Json;
using Catalyst.Modules.Trading.Book;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Features.Positions;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Serialization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Trading.Features.Reconciliation;

/// <summary>
/// Makes the book agree with the broker, which is the truth about orders and shares:
/// 1. every order we think is working (intents never acknowledged included) is read back by id or client_order_id — an
///    intent the broker has is adopted with its fills, one it never received is closed as rejected and NOT resent (a
///    stale intent must not trade at a price nobody chose);
/// 2. working orders at the broker we have no record of are adopted;
/// 3. positions are compared symbol by symbol: adopted, closed, or resized to the broker's quantity.
/// Each repair is logged, audited and counted; the run is stored in trading.reconciliations.
/// </summary>
internal sealed class Reconciler(
    IDbContextFactory<TradingDbContext> contexts,
    IBrokerPort broker,
    TradingBook book,
    OrderSender sender,
    BookGate gate,
    ISecurityRegistry securities,
    PositionReader reader,
    TimeProvider clock,
    ILogger<Reconciler> logger)
{
    private const string Actor = "reconciler";

    public async Task<ReconciliationDto> ReconcileAsync(string reason, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var notes = new List<string>();
        var ordersRepaired = await ReconcileOrdersAsync(notes, ct);
        ordersRepaired += await AdoptUnknownOrdersAsync(notes, ct);
        var positionsRepaired = await ReconcilePositionsAsync(notes, ct);

        foreach (var note in notes) logger.LogWarning("Reconciliation ({Reason}): {Note}", reason, note);
        await book.ChangeAsync(Actor, (db, changes) =>
        {
            db.Reconciliations.Add(new ReconciliationRow
            {
                StartedAt = started, FinishedAt = clock.GetUtcNow(), Reason = reason.Length > 200 ? reason[..200] : reason,
                OrdersRepaired = ordersRepaired, PositionsRepaired = positionsRepaired,
                Notes = JsonSerializer.Serialize(notes, WireJson.Options),
            });
            changes.Audit(db, "book.reconciled", "book", "all", new
            {
                reason, orders_repaired = ordersRepaired, positions_repaired = positionsRepaired, notes,
            });
            return Task.FromResult(0);
        }, ct);
        logger.LogInformation("Reconciled with the broker ({Reason}): {Orders} orders and {Positions} positions repaired",
            reason, ordersRepaired, positionsRepaired);
        return new ReconciliationDto(ordersRepaired, positionsRepaired, notes);
    }

    private async Task<int> ReconcileOrdersAsync(List<string> notes, CancellationToken ct)
    {
        List<OrderRow> open;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            open = await db.Orders.AsNoTracking().Where(o => OrderStatuses.Open.Contains(o.Status)).OrderBy(o => o.CreatedAt).ToListAsync(ct);
        var repaired = 0;
        foreach (var row in open)
        {
            if (gate.IsInFlight(row.ClientOrderId)) continue; // its sender is still waiting for the broker's answer
            var found = row.BrokerOrderId is { } id ? await broker.GetOrderAsync(id, ct) : null;
            if (found is null || found.Status == BrokerOrderStatus.Replaced)
                found = await broker.GetOrderByClientIdAsync(row.ClientOrderId, ct) ?? found;
            if (found is null)
            {
                var never = row.BrokerOrderId is null;
                var why = never
                    ? $"never reached the broker (no order with client_order_id {row.ClientOrderId}); not resent"
                    : $"unknown to the broker (id {row.BrokerOrderId})";
                await sender.MarkTerminalAsync(row.Id, never ? OrderStatuses.Rejected : OrderStatuses.Cancelled, Actor, why, ct);
                notes.Add($"order {row.Id}: {why}");
                repaired++;
                continue;
            }
            var after = await book.SyncAsync(found, null, Actor, "reconcile", ct);
            if (after.Status != row.Status || after.FilledQty != row.FilledQty || after.BrokerOrderId != row.BrokerOrderId)
            {
                notes.Add(row.BrokerOrderId is null
                    ? $"order {row.Id}: intent found at the broker by client_order_id {row.ClientOrderId} as {after.BrokerOrderId} ({after.Status}, {after.FilledQty} filled); adopted, not resent"
                    : $"order {row.Id}: {row.Status} → {after.Status}, filled {row.FilledQty} → {after.FilledQty}");
                repaired++;
            }
        }
        return repaired;
    }

    private async Task<int> AdoptUnknownOrdersAsync(List<string> notes, CancellationToken ct)
    {
        var working = await broker.GetOrdersAsync(openOnly: true, ct);
        var ids = working.SelectMany(o => o.Legs.Prepend(o)).Select(o => o.Id).ToList();
        HashSet<string> known;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            known = (await db.Orders.AsNoTracking().Where(o => o.BrokerOrderId != null && ids.Contains(o.BrokerOrderId))
                .Select(o => o.BrokerOrderId!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var repaired = 0;
        foreach (var order in working)
        {
            var unknown = order.Legs.Prepend(order).Count(o => !known.Contains(o.Id));
            if (unknown == 0) continue;
            await book.SyncAsync(order, null, Actor, "reconcile", ct);
            notes.Add($"broker order {order.Id} ({Wire.Side(order.Side)} {order.Quantity} {order.Symbol} {Wire.Type(order.Type)}, {unknown} unknown to us incl. legs): adopted");
            repaired += unknown;
        }
        return repaired;
    }

    private async Task<int> ReconcilePositionsAsync(List<string> notes, CancellationToken ct)
    {
        var brokerPositions = (await broker.GetPositionsAsync(ct)).ToDictionary(p => p.Symbol);
        List<PositionRow> ours;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            ours = await db.Positions.AsNoTracking().Where(p => p.Status == PositionStatuses.Open).ToListAsync(ct);
        var oursBySymbol = new Dictionary<Symbol, PositionRow>();
        foreach (var row in ours)
            oursBySymbol[await securities.FindSymbolAsync(row.SecurityId, ct) ?? throw new InvalidOperationException("unknown security")] = row;

        var repaired = 0;
        foreach (var symbol in brokerPositions.Keys.Union(oursBySymbol.Keys).OrderBy(s => s.Value, StringComparer.Ordinal))
        {
            brokerPositions.TryGetValue(symbol, out var theirs);
            oursBySymbol.TryGetValue(symbol, out var mine);
            var theirSide = theirs is null ? null : theirs.Quantity > 0 ? PositionSides.Long : PositionSides.Short;
            if (mine is not null && theirs is not null && mine.Side == theirSide && mine.Quantity == Math.Abs(theirs.Quantity)) continue;

            var price = theirs?.CurrentPrice is > 0 ? theirs.CurrentPrice
                : (await reader.PricesAsync([symbol], ct)).TryGetValue(symbol, out var p) ? p : (decimal?)null;
            var securityId = mine?.SecurityId ?? await securities.GetOrCreateIdAsync(symbol, ct);
            var note = await book.ChangeAsync(Actor, async (db, changes) =>
            {
                var row = mine is null ? null : await db.Positions.SingleAsync(x => x.Id == mine.Id, ct);
                string? text = null;
                if (row is not null && (theirs is null || row.Side != theirSide))
                {
                    // Gone at the broker (or turned around): close ours at the last price, flagged as a reconcile exit.
                    var exit = price ?? PositionMath.EntryPrice(row);
                    PositionMath.Apply(row, PositionSides.ClosingSide(row.Side), row.Quantity, exit);
                    TradingBook.ClosePosition(db, row, null, symbol.Value, changes.Now, changes, ExitReasons.Reconcile);
                    text = $"{symbol}: open in our book but {(theirs is null ? "flat" : "reversed")} at the broker; closed at {exit} (reconcile estimate)";
                    row = null;
                }
                if (theirs is not null && row is null)
                {
                    var qty = Math.Abs(theirs.Quantity);
                    var adopted = new PositionRow
                    {
                        Id = Guid.CreateVersion7(changes.Now), SecurityId = securityId, Side = theirSide!, Status = PositionStatuses.Open,
                        Quantity = qty, CostBasis = qty * theirs.AverageEntryPrice, EntryQuantity = qty,
                        EntryNotional = qty * theirs.AverageEntryPrice, OpenedAt = changes.Now, UpdatedAt = changes.Now,
                    };
                    db.Positions.Add(adopted);
                    changes.Audit(db, "position.adopted", "position", adopted.Id, new
                    {
                        symbol = symbol.Value, side = adopted.Side, quantity = qty, entry_price = theirs.AverageEntryPrice,
                    });
                    changes.Events.Add(new PositionUpdated(adopted.Id, symbol.Value, adopted.Status, qty, changes.Now));
                    var adoptedText = $"{symbol}: {adopted.Side} {qty} @ {theirs.AverageEntryPrice} at the broker, not in our book; adopted";
                    return mine is null ? adoptedText : $"{adoptedText} (after closing ours)";
                }
                if (row is not null && theirs is not null)
                {
                    var qty = Math.Abs(theirs.Quantity);
                    changes.Audit(db, "position.resized", "position", row.Id, new
                    {
                        symbol = symbol.Value, quantity_before = row.Quantity, quantity = qty, entry_price = theirs.AverageEntryPrice,
                    });
                    var delta = qty - row.Quantity;
                    var resized = $"{symbol}: {row.Quantity} shares in our book, {qty} at the broker; set to the broker's";
                    if (delta > 0) { row.EntryQuantity += delta; row.EntryNotional += delta * theirs.AverageEntryPrice; }
                    else { row.ExitQuantity -= delta; row.ExitNotional -= delta * (price ?? theirs.AverageEntryPrice); }
                    row.Quantity = qty;
                    row.CostBasis = qty * theirs.AverageEntryPrice;
                    row.UpdatedAt = changes.Now;
                    changes.Events.Add(new PositionUpdated(row.Id, symbol.Value, row.Status, qty, changes.Now));
                    return resized;
                }
                return text ?? $"{symbol}: nothing to repair";
            }, ct);
            notes.Add(note);
            repaired++;
        }
        return repaired;
    }
}

internal sealed class ReconcileWithBrokerHandler(Reconciler reconciler) : IRequestHandler<ReconcileWithBroker, ReconciliationDto>
{
    public async ValueTask<ReconciliationDto> Handle(ReconcileWithBroker request, CancellationToken cancellationToken) =>
        await reconciler.ReconcileAsync(string.IsNullOrWhiteSpace(request.Reason) ? "requested" : request.Reason, cancellationToken);
}
