using Catalyst.Modules.Orchestration.Features;
using Catalyst.Modules.Orchestration.Mcp;
using Catalyst.Modules.Orchestration.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Orchestration;

public static class OrchestrationModule
{
    public const string Name = "Orchestration";

    /// <summary>The command-line switch that serves MCP over stdin/stdout for a local Claude Desktop.</summary>
    public const string StdioSwitch = "--mcp-stdio";

    public static IServiceCollection AddOrchestrationModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrchestrationDbContext>(Name, OrchestrationDbContext.Schema);
        services.AddCatalystMcp(configuration);
        return services;
    }

    /// <summary>
    /// <c>/mcp</c> (Streamable HTTP, stateful sessions) behind the same API key as REST, and the tool-call log for
    /// operators. Nothing is mapped in stdio mode: there is no listener.
    /// </summary>
    public static IEndpointRouteBuilder MapOrchestrationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        if (McpHosting.IsStdio(configuration)) return endpoints;
        endpoints.MapMcp("/mcp").RequireAuthorization();
        ToolCallEndpoints.Map(endpoints);
        return endpoints;
    }

    /// <summary>
    /// True when the Host was started with <see cref="StdioSwitch"/>. Call before building: the switch is taken out of
    /// <paramref name="args"/> (it is not a configuration key) and the builder is set up to serve MCP on stdin/stdout,
    /// with every log line on stderr (stdout carries the protocol) and no HTTP listener.
    /// </summary>
    public static bool UseMcpStdioIfRequested(WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (args is null || !args.Contains(StdioSwitch, StringComparer.Ordinal)) return false;
        builder.Configuration[McpHosting.TransportKey] = McpHosting.Stdio;
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IServer, NoListenerServer>();
        return true;
    }

    /// <summary>Removes <see cref="StdioSwitch"/> so the command-line configuration provider does not see it.</summary>
    public static string[] WithoutStdioSwitch(string[] args) => [.. (args ?? []).Where(a => a != StdioSwitch)];
}
