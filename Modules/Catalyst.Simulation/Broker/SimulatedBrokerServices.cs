using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Simulation.Broker;

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
