using Catalyst.Simulation.Clock;
using Catalyst.Simulation.Market;
using Catalyst.Simulation.News;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Simulation;

public static class SimulationServices
{
    /// <summary>
    /// Catalyst:Mode=Simulation: the virtual clock (as the TimeProvider), simulated market data, news and broker, and the
    /// driver that runs the day. Options come from <c>Catalyst:Simulation</c>; bad values stop the start-up with a message.
    /// </summary>
    public static IServiceCollection AddCatalystSimulation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulationOptions>()
            .Bind(configuration.GetSection(SimulationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulationOptions>, SimulationOptionsValidator>());

        // One session object owns the day; the ports below are its parts, so they all share the same clock and heartbeat.
        services.TryAddSingleton(sp => SimulationSession.Create(sp.GetRequiredService<IOptions<SimulationOptions>>().Value,
            TimeProvider.System, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<SimulationSession>().Clock);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(sp => sp.GetRequiredService<VirtualClock>()));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<SimulationSession>().Heartbeat));
        services.TryAddSingleton(sp => sp.GetRequiredService<SimulationSession>().Market);
        services.TryAddSingleton(sp => sp.GetRequiredService<SimulationSession>().NewsWire);
        services.TryAddSingleton(sp => sp.GetRequiredService<SimulationSession>().Day);
        services.Replace(ServiceDescriptor.Singleton<IMarketDataPort>(sp => sp.GetRequiredService<SimulatedMarketData>()));
        services.Replace(ServiceDescriptor.Singleton<INewsPort>(sp => sp.GetRequiredService<SimulatedNews>()));
        services.AddHostedService<SimulationDriver>();

        // ---- Simulated broker (IBrokerPort): owned by the broker's author; edit only the line below. ----
        services.AddSimulatedBroker();
        // ---- end of broker registration ----
        return services;
    }
}

internal sealed class SimulationOptionsValidator : IValidateOptions<SimulationOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulationOptions options)
    {
        var problems = options.Validate().Select(p => p.Message).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
