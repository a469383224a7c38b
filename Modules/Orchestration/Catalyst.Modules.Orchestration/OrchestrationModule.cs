using Catalyst.Modules.Orchestration.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Orchestration;

public static class OrchestrationModule
{
    public const string Name = "Orchestration";

    public static IServiceCollection AddOrchestrationModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrchestrationDbContext>(Name, OrchestrationDbContext.Schema);
        return services;
    }

    public static IEndpointRouteBuilder MapOrchestrationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
