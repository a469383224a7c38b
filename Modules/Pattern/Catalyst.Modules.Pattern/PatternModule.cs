using Catalyst.Modules.Pattern.Features.Detection;
using Catalyst.Modules.Pattern.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Pattern;

public static class PatternModule
{
    public const string Name = "Pattern";

    public static IServiceCollection AddPatternModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PatternDbContext>(Name, PatternDbContext.Schema);
        services.AddScoped<PatternService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPatternEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPatternDetectionEndpoints();
        return endpoints;
    }
}
