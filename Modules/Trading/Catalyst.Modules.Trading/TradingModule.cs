using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Trading;

public static class TradingModule
{
    public const string Name = "Trading";

    public static IServiceCollection AddTradingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TradingDbContext>(Name, TradingDbContext.Schema);
        return services;
    }

    public static IEndpointRouteBuilder MapTradingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
