using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Alpaca;

public static class AlpacaServices
{
    /// <summary>Catalyst:Mode=Paper|Live: Alpaca's trading, market data and news adapters behind the ports.</summary>
    public static IServiceCollection AddCatalystAlpaca(this IServiceCollection services, IConfiguration configuration, bool live)
    {
        return services;
    }
}
