using Catalyst.Modules.Technical.Features.Indicators;
using Catalyst.Modules.Technical.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Technical;

public static class TechnicalModule
{
    public const string Name = "Technical";

    public static IServiceCollection AddTechnicalModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TechnicalDbContext>(Name, TechnicalDbContext.Schema);
        services.AddScoped<IndicatorService>();
        return services;
    }

    public static IEndpointRouteBuilder MapTechnicalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIndicatorEndpoints();
        return endpoints;
    }
}
