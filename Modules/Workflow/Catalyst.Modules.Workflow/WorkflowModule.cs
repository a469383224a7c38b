using Catalyst.Modules.Workflow.Contracts;
using Catalyst.Modules.Workflow.Features;
using Catalyst.Modules.Workflow.Features.Cycle;
using Catalyst.Modules.Workflow.Features.Engine;
using Catalyst.Modules.Workflow.Features.Leadership;
using Catalyst.Modules.Workflow.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Workflow;

public static class WorkflowModule
{
    public const string Name = "Workflow";

    public static IServiceCollection AddWorkflowModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<WorkflowDbContext>(Name, WorkflowDbContext.Schema);
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkflowOptions>, WorkflowOptionsValidator>();
        // A bad AutoStart value stops the start-up with its message instead of failing every minute.
        _ = AutoStartSetting.Parse(configuration[AutoStartSetting.Key]);

        services.AddSingleton(sp => new WorkflowRuntime(new Stage1Strategy(sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.Strategy)));
        services.AddSingleton<WorkflowLeadership>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowLeadership>());
        services.AddHostedService<WorkflowHeartbeat>();
        services.AddScoped<CycleStore>();
        services.AddScoped<CycleCommands>();
        services.AddScoped<CycleRunner>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder endpoints) => WorkflowEndpoints.Map(endpoints);
}

internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
