using System.Collections.Concurrent;
using System.Text.Json;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Risk.Features.Alerts;
using Catalyst.Modules.Risk.Features.Config;
using Catalyst.Modules.Risk.Parameters;
using Catalyst.Modules.Risk.Persistence;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Serialization;
using Catalyst.SharedKernel.Time;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalyst.Modules.Risk.Features.Actions;

internal static class ActionTypes
{
    public const string FlattenAll = "flatten_all";
}

internal static class ActionStatuses
{
    public const string Pending = "pending";
    public const string Executing = "executing";
    public const string Executed = "executed";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
}

/// <summary>Carries out a risk action; the result is stored with the action.</summary>
internal interface IRiskActionExecutor
{
    Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(string actionType, string reason, CancellationToken ct);
}

/// <summary>Flatten through the Trading module (cancel working orders, close every position).</summary>
internal sealed class TradingActionExecutor(ISender sender) : IRiskActionExecutor
{
    public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(string actionType, string reason, CancellationToken ct)
    {
        if (actionType != ActionTypes.FlattenAll) throw new InvalidOperationException($"Unknown risk action {actionType}.");
        var closed = await sender.Send(new CloseAllPositions(reason), ct);
        return new Dictionary<string, object?>
        {
            ["positions_closed"] = closed.Count,
            ["symbols"] = closed.Select(c => c.Symbol).ToList(),
            ["realized_pnl"] = closed.Sum(c => c.RealizedPnl),
        };
    }
}

