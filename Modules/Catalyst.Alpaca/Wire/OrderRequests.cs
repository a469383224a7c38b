using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Alpaca.Wire;

/// <summary>
/// Builds the POST /v2/orders body and refuses, before anything leaves the process, what Alpaca would refuse with 422
/// (so the caller learns which field is wrong).
/// </summary>
internal static class OrderRequests
{
    public static OrderRequestDto ToWire(OrderRequest r)
    {
        Validate(r);
        var bracket = r.Bracket;
        return new OrderRequestDto
        {
            Symbol = r.Symbol.Value,
            Qty = Mapping.Wire(r.Quantity),
            Side = Mapping.Wire(r.Side),
            Type = Mapping.Wire(r.Type),
            TimeInForce = Mapping.Wire(r.TimeInForce),
            LimitPrice = r.Type is OrderType.Limit or OrderType.StopLimit ? Mapping.Wire(r.LimitPrice) : null,
            StopPrice = r.Type is OrderType.Stop or OrderType.StopLimit ? Mapping.Wire(r.StopPrice) : null,
            TrailPercent = r.Type is OrderType.TrailingStop ? Mapping.Wire(r.TrailPercent) : null,
            TrailPrice = r.Type is OrderType.TrailingStop ? Mapping.Wire(r.TrailPrice) : null,
            ExtendedHours = r.ExtendedHours,
            ClientOrderId = r.ClientOrderId,
            OrderClass = bracket is null ? null : "bracket",
            TakeProfit = bracket is null ? null : new TakeProfitDto { LimitPrice = Mapping.Wire(bracket.TakeProfitLimitPrice) },
            StopLoss = bracket is null
                ? null
                : new StopLossDto { StopPrice = Mapping.Wire(bracket.StopLossStopPrice), LimitPrice = Mapping.Wire(bracket.StopLossLimitPrice) },
        };
    }

    public static ReplaceRequestDto ToWire(ReplaceOrderRequest r)
    {
        if (r.Quantity is <= 0) throw new ValidationException("qty", "The new quantity must be positive.");
        if (r is { Quantity: null, LimitPrice: null, StopPrice: null, Trail: null })
            throw new ValidationException("order", "A replace must change the quantity, limit price, stop price or trail.");
        return new ReplaceRequestDto
        {
            Qty = Mapping.Wire(r.Quantity),
            LimitPrice = Mapping.Wire(r.LimitPrice),
            StopPrice = Mapping.Wire(r.StopPrice),
            Trail = Mapping.Wire(r.Trail),
            ClientOrderId = r.ClientOrderId,
        };
    }

    private static void Validate(OrderRequest r)
    {
        if (r.Quantity <= 0) throw new ValidationException("qty", "The quantity must be positive.");
        if (string.IsNullOrWhiteSpace(r.ClientOrderId) || r.ClientOrderId.Length > 128)
            throw new ValidationException("client_order_id", "A client_order_id of 1-128 characters is required (it makes retries safe).");
        if (r.Type is OrderType.Limit or OrderType.StopLimit && r.LimitPrice is not > 0)
            throw new ValidationException("limit_price", $"A {Mapping.Wire(r.Type)} order needs a positive limit_price.");
        if (r.Type is OrderType.Stop or OrderType.StopLimit && r.StopPrice is not > 0)
            throw new ValidationException("stop_price", $"A {Mapping.Wire(r.Type)} order needs a positive stop_price.");
        if (r.Type is OrderType.TrailingStop && (r.TrailPercent is > 0) == (r.TrailPrice is > 0))
            throw new ValidationException("trail_percent", "A trailing_stop order needs exactly one of trail_percent or trail_price.");
        if (r.ExtendedHours && (r.Type != OrderType.Limit || r.TimeInForce is not (TimeInForce.Day or TimeInForce.Gtc)))
            throw new ValidationException("extended_hours", "Extended-hours orders must be limit orders with time_in_force day or gtc.");
        if (r.Bracket is { } b) ValidateBracket(r, b);
    }

    private static void ValidateBracket(OrderRequest r, BracketLegs b)
    {
        if (r.TimeInForce is not (TimeInForce.Day or TimeInForce.Gtc))
            throw new ValidationException("time_in_force", "Bracket orders must be day or gtc.");
        if (r.ExtendedHours) throw new ValidationException("extended_hours", "Bracket orders cannot trade extended hours.");
        if (b.TakeProfitLimitPrice <= 0 || b.StopLossStopPrice <= 0 || b.StopLossLimitPrice is <= 0)
            throw new ValidationException("take_profit", "Bracket prices must be positive.");
        var ordered = r.Side == OrderSide.Buy
            ? b.TakeProfitLimitPrice > b.StopLossStopPrice
            : b.TakeProfitLimitPrice < b.StopLossStopPrice;
        if (!ordered)
            throw new ValidationException("take_profit",
                r.Side == OrderSide.Buy
                    ? "For a buy bracket, take_profit.limit_price must be above stop_loss.stop_price."
                    : "For a sell bracket, take_profit.limit_price must be below stop_loss.stop_price.");
    }
}
