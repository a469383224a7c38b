using Catalyst.Modules.Trading.Book;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.Trading.Features.Positions;

/// <summary>
/// Moves a position's exits at the broker. Working legs are replaced in place (same client_order_id, so the book keeps
/// one row per exit); a position without exits gets a protective stop or target; a trailing stop replaces both exits,
/// because the broker port cannot pair a trailing stop with a target.
/// </summary>
internal sealed class UpdatePositionHandler(
    IBrokerPort broker,
    OrderSender sender,
    ExitOrders exits,
    TradingBook book,
    PositionReader reader) : IRequestHandler<UpdatePosition, PositionDto>
{
    private const string Actor = "update_position";

    public async ValueTask<PositionDto> Handle(UpdatePosition request, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var symbol = Symbol.Parse(request.Symbol);
        var position = await reader.FindOpenAsync(symbol, ct) ?? throw PositionReader.NoOpenPosition(symbol);
        var isLong = position.Side == PositionSides.Long;
        var prices = await reader.PricesAsync([symbol], ct);
        decimal? price = prices.TryGetValue(symbol, out var p) ? p : null;

        var newStop = request.MoveStopToBreakeven ? PositionMath.Cents(PositionMath.EntryPrice(position)) : request.StopLoss;
        if (price is { } last)
        {
            var stopField = request.MoveStopToBreakeven ? "move_stop_to_breakeven" : "stop_loss";
            if (newStop is { } s && (isLong ? s >= last : s <= last))
                throw new ValidationException(stopField,
                    $"the stop {s} must be {(isLong ? "below" : "above")} the current price {last} of this {position.Side} position");
            if (request.TakeProfit is { } t && (isLong ? t <= last : t >= last))
                throw new ValidationException("take_profit",
                    $"take_profit {t} must be {(isLong ? "above" : "below")} the current price {last} of this {position.Side} position");
        }

        var working = await exits.WorkingAsync(position.SecurityId, includeEntries: false, ct);
        var stopLeg = working.FirstOrDefault(o => o.LegRole == LegRoles.StopLoss);
        var targetLeg = working.FirstOrDefault(o => o.LegRole == LegRoles.TakeProfit);
        var trailing = working.FirstOrDefault(o => o.LegRole == LegRoles.TrailingStop);
        var exitSide = PositionSides.ClosingSide(position.Side);
        decimal? trailingPct = position.TrailingStopPct;
        decimal? stopLoss = position.StopLoss, takeProfit = position.TakeProfit;

        if (request.TrailingStopPct is { } pct)
        {
            foreach (var order in working) await exits.CancelAsync(order.BrokerOrderId!, ct);
            foreach (var order in working) await exits.RefreshAsync(order.BrokerOrderId!, Actor, ct);
            var row = await sender.PlaceAsync(Protective(position, symbol, exitSide, OrderType.TrailingStop, LegRoles.TrailingStop,
                trailPercent: pct), ct);
            (trailingPct, stopLoss, takeProfit) = (pct, row.StopPrice, null);
        }
        else
        {
            if (newStop is { } stop)
            {
                if (stopLeg is not null) await ReplaceAsync(stopLeg, new ReplaceOrderRequest(StopPrice: stop), ct);
                else if (targetLeg is null)
                {
                    if (trailing is not null)
                    {
                        await exits.CancelAsync(trailing.BrokerOrderId!, ct);
                        await exits.RefreshAsync(trailing.BrokerOrderId!, Actor, ct);
                        trailingPct = null;
                    }
                    await sender.PlaceAsync(Protective(position, symbol, exitSide, OrderType.Stop, LegRoles.StopLoss, stopPrice: stop), ct);
                }
                else throw Unpairable("stop_loss", symbol);
                stopLoss = stop;
            }
            if (request.TakeProfit is { } target)
            {
                if (targetLeg is not null) await ReplaceAsync(targetLeg, new ReplaceOrderRequest(LimitPrice: target), ct);
                else if (stopLeg is null && trailing is null && newStop is null)
                    await sender.PlaceAsync(Protective(position, symbol, exitSide, OrderType.Limit, LegRoles.TakeProfit, limitPrice: target), ct);
                else throw Unpairable("take_profit", symbol);
                takeProfit = target;
            }
        }

        await book.ChangeAsync(Actor, async (db, changes) =>
        {
            var row = await db.Positions.SingleAsync(x => x.Id == position.Id, ct);
            var before = new { stop_loss = row.StopLoss, take_profit = row.TakeProfit, trailing_stop_pct = row.TrailingStopPct };
            row.StopLoss = stopLoss;
            row.TakeProfit = takeProfit;
            row.TrailingStopPct = trailingPct;
            row.UpdatedAt = changes.Now;
            changes.Audit(db, "position.exits_changed", "position", row.Id, new
            {
                symbol = symbol.Value, before, stop_loss = stopLoss, take_profit = takeProfit, trailing_stop_pct = trailingPct,
                move_stop_to_breakeven = request.MoveStopToBreakeven,
            });
            changes.Events.Add(new PositionUpdated(row.Id, symbol.Value, row.Status, row.Quantity, changes.Now));
            return 0;
        }, ct);
        return await reader.GetOpenAsync(symbol, ct);
    }

    private async Task ReplaceAsync(OrderRow leg, ReplaceOrderRequest change, CancellationToken ct)
    {
        BrokerOrder replacement;
        try
        {
            replacement = await broker.ReplaceOrderAsync(leg.BrokerOrderId!, change, ct);
        }
        catch (ValidationException ex)
        {
            // Most likely the leg filled or was cancelled a moment ago: bring the book up to date, then say so.
            await exits.RefreshAsync(leg.BrokerOrderId!, Actor, ct);
            throw new ConflictException("EXIT_NOT_REPLACEABLE", $"The {leg.LegRole} order could not be changed: {ex.Message}",
                new Dictionary<string, object?> { ["order_id"] = leg.Id, ["leg_role"] = leg.LegRole });
        }
        // Point our row at the replacement first: a broker may give it a new client_order_id as well as a new id.
        await book.ChangeAsync(Actor, async (db, changes) =>
        {
            var row = await db.Orders.SingleAsync(o => o.Id == leg.Id, ct);
            changes.Audit(db, "order.replaced", "order", row.Id, new
            {
                previous_broker_order_id = row.BrokerOrderId, broker_order_id = replacement.Id,
                stop_price = change.StopPrice, limit_price = change.LimitPrice,
            });
            row.BrokerOrderId = replacement.Id;
            if (replacement.ClientOrderId.Length > 0) row.ClientOrderId = replacement.ClientOrderId;
            row.StopPrice = replacement.StopPrice ?? row.StopPrice;
            row.LimitPrice = replacement.LimitPrice ?? row.LimitPrice;
            row.UpdatedAt = changes.Now;
            return 0;
        }, ct);
        await book.SyncAsync(replacement, null, Actor, "sync", ct);
    }

    private static OrderIntent Protective(PositionRow position, Symbol symbol, OrderSide side, OrderType type, string role,
        decimal? stopPrice = null, decimal? limitPrice = null, decimal? trailPercent = null) =>
        new(symbol, position.SecurityId, side, position.Quantity, type, Actor, OrderPurposes.Protect,
            TimeInForce: TimeInForce.Day, LimitPrice: limitPrice, StopPrice: stopPrice, TrailPercent: trailPercent,
            LegRole: role, ExitReason: ExitReasons.ForLeg(role));

    private static ConflictException Unpairable(string field, Symbol symbol) => new("EXIT_NOT_PAIRABLE",
        $"{symbol} has a single working exit of the other kind; the broker cannot pair a new {field} with it outside a bracket. "
        + "Change the existing exit, or close and re-enter with a bracket.",
        new Dictionary<string, object?> { ["field"] = field, ["symbol"] = symbol.Value });
}
