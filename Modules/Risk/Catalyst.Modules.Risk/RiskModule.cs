using Catalyst.Modules.Risk.Domain;
using Catalyst.Modules.Risk.Features.ValidateTrade;
using Catalyst.Modules.Risk.Parameters;
using Catalyst.Modules.Risk.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Risk;

public static class RiskModule
{
    public const string Name = "Risk";

    public static IServiceCollection AddRiskModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<RiskDbContext>(Name, RiskDbContext.Schema);
        services.AddSingleton(sp => new RiskParameterStore(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RiskParameterStore>>(), sp.GetServices<IParameterStoreListener>));
        services.AddSingleton<KillSwitchState>();
        services.AddSingleton<OrderFlowGuard>();
        services.AddSingleton<RiskInputCache>();
        services.AddScoped<RiskInputs>();
        services.AddScoped<IDecisionRecorder, DecisionRecorder>();
        return services;
    }

    public static IEndpointRouteBuilder MapRiskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapValidateTradeEndpoint();
        return endpoints;
    }
}
