using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Risk.Domain;
using Catalyst.Modules.Risk.Parameters;
using Catalyst.Modules.Risk.Persistence;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.SharedKernel;
using Catalyst.SharedKernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Risk.Features.Config;

/// <summary>Whether a trading cycle is running and in which session mode (the lock for capital and kelly.*).</summary>
internal interface ICycleProbe
{
    /// <summary>The current cycle's status, or null when there is none (or Workflow cannot say yet).</summary>
    Task<WorkflowStatusDto?> CurrentAsync(CancellationToken ct);
}

/// <summary>Asks the Workflow module.</summary>
internal sealed class CycleProbe(ISender sender, ILogger<CycleProbe> logger) : ICycleProbe
{
    private static int _notBuiltLogged;

    /// <summary>The current cycle's status, or null when Workflow has no cycle (or cannot say because it is not built).</summary>
    public async Task<WorkflowStatusDto?> CurrentAsync(CancellationToken ct)
    {
        try
        {
            return await sender.Send(new GetWorkflowStatus(), ct);
        }
        catch (NotImplementedException)
        {
            if (Interlocked.Exchange(ref _notBuiltLogged, 1) == 0)
                logger.LogWarning("Workflow status is not available yet; treating it as no active cycle");
            return null;
        }
    }

    public static bool IsActive(WorkflowStatusDto? status) =>
        status is { CycleId: not null } && !string.Equals(status.CycleState, "closed", StringComparison.OrdinalIgnoreCase);
}

internal sealed class UpdateRiskParameterHandler(RiskParameterStore store, ICycleProbe cycles,
    IDbContextFactory<RiskDbContext> contexts) : IRequestHandler<UpdateRiskParameter, RiskParameterChangeDto>
{
    public async ValueTask<RiskParameterChangeDto> Handle(UpdateRiskParameter request, CancellationToken cancellationToken)
    {
        var path = request.ParameterPath.Trim();
        if (!RiskParameters.ByPath.TryGetValue(path, out var definition))
        {
            throw new ValidationException("parameter_path",
                $"'{path}' is not a risk parameter; known: {string.Join(", ", RiskParameters.Definitions.Select(d => d.Path))}");
        }
        if (definition.LockedDuringCycle)
        {
            var cycle = await cycles.CurrentAsync(cancellationToken);
            if (CycleProbe.IsActive(cycle))
            {
                throw new ForbiddenException("PARAMETER_LOCKED",
                    $"{path} cannot change while a trading cycle is active (positions were sized with it); change it after the close",
                    new Dictionary<string, object?>
                    {
                        ["parameter"] = path, ["cycle_id"] = cycle!.CycleId, ["cycle_state"] = cycle.CycleState,
                    });
            }
        }

        var change = await store.UpdateAsync(path, request.NewValue, request.Actor, async (c, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.ParameterChanges.Add(ParameterAudit.ToRow(c));
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        return new RiskParameterChangeDto(change.Path, change.OldValue, change.NewValue, change.Actor, change.ChangedAt,
            "Risk parameter updated");
    }
}

internal sealed class GetRiskConfigHandler(RiskParameterStore store, IConfiguration configuration,
    IDbContextFactory<RiskDbContext> contexts) : IRequestHandler<GetRiskConfig, RiskConfigDto>
{
    private static readonly string[] SecretWords = ["key", "secret", "password", "token", "connection", "credential"];

    public async ValueTask<RiskConfigDto> Handle(GetRiskConfig request, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(request.RecentChanges, 0, 500);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = await db.ParameterChanges.AsNoTracking().OrderByDescending(c => c.Id).Take(limit)
            .Select(c => new ParameterChangeDto(c.ParameterPath, c.OldValue, c.NewValue, c.Actor, c.ChangedAt))
            .ToListAsync(cancellationToken);
        var parameters = store.Current;
        return new RiskConfigDto(
            CatalystModes.Read(configuration).ToString().ToLowerInvariant(),
            RiskParameters.Definitions.ToDictionary(d => d.Path, d => parameters[d.Path]),
            store.FilePath,
            store.LoadedAt,
            store.FileErrors.Select(e => e.Message).ToList(),
            RiskParameters.Definitions.Where(d => d.LockedDuringCycle).Select(d => d.Path).ToList(),
            NonSecretSettings(),
            changes);
    }

    /// <summary>Catalyst:* settings an operator may see; anything that looks like a credential is left out, not masked.</summary>
    private Dictionary<string, object?> NonSecretSettings()
    {
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.GetSection("Catalyst").AsEnumerable(makePathsRelative: false))
        {
            if (value is null) continue;
            if (key.StartsWith("Catalyst:ApiKeys", StringComparison.OrdinalIgnoreCase)) continue;
            if (SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase))) continue;
            settings[key] = value;
        }
        return settings;
    }
}

internal sealed class GetRiskParametersHandler(RiskParameterStore store) : IRequestHandler<GetRiskParameters, RiskParametersDto>
{
    public ValueTask<RiskParametersDto> Handle(GetRiskParameters request, CancellationToken cancellationToken)
    {
        var p = store.Current;
        return ValueTask.FromResult(new RiskParametersDto(p.Capital, p.MaxDailyLossUsd, p.MaxPositions, p.MaxPositionPct,
            p.RiskPerTradePct, p.AtrMultiplier, p.MinRiskRewardRatio));
    }
}
