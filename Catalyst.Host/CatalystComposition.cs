using Catalyst.Host.Infrastructure;
using Catalyst.SharedKernel;
using Catalyst.SharedKernel.Serialization;

namespace Catalyst.Host;

/// <summary>
/// Everything the trading pipeline needs, registered once: the web host and every backtest's inner host call this, so a
/// backtest runs the very same modules, adapters and messaging as live trading (parity by construction).
/// Web-only concerns (authentication, error envelope, OpenAPI, Kestrel) stay in Program.cs.
/// </summary>
internal static class CatalystComposition
{
    public static IServiceCollection AddCatalyst(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => WireJson.Configure(o.SerializerOptions));
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });

        services.AddCatalystRedis();
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        services.AddSharedKernel(configuration);
        services.AddMarketAdapters(configuration);
        services.AddCatalystModules(configuration);
        return services;
    }
}
