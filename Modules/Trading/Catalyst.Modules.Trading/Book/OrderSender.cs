using System.Net.Sockets;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Trading.Book;

/// <summary>An order we are about to send, with what the book needs to know about it.</summary>
internal sealed record OrderIntent(
    Symbol Symbol,
    long SecurityId,
    OrderSide Side,
    decimal Quantity,
    OrderType Type,
    string Source,
    string Purpose,
    TimeInForce TimeInForce = TimeInForce.Day,
    decimal? LimitPrice = null,
    decimal? StopPrice = null,
    decimal? TrailPercent = null,
    decimal? StopLoss = null,
    decimal? TakeProfit = null,
    string? LegRole = null,
    string? ExitReason = null,
    string? Pattern = null,
    string? Catalyst = null,
    string? Note = null)
{
    public bool IsBracket => StopLoss is not null && TakeProfit is not null;
}

/// <summary>
/// Intent first, then the broker. The order row is committed (status pending_new, our client_order_id) before the broker
/// hears of it; a refusal marks it rejected with the broker's message; an unknown outcome (timeout, 5xx, connection
/// lost) is asked about once by client_order_id and otherwise left for the reconciler, which resolves it the same way.
/// A client_order_id is never sent twice, so an order can never be duplicated by a retry.
/// </summary>
internal sealed class OrderSender(
    IDbContextFactory<TradingDbContext> contexts,
    IBrokerPort broker,
    TradingBook book,
    BookGate gate,
    TimeProvider clock,
    ILogger<OrderSender> logger)
{
    public async Task<OrderRow> StoreIntentAsync(OrderIntent intent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var row = new OrderRow
        {
            Id = Guid.CreateVersion7(now),
            ClientOrderId = Guid.NewGuid().ToString(),
            SecurityId = intent.SecurityId,
            Side = Wire.Side(intent.Side),
            OrderType = Wire.Type(intent.Type),
            OrderClass = intent.IsBracket ? Wire.Class(OrderClass.Bracket) : Wire.Class(OrderClass.Simple),
            LegRole = intent.LegRole,
            TimeInForce = Wire.Tif(intent.TimeInForce),
            Quantity = intent.Quantity,
            LimitPrice = intent.LimitPrice,
            StopPrice = intent.StopPrice,
            TrailPercent = intent.TrailPercent,
            StopLoss = intent.StopLoss,
            TakeProfit = intent.TakeProfit,
            Status = OrderStatuses.PendingNew,
            CreatedAt = now,
            UpdatedAt = now,
            Source = intent.Source,
            Purpose = intent.Purpose,
            ExitReason = intent.ExitReason,
            Pattern = intent.Pattern,
            Catalyst = intent.Catalyst,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Orders.Add(row);
        db.Audit(now, intent.Source, "order.intent", "order", row.Id, new
        {
            client_order_id = row.ClientOrderId, symbol = intent.Symbol.Value, side = row.Side, qty = intent.Quantity,
            type = row.OrderType, order_class = row.OrderClass, limit_price = intent.LimitPrice, stop_price = intent.StopPrice,
            trail_percent = intent.TrailPercent, stop_loss = intent.StopLoss, take_profit = intent.TakeProfit,
            purpose = intent.Purpose, exit_reason = intent.ExitReason, note = intent.Note,
        });
        await db.SaveChangesAsync(ct);
        await book.PublishAsync([new OrderUpdated(row.Id, intent.Symbol.Value, row.Status, 0m, null, now)], ct);
        return row;
    }

    /// <summary>The broker request for a stored intent: the row's client_order_id makes it idempotent.</summary>
    public static OrderRequest BuildRequest(OrderIntent intent, string clientOrderId) => new(
        intent.Symbol, intent.Side, intent.Quantity, intent.Type, intent.TimeInForce, clientOrderId,
        LimitPrice: intent.LimitPrice, StopPrice: intent.StopPrice, TrailPercent: intent.TrailPercent,
        Bracket: intent.IsBracket ? new BracketLegs(intent.TakeProfit!.Value, intent.StopLoss!.Value) : null);

    /// <summary>Stores the intent and sends it; returns the acknowledged row.</summary>
    public async Task<OrderRow> PlaceAsync(OrderIntent intent, CancellationToken ct)
    {
        var row = await StoreIntentAsync(intent, ct);
        return await SendAsync(row, intent, ct);
    }

    public async Task<OrderRow> SendAsync(OrderRow row, OrderIntent intent, CancellationToken ct)
    {
        var request = BuildRequest(intent, row.ClientOrderId);
        gate.BeginSend(row.ClientOrderId);
        try
        {
            BrokerOrder? ack;
            try
            {
                // Not the caller's token: a client that hangs up must not leave an order half-sent and unrecorded.
                ack = await broker.SubmitOrderAsync(request, CancellationToken.None);
            }
            catch (CatalystException refused) when (refused is not ServiceUnavailableException)
            {
                await MarkRejectedAsync(row.Id, intent.Source, refused.Message, CancellationToken.None);
                throw Translate(refused, row);
            }
            catch (Exception unknown) when (IsUnknownOutcome(unknown))
            {
                logger.LogWarning(unknown, "Order {OrderId} ({ClientOrderId}): broker outcome unknown; asking by client_order_id",
                    row.Id, row.ClientOrderId);
                ack = await TryFindAsync(row.ClientOrderId);
                if (ack is null)
                    throw new ServiceUnavailableException("BROKER_UNAVAILABLE",
                        "The broker did not confirm the order. It is stored as pending_new and will be reconciled by its client_order_id; do not resend it.",
                        new Dictionary<string, object?>
                        {
                            ["order_id"] = row.Id, ["client_order_id"] = row.ClientOrderId, ["status"] = OrderStatuses.PendingNew,
                        });
            }
            return await book.SyncAsync(ack, null, intent.Source, "ack", CancellationToken.None);
        }
        finally
        {
            gate.EndSend(row.ClientOrderId);
        }
    }

    private async Task<BrokerOrder?> TryFindAsync(string clientOrderId)
    {
        try
        {
            return await broker.GetOrderByClientIdAsync(clientOrderId, CancellationToken.None);
        }
        catch (Exception ex) when (IsUnknownOutcome(ex) || ex is CatalystException)
        {
            return null;
        }
    }

    public Task MarkRejectedAsync(Guid orderId, string actor, string reason, CancellationToken ct) =>
        MarkTerminalAsync(orderId, OrderStatuses.Rejected, actor, reason, ct);

    /// <summary>Ends an order on our side only (the broker refused it, or never had it).</summary>
    public async Task MarkTerminalAsync(Guid orderId, string status, string actor, string reason, CancellationToken ct)
    {
        await book.ChangeAsync(actor, async (db, changes) =>
        {
            var row = await db.Orders.SingleAsync(o => o.Id == orderId, ct);
            if (OrderStatuses.IsTerminal(row.Status)) return 0;
            row.Status = status;
            row.RejectReason = reason.Length > 1000 ? reason[..1000] : reason;
            row.UpdatedAt = changes.Now;
            changes.Audit(db, "order." + status, "order", row.Id, new { reason, client_order_id = row.ClientOrderId });
            changes.Events.Add(new OrderUpdated(row.Id, await book.SymbolAsync(row.SecurityId, ct), row.Status, row.FilledQty,
                row.AvgFillPrice, changes.Now));
            return 1;
        }, ct);
    }

    public static bool IsUnknownOutcome(Exception ex) => ex is ServiceUnavailableException or HttpRequestException
        or TimeoutException or TaskCanceledException or IOException or SocketException;

    /// <summary>The broker's field names (Alpaca's) become ours, so a 400 names what the caller sent.</summary>
    private static CatalystException Translate(CatalystException refused, OrderRow row)
    {
        if (refused is ValidationException v)
        {
            var field = v.Field switch
            {
                "qty" => "quantity",
                "take_profit.limit_price" => "take_profit",
                "stop_loss.stop_price" or "stop_loss.limit_price" => "stop_loss",
                "type" => "order_type",
                _ => v.Field,
            };
            return new ValidationException(field, v.Message);
        }
        if (refused is ForbiddenException f)
        {
            var details = new Dictionary<string, object?>(f.Details) { ["order_id"] = row.Id, ["status"] = OrderStatuses.Rejected };
            return new ForbiddenException(f.Code, f.Message, details);
        }
        return refused;
    }
}
