using Catalyst.Alpaca;
using Catalyst.Simulation;
using Catalyst.SharedKernel;

namespace Catalyst.Host.Infrastructure;

internal static class MarketAdapters
{
    /// <summary>Puts the simulation or Alpaca behind the market-data, news and broker ports, by Catalyst:Mode.</summary>
    public static IServiceCollection AddMarketAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        var mode = CatalystModes.Read(configuration);
        return mode switch
        {
            CatalystMode.Simulation => services.AddCatalystSimulation(configuration),
            CatalystMode.Paper => services.AddCatalystAlpaca(configuration, live: false),
            _ => services.AddCatalystAlpaca(configuration, live: true),
        };
    }
}
