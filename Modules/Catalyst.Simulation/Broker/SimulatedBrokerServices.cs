using Catalyst.SharedKernel.Ports;
using Catalyst.Simulation.Broker;
using Microsoft.Extensions.DependencyInjection;

// In the module's root namespace so AddCatalystSimulation (and the Host) see it without another using.
namespace Catalyst.Simulation;

public static class SimulatedBrokerServices
{
    /// <summary>
    /// The simulated broker as <see cref="IBrokerPort"/>, settings from <c>Catalyst:Simulation</c> (StartingCash,
    /// SlippageBps, CommissionPerShare, MaxBarVolumeFraction). Needs a TimeProvider, an IMarketDataPort and an
    /// IMarketHeartbeat from the rest of the simulation.
    /// </summary>
    public static IServiceCollection AddSimulatedBroker(this IServiceCollection services)
    {
        services.AddOptions<SimulatedBrokerOptions>().BindConfiguration(SimulatedBrokerOptions.Section);
        services.AddSingleton<SimulatedBroker>();
        services.AddSingleton<IBrokerPort>(sp => sp.GetRequiredService<SimulatedBroker>());
        return services;
    }
}
