using Catalyst.Modules.Risk.Features.Alerts;
using Catalyst.Modules.Risk.Parameters;
using Catalyst.Modules.Risk.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Risk.Features.Config;

/// <summary>Stores parameter changes made by editing the file and raises the alert for a file that was refused.</summary>
internal sealed class ParameterAudit(IServiceScopeFactory scopes) : IParameterStoreListener
{
    public async Task OnChangedAsync(IReadOnlyList<ParameterChange> changes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<RiskDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ParameterChanges.AddRange(changes.Select(ToRow));
        await db.SaveChangesAsync(ct);
    }

    public async Task OnFileRejectedAsync(string path, IReadOnlyList<(string Path, string Message)> errors, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var alerts = scope.ServiceProvider.GetRequiredService<AlertService>();
        await alerts.RaiseAsync(new NewAlert("critical", "risk_config_invalid",
            $"Risk parameters file refused ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}): {errors[0].Message}. The last good parameters stay in force.",
            new Dictionary<string, object?>
            {
                ["file"] = path,
                ["errors"] = errors.Select(e => new Dictionary<string, string> { ["parameter"] = e.Path, ["message"] = e.Message }).ToList(),
            },
            ActionRequired: true, SuggestedAction: "Fix the file (GET /api/v1/config shows the problems) or update the parameter through the API"), ct);
    }

    public static ParameterChangeRow ToRow(ParameterChange change) => new()
    {
        ParameterPath = change.Path,
        OldValue = change.OldValue,
        NewValue = change.NewValue,
        Actor = change.Actor,
        ChangedAt = change.ChangedAt,
    };
}
