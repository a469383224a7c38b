using Catalyst.Modules.Scanner.Domain;
using Catalyst.Modules.Scanner.Features;
using Catalyst.Modules.Scanner.Features.Criteria;
using Catalyst.Modules.Scanner.Features.Results;
using Catalyst.Modules.Scanner.Features.Scanning;
using Catalyst.Modules.Scanner.Persistence;
using Catalyst.SharedKernel;
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
        services.AddOptions<ScannerOptions>().Bind(configuration.GetSection(ScannerOptions.Section))
            .Configure<IConfiguration>((o, config) =>
            {
                var explicitStrength = config[$"{ScannerOptions.Section}:DefaultCriteria:{nameof(DefaultCriteriaOptions.MinCatalystStrength)}"];
                if (explicitStrength is null && CatalystModes.Read(config) == CatalystMode.Simulation)
                    o.DefaultCriteria.MinCatalystStrength = o.SimulationMinCatalystStrength;
            })
            .Validate(o => !Criteria.Problems(Criteria.FromOptions(o.DefaultCriteria)).Any(),
                $"{ScannerOptions.Section}:DefaultCriteria is invalid (check the price band, ranges and that the weights sum to 1).")
            .ValidateOnStart();
        services.AddSingleton<ScanGate>();
        services.AddSingleton<DecodedScanMemo>();
        services.AddScoped<CriteriaStore>();
        services.AddScoped<ScanReader>();
        services.AddScoped<ScanRunner>();
        return services;
    }

    public static IEndpointRouteBuilder MapScannerEndpoints(this IEndpointRouteBuilder endpoints) => ScannerEndpoints.Map(endpoints);
}
