using Catalyst.Modules.Risk.Domain;
using Catalyst.Modules.Risk.Features;
using Catalyst.Modules.Risk.Features.Actions;
using Catalyst.Modules.Risk.Features.Alerts;
using Catalyst.Modules.Risk.Features.Config;
using Catalyst.Modules.Risk.Features.KillSwitch;
using Catalyst.Modules.Risk.Features.Status;
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
        services.AddSingleton<IParameterStoreListener, ParameterAudit>();
        services.AddScoped<AlertService>();
        services.AddScoped<KillSwitchService>();
        services.AddScoped<ICycleProbe, CycleProbe>();
        services.AddScoped<IRiskActionExecutor, TradingActionExecutor>();
        services.AddScoped<RiskActionService>();
        services.AddSingleton<RiskActionScheduler>();
        services.AddScoped<LossLimitWatch>();
        services.AddHostedService<RiskMonitor>();
        return services;
    }

    public static IEndpointRouteBuilder MapRiskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapValidateTradeEndpoint();
        endpoints.MapRiskRoutes();
        return endpoints;
    }
}
