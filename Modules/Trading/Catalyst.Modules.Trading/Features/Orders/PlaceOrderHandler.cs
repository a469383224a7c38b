using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Trading.Book;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.Trading.Features.Orders;

internal sealed class PlaceOrderHandler(
    ISender sender,
    ISecurityRegistry securities,
    IDbContextFactory<TradingDbContext> contexts,
    OrderSender orders,
    ExitOrders exits) : IRequestHandler<PlaceOrder, OrderPlacedDto>
{
    public async ValueTask<OrderPlacedDto> Handle(PlaceOrder request, CancellationToken cancellationToken)
    {
        var symbol = Symbol.Parse(request.Symbol);
        var securityId = await securities.GetOrCreateIdAsync(symbol, cancellationToken);
        PositionRow? position;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            position = await db.Positions.AsNoTracking()
                .FirstOrDefaultAsync(p => p.SecurityId == securityId && p.Status == PositionStatuses.Open, cancellationToken);

        var reduces = position is not null && PositionSides.ClosingSide(position.Side) == request.Side;
        if (reduces && request.Quantity > position!.Quantity)
            throw new ValidationException("quantity",
                $"{Wire.Side(request.Side)} {request.Quantity} would flip the {position.Quantity}-share {position.Side} position in {symbol}; "
                + $"send at most {position.Quantity} (or close the position first)");
        if (reduces && (request.StopLoss is not null || request.TakeProfit is not null))
            throw new ValidationException(request.StopLoss is not null ? "stop_loss" : "take_profit",
                "an order that reduces a position cannot carry a bracket; PATCH the position to move its exits");

        var decision = await sender.Send(new ValidateTrade(symbol.Value, request.Side, request.Quantity,
            request.LimitPrice ?? request.StopPrice, request.StopLoss, request.TakeProfit, IsExit: reduces), cancellationToken);
        if (!decision.Approved) throw Rejected(decision);

        // Entries from the MCP tool rarely name exits; Risk's stop and target make them brackets.
        decimal? stopLoss = request.StopLoss, takeProfit = request.TakeProfit;
        if (!reduces)
        {
            stopLoss ??= decision.StopLoss;
            takeProfit ??= decision.TakeProfit;
            if (stopLoss is null || takeProfit is null)
            {
                if (request.StopLoss is not null || request.TakeProfit is not null)
                    throw new ValidationException(request.StopLoss is null ? "stop_loss" : "take_profit",
                        "a bracket needs both stop_loss and take_profit (Risk suggested none for the missing one)");
                (stopLoss, takeProfit) = (null, null);
            }
            else if (request.StopLoss is null && request.TakeProfit is null
                     && !ExitsFit(request.Side, request.LimitPrice ?? request.StopPrice, stopLoss.Value, takeProfit.Value))
            {
                // Risk's suggestion does not fit this entry price: send the entry plain rather than have the broker refuse it.
                (stopLoss, takeProfit) = (null, null);
            }
        }

        // The broker will not sell shares the exit legs already promise, so a reduction cancels them first; a partial one
        // puts the stop back on the shares that stay (below), so they are never left unprotected.
        decimal? keptStop = null;
        if (reduces)
        {
            keptStop = (await exits.WorkingAsync(securityId, includeEntries: false, cancellationToken))
                .Where(o => o.LegRole == LegRoles.StopLoss && o.StopPrice is not null)
                .Select(o => o.StopPrice).FirstOrDefault();
            await exits.CancelWorkingExitsAsync(securityId, request.Source, cancellationToken);
        }

        var intent = new OrderIntent(symbol, securityId, request.Side, request.Quantity, request.OrderType, request.Source,
            reduces ? OrderPurposes.Exit : OrderPurposes.Entry,
            LimitPrice: request.LimitPrice, StopPrice: request.StopPrice, StopLoss: stopLoss, TakeProfit: takeProfit,
            ExitReason: reduces ? ExitReasons.Manual : null, Pattern: request.Pattern, Catalyst: request.Catalyst,
            Note: $"risk approved: size {decision.PositionSize}, risk {decision.RiskAmount}");
        var row = await orders.PlaceAsync(intent, cancellationToken);
        if (reduces && keptStop is { } stop && request.Quantity < position!.Quantity)
        {
            // Stop only: with the reduction working, a target for the same shares would promise more than are held
            // (the broker pairs exits only inside a bracket). PATCH the position to set a new target after the fill.
            await orders.PlaceAsync(new OrderIntent(symbol, securityId, request.Side, position.Quantity - request.Quantity,
                OrderType.Stop, request.Source, OrderPurposes.Protect, StopPrice: stop, LegRole: LegRoles.StopLoss,
                ExitReason: ExitReasons.ForLeg(LegRoles.StopLoss)), cancellationToken);
        }
        return new OrderPlacedDto(row.Id, row.Status == OrderStatuses.PendingNew ? OrderStatuses.Submitted : row.Status,
            symbol.Value, row.Quantity, row.BrokerOrderId, row.SubmittedAt ?? row.CreatedAt);
    }

    private static bool ExitsFit(OrderSide side, decimal? entry, decimal stop, decimal target) => side == OrderSide.Buy
        ? stop < target && (entry is not { } e || (stop < e && target > e))
        : stop > target && (entry is not { } e2 || (stop > e2 && target < e2));

    /// <summary>403 with Risk's reason; the details keep the §5.3 body's fields (approved, reason, details, check_failed).</summary>
    internal static ForbiddenException Rejected(RiskDecision decision)
    {
        var reason = string.IsNullOrWhiteSpace(decision.Reason) ? "Risk validation failed" : decision.Reason;
        var riskDetails = decision.Details ?? new Dictionary<string, object?>();
        var details = new Dictionary<string, object?>
        {
            ["approved"] = false,
            ["reason"] = reason,
            ["check_failed"] = riskDetails.TryGetValue("check_failed", out var check) ? check : null,
            ["details"] = riskDetails,
        };
        return new ForbiddenException("RISK_REJECTED", reason, details);
    }
}
