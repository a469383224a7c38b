using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Simulation.Broker;

/// <summary>The book's mutable order; only ever touched under the broker's lock and handed out as a <see cref="BrokerOrder"/>.</summary>
internal sealed class SimOrder
{
    public required long Sequence { get; init; }
    public required string Id { get; init; }
    public required string ClientOrderId { get; init; }
    public required Symbol Symbol { get; init; }
    public required OrderSide Side { get; init; }
    public required OrderType Type { get; init; }
    public required OrderClass Class { get; init; }
    public required TimeInForce TimeInForce { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }

    public decimal Quantity { get; set; }
    public decimal FilledQuantity { get; set; }
    public decimal FilledNotional { get; set; }
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    public decimal? TrailPercent { get; set; }
    public decimal? TrailPrice { get; set; }

    /// <summary>High-water mark of a sell trailing stop, low-water mark of a buy one.</summary>
    public decimal? WaterMark { get; set; }

    public BrokerOrderStatus Status { get; set; }
    public DateTimeOffset? FilledAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bars starting at or after this instant may fill the order (no fills from a minute already under way); null while a bracket leg is held.</summary>
    public DateTimeOffset? ActiveFrom { get; set; }

    /// <summary>The close of the session a day order belongs to; null for good-till-cancelled.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>A stop, stop-limit or trailing stop whose trigger was hit: from then on it behaves as a market (or limit) order.</summary>
    public bool Triggered { get; set; }

    /// <summary>Whether the order adds exposure (so reserves buying power) rather than reducing a position.</summary>
    public bool IsOpening { get; set; }

    /// <summary>Price used to reserve buying power for the unfilled quantity of an opening order.</summary>
    public decimal ReservePrice { get; set; }

    public bool IsTakeProfit { get; init; }
    public SimOrder? Parent { get; set; }
    public List<SimOrder> Legs { get; } = [];

    public decimal Remaining => Quantity - FilledQuantity;
    public bool IsOpen => Status.IsOpen();
    public bool IsWorking => IsOpen && Status != BrokerOrderStatus.Held && ActiveFrom is not null;
    public decimal SignedDirection => Side == OrderSide.Buy ? 1m : -1m;

    public BrokerOrder ToBrokerOrder() => new(
        Id, ClientOrderId, Symbol, Side, Type, Class, TimeInForce, Quantity, FilledQuantity,
        FilledQuantity > 0 ? FilledNotional / FilledQuantity : null,
        LimitPrice, StopPrice, Status, SubmittedAt, FilledAt, UpdatedAt,
        Legs.Select(l => l.ToBrokerOrder()).ToList(),
        TrailPercent, WaterMark);
}

/// <summary>A net position: signed quantity (negative when short) and the signed cost of what is held.</summary>
internal sealed class SimPosition(Symbol symbol)
{
    public Symbol Symbol { get; } = symbol;
    public decimal Quantity { get; private set; }
    public decimal CostBasis { get; private set; }

    public decimal AverageEntryPrice => Quantity == 0 ? 0 : CostBasis / Quantity;

    /// <summary>Adds a fill of <paramref name="signedQuantity"/> (negative for a sell) at <paramref name="price"/>.</summary>
    public void Apply(decimal signedQuantity, decimal price)
    {
        var newQuantity = Quantity + signedQuantity;
        if (Quantity == 0 || Math.Sign(Quantity) == Math.Sign(signedQuantity))
            CostBasis += signedQuantity * price;
        else if (Math.Abs(signedQuantity) <= Math.Abs(Quantity))
            // Reducing keeps the average entry: multiply before dividing so whole-share reductions stay exact.
            CostBasis = newQuantity == 0 ? 0 : CostBasis * newQuantity / Quantity;
        else
            CostBasis = newQuantity * price;
        Quantity = newQuantity;
    }

    public BrokerPosition ToBrokerPosition(decimal price)
    {
        var marketValue = Quantity * price;
        return new BrokerPosition(Symbol, Quantity, AverageEntryPrice, marketValue, price, marketValue - CostBasis, CostBasis);
    }
}
