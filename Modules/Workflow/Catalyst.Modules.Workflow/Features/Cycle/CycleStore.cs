using Catalyst.Modules.Workflow.Contracts;
using Catalyst.Modules.Workflow.Domain;
using Catalyst.Modules.Workflow.Features.Leadership;
using Catalyst.Modules.Workflow.Persistence;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Catalyst.Modules.Workflow.Features.Cycle;

/// <summary>Loading, saving and announcing the cycle row, shared by the commands and the heartbeat.</summary>
internal sealed class CycleStore(WorkflowDbContext db, EventPublisher events)
{
    public WorkflowDbContext Db => db;

    /// <summary>The running or paused cycle, whatever its date (a stale one is expired by the caller).</summary>
    public Task<TradingCycleRow?> ActiveAsync(CancellationToken ct) =>
        db.Cycles.Where(c => c.Status == CycleStatuses.Running || c.Status == CycleStatuses.Paused)
            .OrderByDescending(c => c.StartedAt).FirstOrDefaultAsync(ct);

    /// <summary>The active cycle, else the latest cycle of <paramref name="date"/>.</summary>
    public async Task<TradingCycleRow?> CurrentAsync(DateOnly date, CancellationToken ct) =>
        await ActiveAsync(ct) ?? await db.Cycles.AsNoTracking().Where(c => c.Date == date)
            .OrderByDescending(c => c.StartedAt).FirstOrDefaultAsync(ct);

    public void AddEvent(TradingCycleRow cycle, DateTimeOffset at, string type, string description,
        IReadOnlyDictionary<string, object?>? metadata = null) =>
        db.Events.Add(CycleJournal.Event(cycle.Id, at, type, description, metadata));

    /// <summary>Saves; a write based on a stale read of the cycle (another instance or request) is a 409, never a lost update.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException("CYCLE_CHANGED",
                "The trading cycle was changed at the same time by another request or instance; read its status and retry.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            throw new ConflictException("WORKFLOW_ALREADY_RUNNING", "Today's trading cycle is already running.");
        }
    }

    public Task PublishAsync(TradingCycleRow cycle, DateTimeOffset at, CancellationToken ct) =>
        events.PublishAsync(new CycleStateChanged(cycle.Id, cycle.CycleState, cycle.Phase, at), ct);

    /// <summary>
    /// Closes a cycle left running on an earlier date (the host was down at that close): it can no longer trade, and a
    /// new day's cycle must be able to start.
    /// </summary>
    public void Expire(TradingCycleRow cycle, DateTimeOffset now)
    {
        cycle.Status = CycleStatuses.Closed;
        cycle.CycleState = CycleStates.Closed;
        cycle.Phase = Phases.Closed;
        cycle.ClosedAt = now;
        cycle.StopReason ??= "expired: still running when its trading day ended";
        AddEvent(cycle, now, "cycle_expired",
            $"Cycle of {cycle.Date:yyyy-MM-dd} closed on {MarketTime.EasternDate(now):yyyy-MM-dd}: it was still running when its day ended",
            new Dictionary<string, object?> { ["flattened"] = cycle.FlattenedAt is not null });
    }

    public static WorkflowStatusDto ToStatus(TradingCycleRow? cycle, DateTimeOffset now, WorkflowLeadership leadership,
        int? positionsHeld = null, string? message = null)
    {
        var today = MarketTime.EasternDate(now);
        var schedule = TradingDaySchedule.For(cycle?.Date ?? today);
        if (cycle is null)
            return new WorkflowStatusDto(null, today, CycleStates.Closed, schedule.PhaseAt(now), null, null, leadership.Role,
                "none", schedule.MarketStatusAt(now), PositionsHeld: positionsHeld,
                Message: message ?? (schedule.IsTradingDay ? "No trading cycle today yet." : MarketClosedMessage(today)));
        return new WorkflowStatusDto(cycle.Id, cycle.Date, cycle.CycleState, cycle.Phase, cycle.SessionMode, cycle.StartedAt,
            leadership.Role, cycle.Status, TradingDaySchedule.For(cycle.Date).MarketStatusAt(now), cycle.PausedAt,
            cycle.PausedUntil, cycle.PauseReason, cycle.StoppedAt ?? cycle.ClosedAt, cycle.StopReason, cycle.ScansCompleted,
            positionsHeld, message);
    }

    public static string MarketClosedMessage(DateOnly date)
    {
        var why = NyseCalendar.HolidayName(date) ?? date.DayOfWeek.ToString();
        return $"The NYSE is closed on {date:yyyy-MM-dd} ({why}); the next trading day is {NyseCalendar.NextTradingDay(date):yyyy-MM-dd}.";
    }
}
