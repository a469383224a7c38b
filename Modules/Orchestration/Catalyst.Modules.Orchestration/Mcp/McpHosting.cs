using Catalyst.Modules.Orchestration.Mcp.Prompts;
using Catalyst.Modules.Orchestration.Mcp.Resources;
using Catalyst.Modules.Orchestration.Mcp.Subscriptions;
using Catalyst.Modules.Orchestration.Mcp.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Catalyst.Modules.Orchestration.Mcp;

internal static class McpHosting
{
    public const string TransportKey = "Catalyst:Mcp:Transport";
    public const string Stdio = "stdio";
    public const string Http = "http";

    public const string Instructions = """
        Catalyst is a day-trading system for US equities (NYSE/NASDAQ) following a momentum, news-catalyst method. You
        assist a trader: read the catalyst:// resources for state, call tools to act. Money is at risk: confirm symbol,
        side and quantity with the user before execute_trade, and before any tool marked destructive. Prices and P&L are
        USD, percentages are percent unless a field says 0-1, times are UTC (the trading day runs on US/Eastern). Risk
        rejections come back as errors with data naming the failed check: explain them, do not work around them.
        Subscribe to catalyst://alerts/active to hear about risk alerts as they happen.
        """;

    public static bool IsStdio(IConfiguration configuration) =>
        string.Equals(configuration[TransportKey], Stdio, StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddCatalystMcp(this IServiceCollection services, IConfiguration configuration)
    {
        var stdio = IsStdio(configuration);
        services.AddSingleton(new McpTransportInfo(stdio ? Stdio : Http));
        services.AddSingleton<ToolCallRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<ToolCallRecorder>());
        services.AddSingleton<ResourceSubscriptions>();

        foreach (var definition in ToolCatalog.All())
        {
            services.AddSingleton<McpServerTool>(sp => new CatalystTool(definition, sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<ToolCallRecorder>(), sp.GetRequiredService<McpTransportInfo>(),
                sp.GetRequiredService<ILogger<CatalystTool>>()));
        }
        foreach (var definition in ResourceCatalog.All())
        {
            services.AddSingleton<McpServerResource>(sp => new CatalystResource(definition, sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<ILogger<CatalystResource>>()));
        }
        foreach (var definition in PromptCatalog.All())
            services.AddSingleton<McpServerPrompt>(sp => new CatalystPrompt(definition, sp.GetRequiredService<IServiceScopeFactory>()));

        var mcp = services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "catalyst", Title = "Catalyst Trading System", Version = "6.0.0" };
                options.ServerInstructions = Instructions;
            })
            .WithSubscribeToResourcesHandler(Subscribe)
            .WithUnsubscribeFromResourcesHandler(Unsubscribe);

        if (stdio)
        {
            mcp.WithStdioServerTransport();
        }
        else
        {
            mcp.WithHttpTransport(options =>
            {
                // Sessions: resources/subscribe and notifications/resources/updated need a session to send them on.
                options.Stateless = false;
#pragma warning disable MCPEXP002 // RunSessionHandler is marked experimental; it is the one hook for a session's end.
                options.RunSessionHandler = async (context, server, ct) =>
                {
                    var subscriptions = context.RequestServices.GetRequiredService<ResourceSubscriptions>();
                    subscriptions.SessionStarted(server);
                    try
                    {
                        await server.RunAsync(ct);
                    }
                    finally
                    {
                        subscriptions.Forget(server);
                    }
                };
#pragma warning restore MCPEXP002
            });
        }
        return services;
    }

    private static ValueTask<EmptyResult> Subscribe(RequestContext<SubscribeRequestParams> request, CancellationToken ct)
    {
        var uri = Checked(request.Params?.Uri);
        request.Services!.GetRequiredService<ResourceSubscriptions>().Subscribe(request.Server, uri);
        return ValueTask.FromResult(new EmptyResult());
    }

    private static ValueTask<EmptyResult> Unsubscribe(RequestContext<UnsubscribeRequestParams> request, CancellationToken ct)
    {
        var uri = request.Params?.Uri ?? "";
        request.Services!.GetRequiredService<ResourceSubscriptions>().Unsubscribe(request.Server, uri);
        return ValueTask.FromResult(new EmptyResult());
    }

    /// <summary>Only the three changing resources can be subscribed; anything else is refused, naming the ones that can.</summary>
    private static string Checked(string? uri)
    {
        if (uri is not null && ResourceSubscriptions.IsSubscribable(uri)) return uri;
        var known = ResourceCatalog.All().Any(r => !r.UriTemplate.Contains('{', StringComparison.Ordinal) && r.UriTemplate == uri);
        var data = new Dictionary<string, object?> { ["uri"] = uri, ["subscribable"] = ResourceCatalog.Subscribable };
        throw known
            ? McpErrorMapping.Protocol($"{uri} does not change on its own; subscribe to one of {string.Join(", ", ResourceCatalog.Subscribable)}.",
                McpErrorCode.InvalidParams, data)
            : McpErrorMapping.Protocol($"Unknown resource: {uri}", McpErrorCode.ResourceNotFound, data);
    }
}