/// <summary>
/// Risk actions (§7.4). Supervised: stored pending with a deadline, announced as an alert carrying the action_id, executed
/// when approved or when the window ends, dropped when rejected. Autonomous: executed at once. Every transition is a
/// conditional update on the row, so an approval racing the timeout executes the action once.
/// </summary>
internal sealed class RiskActionService(IDbContextFactory<RiskDbContext> contexts, AlertService alerts, ICycleProbe cycles,
    RiskParameterStore parameters, IRiskActionExecutor executor, RiskActionScheduler scheduler, TimeProvider clock,
    ILogger<RiskActionService> logger)
{
    /// <summary>Proposes the action once per trigger key; a second proposal returns the first.</summary>
    public async Task<RiskActionDto> ProposeAsync(string actionType, string description, string triggerKey, NewAlert alert,
        CancellationToken ct)
    {
        var status = await cycles.CurrentAsync(ct);
        var mode = string.Equals(status?.SessionMode, "autonomous", StringComparison.OrdinalIgnoreCase) ? "autonomous" : "supervised";
        var now = clock.GetUtcNow();
        var row = new RiskActionRow
        {
            Id = Guid.CreateVersion7(now),
            ActionType = actionType,
            Status = ActionStatuses.Pending,
            SessionMode = mode,
            Reason = description,
            Details = "{}",
            TriggerKey = triggerKey,
            CreatedAt = now,
            ExecuteAt = mode == "autonomous" ? now : now + parameters.Current.ActionWindow,
        };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.Actions.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
                return ToDto(await db.Actions.AsNoTracking().SingleAsync(a => a.TriggerKey == triggerKey, ct));
            }
        }

        var announced = mode == "autonomous"
            ? alert with { Message = alert.Message + " Autonomous mode: closing all positions now.", ActionId = row.Id }
            : alert with
            {
                Message = alert.Message +
                          $" Supervised mode: all positions will be closed at {MarketTime.ToEastern(row.ExecuteAt):HH:mm} ET unless you approve now or reject.",
                ActionId = row.Id,
                ActionRequired = true,
                SuggestedAction = $"Approve or reject action {row.Id} (POST /api/v1/risk/actions/{row.Id}/approve|reject) within {parameters.Current.ActionWindow.TotalMinutes:0} minutes",
            };
        var raised = await alerts.RaiseAsync(announced, ct);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await db.Actions.Where(a => a.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.AlertId, raised.AlertId), ct);
        }
        logger.LogWarning("Risk action {ActionId} {Type} proposed ({Mode}): {Description}", row.Id, actionType, mode, description);

        if (mode == "autonomous") return await ExecuteAsync(row.Id, "autonomous", ct) ?? ToDto(row);
        scheduler.Schedule(row.Id, row.ExecuteAt);
        return ToDto(row);
    }

    public async Task<RiskActionDto> RespondAsync(Guid actionId, bool approve, string actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Actions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actionId, ct)
                  ?? throw new NotFoundException($"No risk action {actionId}.", new Dictionary<string, object?> { ["action_id"] = actionId });
        if (row.Status != ActionStatuses.Pending) throw AlreadyDecided(row);

        if (approve)
            return await ExecuteAsync(actionId, actor, ct) ?? throw AlreadyDecided(await ReloadAsync(actionId, ct));

        var now = clock.GetUtcNow();
        var claimed = await db.Actions.Where(a => a.Id == actionId && a.Status == ActionStatuses.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ActionStatuses.Rejected)
                .SetProperty(a => a.DecidedAt, now).SetProperty(a => a.DecidedBy, actor), ct);
        if (claimed == 0) throw AlreadyDecided(await ReloadAsync(actionId, ct));
        scheduler.Cancel(actionId);
        logger.LogWarning("Risk action {ActionId} rejected by {Actor}", actionId, actor);
        await alerts.RaiseAsync(new NewAlert("warning", "risk_action_rejected",
            $"Risk action {row.ActionType} rejected by {actor}: positions stay open; the daily loss limit still blocks new entries.",
            new Dictionary<string, object?> { ["action_id"] = actionId }, ActionId: actionId), ct);
        return ToDto(await ReloadAsync(actionId, ct));
    }

    /// <summary>
    /// Executes every pending action whose window has ended (the timeout path), and puts a timer on each one still
    /// waiting, so an action proposed before a restart, or by another instance, also ends on time here.
    /// </summary>
    public async Task<int> ExecuteDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(Guid Id, DateTimeOffset ExecuteAt)> pending;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            pending = (await db.Actions.AsNoTracking().Where(a => a.Status == ActionStatuses.Pending)
                    .Select(a => new { a.Id, a.ExecuteAt }).ToListAsync(ct))
                .Select(a => (a.Id, a.ExecuteAt)).ToList();
        }
        var executed = 0;
        foreach (var (id, executeAt) in pending)
        {
            if (executeAt > now) scheduler.Schedule(id, executeAt);
            else if (await ExecuteAsync(id, "timeout", ct) is not null) executed++;
        }
        return executed;
    }

    /// <summary>Claims a pending action and runs it; null when someone else claimed it first.</summary>
    private async Task<RiskActionDto?> ExecuteAsync(Guid actionId, string decidedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        RiskActionRow row;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var claimed = await db.Actions.Where(a => a.Id == actionId && a.Status == ActionStatuses.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ActionStatuses.Executing)
                    .SetProperty(a => a.DecidedAt, now).SetProperty(a => a.DecidedBy, decidedBy), ct);
            if (claimed == 0) return null;
            row = await db.Actions.AsNoTracking().SingleAsync(a => a.Id == actionId, ct);
        }
        scheduler.Cancel(actionId);

        string status;
        IReadOnlyDictionary<string, object?> result;
        try
        {
            // The flatten must finish even if the caller (an HTTP request) goes away.
            result = await executor.ExecuteAsync(row.ActionType, $"Risk: {row.Reason}", CancellationToken.None);
            status = ActionStatuses.Executed;
            logger.LogWarning("Risk action {ActionId} {Type} executed ({DecidedBy})", actionId, row.ActionType, decidedBy);
        }
        catch (Exception ex)
        {
            status = ActionStatuses.Failed;
            result = new Dictionary<string, object?> { ["error"] = ex is CatalystException ? ex.Message : ex.GetType().Name + ": " + ex.Message };
            logger.LogError(ex, "Risk action {ActionId} {Type} failed", actionId, row.ActionType);
            await alerts.RaiseAsync(new NewAlert("critical", "risk_action_failed",
                $"Risk action {row.ActionType} failed: {ex.Message}. Close the positions by hand.",
                new Dictionary<string, object?> { ["action_id"] = actionId }, ActionId: actionId, ActionRequired: true,
                SuggestedAction: "Close all positions (POST /api/v1/positions/close-all) and check the broker"), CancellationToken.None);
        }

        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            var json = JsonSerializer.Serialize(result, WireJson.Options);
            var executedAt = clock.GetUtcNow();
            await db.Actions.Where(a => a.Id == actionId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status)
                .SetProperty(a => a.ExecutedAt, executedAt).SetProperty(a => a.Result, json), CancellationToken.None);
        }
        return ToDto(await ReloadAsync(actionId, CancellationToken.None));
    }

    public async Task<IReadOnlyList<RiskActionDto>> ListAsync(bool pendingOnly, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Actions.AsNoTracking();
        if (pendingOnly) query = query.Where(a => a.Status == ActionStatuses.Pending);
        return (await query.OrderByDescending(a => a.CreatedAt).Take(100).ToListAsync(ct)).Select(ToDto).ToList();
    }

    private async Task<RiskActionRow> ReloadAsync(Guid actionId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Actions.AsNoTracking().SingleAsync(a => a.Id == actionId, ct);
    }

    private static ConflictException AlreadyDecided(RiskActionRow row) =>
        new("RISK_ACTION_DECIDED", $"Risk action {row.Id} is already {row.Status}" + (row.DecidedBy is null ? "" : $" ({row.DecidedBy})"),
            new Dictionary<string, object?> { ["action_id"] = row.Id, ["status"] = row.Status, ["decided_by"] = row.DecidedBy });

    internal static RiskActionDto ToDto(RiskActionRow row) => new(row.Id, row.ActionType, row.Status, row.Reason,
        row.CreatedAt, row.ExecuteAt, row.DecidedAt, row.DecidedBy, row.SessionMode, row.ExecutedAt,
        row.Result is null ? null : JsonSerializer.Deserialize<Dictionary<string, object?>>(row.Result, WireJson.Options));
}

