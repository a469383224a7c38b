using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Simulation;

public static class SimulationServices
{
    /// <summary>
    /// Catalyst:Mode=Simulation: the virtual clock (as the TimeProvider), simulated market data, news and broker.
    /// </summary>
    public static IServiceCollection AddCatalystSimulation(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
