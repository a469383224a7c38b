using Catalyst.SharedKernel.Ports;

namespace Catalyst.Simulation.Broker;

/// <summary>
/// Where an order fills within one completed minute bar, seen only through its open, high and low. Limits fill at the
/// limit, or at the open when the bar gaps through in the trader's favour; stops trigger on a cross and then fill as
/// market orders (at the stop, or at the open on a gap) with slippage against the trader.
/// </summary>
internal static class FillRules
{
    /// <summary>The fill price in this bar, or null when the order does not execute; updates trigger and trailing state.</summary>
    public static decimal? PriceFor(SimOrder order, Bar bar, decimal slippageBps)
    {
        var buy = order.Side == OrderSide.Buy;
        switch (order.Type)
        {
            case OrderType.Market:
                return Slip(bar.Open, order.Side, slippageBps);

            case OrderType.Limit:
                return LimitPrice(buy, order.LimitPrice!.Value, bar);

            case OrderType.Stop:
                if (order.Triggered) return Slip(bar.Open, order.Side, slippageBps);
                return StopTrigger(buy, order.StopPrice!.Value, bar) is { } stopAt
                    ? Trigger(order, Slip(stopAt, order.Side, slippageBps))
                    : null;

            case OrderType.StopLimit:
                if (!order.Triggered)
                {
                    if (StopTrigger(buy, order.StopPrice!.Value, bar) is not { } triggeredAt) return null;
                    order.Triggered = true;
                    var limit = order.LimitPrice!.Value;
                    if (buy ? triggeredAt <= limit : triggeredAt >= limit) return triggeredAt;
                    // Gapped beyond the limit: it now rests as a limit order, which the rest of this bar may still reach.
                    return (buy ? bar.Low <= limit : bar.High >= limit) ? limit : null;
                }
                return LimitPrice(buy, order.LimitPrice!.Value, bar);

            case OrderType.TrailingStop:
                if (order.Triggered) return Slip(bar.Open, order.Side, slippageBps);
                var stop = order.StopPrice!.Value;
                if (StopTrigger(buy, stop, bar) is { } trailAt)
                    return Trigger(order, Slip(trailAt, order.Side, slippageBps));
                // The bar's extreme only moves the stop for later bars: within a bar we cannot tell whether the high came
                // before the low, and assuming it did would fill stops a real market might not have reached.
                var mark = order.WaterMark ?? (buy ? bar.Low : bar.High);
                order.WaterMark = buy ? Math.Min(mark, bar.Low) : Math.Max(mark, bar.High);
                order.StopPrice = TrailingStop(order.Side, order.WaterMark.Value, order.TrailPercent, order.TrailPrice);
                return null;

            default:
                return null;
        }
    }

    /// <summary>Whether a limit order would execute at the bar's open (used to order the legs of a one-cancels-other pair).</summary>
    public static bool GapsThroughAtOpen(SimOrder order, Bar bar) => order.Type switch
    {
        OrderType.Limit => order.Side == OrderSide.Buy ? bar.Open <= order.LimitPrice : bar.Open >= order.LimitPrice,
        OrderType.Stop or OrderType.StopLimit => order.Side == OrderSide.Buy ? bar.Open >= order.StopPrice : bar.Open <= order.StopPrice,
        _ => false,
    };

    /// <summary>The stop of a trailing order: a fraction or an amount away from the water mark, rounded to the tick.</summary>
    public static decimal TrailingStop(OrderSide side, decimal waterMark, decimal? trailPercent, decimal? trailPrice)
    {
        var raw = trailPercent is { } pct
            ? waterMark * (side == OrderSide.Sell ? 1m - pct / 100m : 1m + pct / 100m)
            : side == OrderSide.Sell ? waterMark - trailPrice!.Value : waterMark + trailPrice!.Value;
        return RoundToTick(raw);
    }

    /// <summary>Moves a price against the trader by <paramref name="bps"/> and rounds to the tick, also against the trader.</summary>
    public static decimal Slip(decimal price, OrderSide side, decimal bps)
    {
        var factor = bps / 10_000m;
        var slipped = side == OrderSide.Buy ? price * (1m + factor) : price * (1m - factor);
        var scale = TickScale(price);
        return side == OrderSide.Buy ? Ceiling(slipped, scale) : Floor(slipped, scale);
    }

    public static decimal RoundToTick(decimal price) => Math.Round(price, TickScale(price), MidpointRounding.AwayFromZero);

    // US equities quote in cents from $1 up and in hundredths of a cent below (Reg NMS rule 612).
    private static int TickScale(decimal price) => price >= 1m ? 2 : 4;

    private static decimal Ceiling(decimal value, int scale)
    {
        var factor = scale == 2 ? 100m : 10_000m;
        return Math.Ceiling(value * factor) / factor;
    }

    private static decimal Floor(decimal value, int scale)
    {
        var factor = scale == 2 ? 100m : 10_000m;
        return Math.Floor(value * factor) / factor;
    }

    private static decimal? LimitPrice(bool buy, decimal limit, Bar bar)
    {
        if (buy) return bar.Open <= limit ? bar.Open : bar.Low <= limit ? limit : null;
        return bar.Open >= limit ? bar.Open : bar.High >= limit ? limit : null;
    }

    /// <summary>The price at which a stop triggers in this bar: the open when it gaps through, else the stop itself.</summary>
    private static decimal? StopTrigger(bool buy, decimal stop, Bar bar)
    {
        if (buy) return bar.Open >= stop ? bar.Open : bar.High >= stop ? stop : null;
        return bar.Open <= stop ? bar.Open : bar.Low <= stop ? stop : null;
    }

    private static decimal Trigger(SimOrder order, decimal price)
    {
        order.Triggered = true;
        return price;
    }
}