/// <summary>
/// One timer per pending supervised action, on the app's clock, so the window ends on time in real time, on the virtual
/// clock and under a FakeTimeProvider alike. The heartbeat sweep (RiskMonitor) is the safety net after a restart.
/// </summary>
internal sealed class RiskActionScheduler(TimeProvider clock, IServiceScopeFactory scopes, ILogger<RiskActionScheduler> logger)
    : IDisposable
{
    private readonly ConcurrentDictionary<Guid, ITimer> _timers = new();

    /// <summary>A scheduled action not yet executed or cancelled here (a timer that fired and failed stays counted).</summary>
    public bool HasPending => !_timers.IsEmpty;

    public void Schedule(Guid actionId, DateTimeOffset executeAt)
    {
        var due = executeAt - clock.GetUtcNow();
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        var timer = clock.CreateTimer(_ => _ = FireAsync(actionId), null, due, Timeout.InfiniteTimeSpan);
        if (_timers.TryGetValue(actionId, out var old)) old.Dispose();
        _timers[actionId] = timer;
    }

    public void Cancel(Guid actionId)
    {
        if (_timers.TryRemove(actionId, out var timer)) timer.Dispose();
    }

    private async Task FireAsync(Guid actionId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RiskActionService>().ExecuteDueAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Executing risk action {ActionId} at the end of its window failed", actionId);
        }
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values) timer.Dispose();
        _timers.Clear();
    }
}

internal sealed class RespondToRiskActionHandler(RiskActionService actions) : IRequestHandler<RespondToRiskAction, RiskActionDto>
{
    public async ValueTask<RiskActionDto> Handle(RespondToRiskAction request, CancellationToken cancellationToken) =>
        await actions.RespondAsync(request.ActionId, request.Approve, request.Actor, cancellationToken);
}

internal sealed class GetRiskActionsHandler(RiskActionService actions) : IRequestHandler<GetRiskActions, IReadOnlyList<RiskActionDto>>
{
    public async ValueTask<IReadOnlyList<RiskActionDto>> Handle(GetRiskActions request, CancellationToken cancellationToken)
    {
        var status = request.Status?.Trim().ToLowerInvariant();
        if (status is not ("pending" or "all")) throw new ValidationException("status", "status must be pending or all");
        return await actions.ListAsync(status == "pending", cancellationToken);
    }
}
