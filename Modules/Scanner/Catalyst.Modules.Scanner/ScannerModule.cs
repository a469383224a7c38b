using Catalyst.Modules.Scanner.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Scanner;

public static class ScannerModule
{
    public const string Name = "Scanner";

    public static IServiceCollection AddScannerModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ScannerDbContext>(Name, ScannerDbContext.Schema);
        return services;
    }

    public static IEndpointRouteBuilder MapScannerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
