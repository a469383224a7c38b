using Catalyst.SharedKernel.Persistence;

namespace Catalyst.Host.Infrastructure;

internal static class SystemEndpoints
{
    /// <summary><c>GET /api/v1/system/modules</c>: each module's smoke query — schema reachable, migrations applied.</summary>
    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/system").WithTags("System");
        group.MapGet("/modules", async (IEnumerable<IModuleDatabase> modules, CancellationToken ct) =>
        {
            var statuses = new List<ModuleStatus>();
            foreach (var module in modules) statuses.Add(await module.ProbeAsync(ct));
            return TypedResults.Ok(new { modules = statuses });
        }).WithName("GetModuleStatus").WithSummary("Each module's schema and migrations: the wiring smoke test.");
        return endpoints;
    }
}
