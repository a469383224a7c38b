using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Trading.Domain;

/// <summary>What one fill did to a position.</summary>
internal sealed record FillEffect(decimal AppliedQuantity, decimal RealizedPnl, bool Opened, bool Closed, decimal Remainder);

/// <summary>
/// Exact position arithmetic. The cost basis is the cost of the shares still held; a reduction takes its share of it by
/// multiplying before dividing, so a whole close realizes exactly Σ exit − Σ entry and P&amp;L is right to the cent (and
/// beyond) however many partial fills built the position.
/// </summary>
internal static class PositionMath
{
    /// <summary>
    /// Applies a fill of <paramref name="quantity"/> shares at <paramref name="price"/> to an open position. A fill larger
    /// than the position closes it and returns the excess as <see cref="FillEffect.Remainder"/> (the caller opens the
    /// opposite position with it).
    /// </summary>
    public static FillEffect Apply(PositionRow position, OrderSide side, decimal quantity, decimal price)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var adds = (position.Side == PositionSides.Long) == (side == OrderSide.Buy);
        if (adds)
        {
            position.Quantity += quantity;
            position.CostBasis += quantity * price;
            position.EntryQuantity += quantity;
            position.EntryNotional += quantity * price;
            return new FillEffect(quantity, 0m, false, false, 0m);
        }

        var reduce = Math.Min(quantity, position.Quantity);
        var costOfReduced = reduce == position.Quantity ? position.CostBasis : position.CostBasis * reduce / position.Quantity;
        var proceeds = reduce * price;
        var realized = position.Side == PositionSides.Long ? proceeds - costOfReduced : costOfReduced - proceeds;
        position.CostBasis -= costOfReduced;
        position.Quantity -= reduce;
        position.ExitQuantity += reduce;
        position.ExitNotional += proceeds;
        position.RealizedPnl += realized;
        var closed = position.Quantity == 0;
        if (closed) position.CostBasis = 0m;
        return new FillEffect(reduce, realized, false, closed, quantity - reduce);
    }

    /// <summary>Average entry of the shares held (open) or of every share bought in (closed).</summary>
    public static decimal EntryPrice(PositionRow position) =>
        position.Quantity > 0 ? position.CostBasis / position.Quantity
        : position.EntryQuantity > 0 ? position.EntryNotional / position.EntryQuantity : 0m;

    public static decimal? ExitPrice(PositionRow position) =>
        position.ExitQuantity > 0 ? position.ExitNotional / position.ExitQuantity : null;

    public static decimal Unrealized(PositionRow position, decimal price) => position.Side == PositionSides.Long
        ? position.Quantity * price - position.CostBasis
        : position.CostBasis - position.Quantity * price;

    /// <summary>P&amp;L as a percentage of what the shares cost, rounded to hundredths (-0.62 for -75 on 50 × 243).</summary>
    public static decimal Percent(decimal pnl, decimal cost) => cost == 0 ? 0m : Math.Round(pnl / cost * 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>Prices for display: four places (sub-penny stocks), exact inputs untouched.</summary>
    public static decimal Price(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    public static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>"2h 30m", "45m", "3d 4h" as in §3.4.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalDays >= 1) return $"{(int)span.TotalDays}d {span.Hours}h";
        if (span.TotalHours >= 1) return $"{(int)span.TotalHours}h {span.Minutes}m";
        return $"{(int)span.TotalMinutes}m";
    }
}
