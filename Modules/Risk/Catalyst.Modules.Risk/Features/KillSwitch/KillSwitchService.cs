using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Risk.Domain;
using Catalyst.Modules.Risk.Features.Alerts;
using Catalyst.Modules.Risk.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.Risk.Features.KillSwitch;

/// <summary>The kill switch: the latest row of risk.kill_switch_events, mirrored in memory for the checks.</summary>
internal sealed class KillSwitchService(IDbContextFactory<RiskDbContext> contexts, KillSwitchState state, AlertService alerts,
    TimeProvider clock)
{
    /// <summary>Never guesses "off": until the state is read from the database, the database is asked.</summary>
    public async Task<KillSwitchSnapshot> GetAsync(CancellationToken ct)
    {
        if (state.Current is { } current) return current;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var last = await db.KillSwitchEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        var snapshot = last is null
            ? new KillSwitchSnapshot(false, null, DateTimeOffset.UnixEpoch, "default")
            : new KillSwitchSnapshot(last.Active, last.Reason, last.ChangedAt, last.Actor);
        // A concurrent Set wins over this read.
        return state.SetIfUnset(snapshot);
    }

    public async Task<KillSwitchSnapshot> SetAsync(bool active, string? reason, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var row = new KillSwitchEventRow { Active = active, Reason = reason?.Trim(), Actor = actor, ChangedAt = now };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.KillSwitchEvents.Add(row);
            await db.SaveChangesAsync(ct);
        }
        var snapshot = new KillSwitchSnapshot(active, row.Reason, now, actor);
        state.Set(snapshot);
        await alerts.RaiseAsync(active
            ? new NewAlert("critical", "kill_switch", $"Kill switch activated by {actor}: {row.Reason}",
                new Dictionary<string, object?> { ["active"] = true, ["reason"] = row.Reason, ["actor"] = actor },
                SuggestedAction: "Review open positions; deactivate the kill switch to allow new entries again")
            : new NewAlert("info", "kill_switch", $"Kill switch deactivated by {actor}: new entries allowed again",
                new Dictionary<string, object?> { ["active"] = false, ["actor"] = actor }), ct);
        return snapshot;
    }

    public static KillSwitchDto ToDto(KillSwitchSnapshot s) => new(s.Active, s.Reason, s.ChangedAt, s.Actor);
}

internal sealed class SetKillSwitchHandler(KillSwitchService service) : IRequestHandler<SetKillSwitch, KillSwitchDto>
{
    public async ValueTask<KillSwitchDto> Handle(SetKillSwitch request, CancellationToken cancellationToken) =>
        KillSwitchService.ToDto(await service.SetAsync(request.Active, request.Reason, request.Actor,
            cancellationToken));
}

internal sealed class GetKillSwitchHandler(KillSwitchService service) : IRequestHandler<GetKillSwitch, KillSwitchDto>
{
    public async ValueTask<KillSwitchDto> Handle(GetKillSwitch request, CancellationToken cancellationToken) =>
        KillSwitchService.ToDto(await service.GetAsync(cancellationToken));
}
