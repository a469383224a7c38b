using Catalyst.Modules.Reporting.Features;
using Catalyst.Modules.Reporting.Features.EndOfDay;
using Catalyst.Modules.Reporting.Features.Reports;
using Catalyst.Modules.Reporting.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Reporting;

public static class ReportingModule
{
    public const string Name = "Reporting";

    public static IServiceCollection AddReportingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ReportingDbContext>(Name, ReportingDbContext.Schema);
        services.AddOptions<ReportingOptions>().Bind(configuration.GetSection(ReportingOptions.Section))
            .Validate(o => o.StartingEquity > 0m, "Catalyst:Reporting:StartingEquity must be positive.")
            .Validate(o => o.ScratchThreshold >= 0m, "Catalyst:Reporting:ScratchThreshold must not be negative.")
            .Validate(o => o.EndOfDay.Webhook.Attempts is >= 1 and <= 20, "Catalyst:Reporting:EndOfDay:Webhook:Attempts must be 1–20.")
            .Validate(o => o.EndOfDay.Email.Port is > 0 and < 65536, "Catalyst:Reporting:EndOfDay:Email:Port must be a TCP port.")
            .ValidateOnStart();
        services.AddScoped<IStartingEquity, RiskStartingEquity>();
        services.AddScoped<ReportService>();
        services.AddSingleton<IEndOfDaySink, EmailSink>();
        services.AddSingleton<IEndOfDaySink, WebhookSink>();
        return services;
    }

    public static IEndpointRouteBuilder MapReportingEndpoints(this IEndpointRouteBuilder endpoints) => ReportingEndpoints.Map(endpoints);
}
