namespace Catalyst.Simulation.Broker;

/// <summary>
/// The simulated broker's settings, bound from <c>Catalyst:Simulation</c> (the same section as the rest of the simulation,
/// read here on its own so the broker does not depend on the simulation's other types).
/// </summary>
internal sealed class SimulatedBrokerOptions
{
    public const string Section = "Catalyst:Simulation";

    public decimal StartingCash { get; set; } = 100_000m;

    /// <summary>Applied against the trader to market fills and to stop fills (a triggered stop is a market order).</summary>
    public decimal SlippageBps { get; set; } = 5m;

    public decimal CommissionPerShare { get; set; }

    /// <summary>
    /// The share of a bar's volume one symbol's orders may take in that minute; larger orders fill partially and carry on
    /// the next minute, as a real order would work through the book.
    /// </summary>
    public decimal MaxBarVolumeFraction { get; set; } = 0.10m;

    public string AccountNumber { get; set; } = "SIM-000001";
}
