using Catalyst.Modules.News;
using Catalyst.Modules.Orchestration;
using Catalyst.Modules.Pattern;
using Catalyst.Modules.Reporting;
using Catalyst.Modules.Risk;
using Catalyst.Modules.Scanner;
using Catalyst.Modules.Technical;
using Catalyst.Modules.Trading;
using Catalyst.Modules.Workflow;

namespace Catalyst.Host;

/// <summary>The nine modules, in one place. Nothing else in the Host knows a module's insides.</summary>
internal static class ModuleRegistry
{
    public static IServiceCollection AddCatalystModules(this IServiceCollection services, IConfiguration configuration) => services
        .AddNewsModule(configuration)
        .AddTechnicalModule(configuration)
        .AddPatternModule(configuration)
        .AddScannerModule(configuration)
        .AddRiskModule(configuration)
        .AddTradingModule(configuration)
        .AddWorkflowModule(configuration)
        .AddReportingModule(configuration)
        .AddOrchestrationModule(configuration);

    public static IEndpointRouteBuilder MapCatalystModules(this IEndpointRouteBuilder endpoints) => endpoints
        .MapNewsEndpoints()
        .MapTechnicalEndpoints()
        .MapPatternEndpoints()
        .MapScannerEndpoints()
        .MapRiskEndpoints()
        .MapTradingEndpoints()
        .MapWorkflowEndpoints()
        .MapReportingEndpoints()
        .MapOrchestrationEndpoints();
}
