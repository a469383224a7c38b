using Catalyst.Modules.Risk.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Risk;

public static class RiskModule
{
    public const string Name = "Risk";

    public static IServiceCollection AddRiskModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<RiskDbContext>(Name, RiskDbContext.Schema);
        return services;
    }

    public static IEndpointRouteBuilder MapRiskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
