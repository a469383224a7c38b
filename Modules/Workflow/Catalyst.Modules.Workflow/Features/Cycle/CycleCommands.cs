using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.Modules.Workflow.Domain;
using Catalyst.Modules.Workflow.Features.Leadership;
using Catalyst.Modules.Workflow.Persistence;
using Catalyst.SharedKernel;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Workflow.Features.Cycle;

/// <summary>
/// The cycle's commands: start, stop, pause, resume, emergency stop. Any instance may run them (the state is in
/// Postgres); only the leader's heartbeat then drives the phases.
/// </summary>
internal sealed class CycleCommands(
    CycleStore store,
    ISender sender,
    WorkflowRuntime runtime,
    WorkflowLeadership leadership,
    TimeProvider clock,
    IOptions<WorkflowOptions> options,
    IConfiguration configuration,
    IServiceProvider services,
    ILogger<CycleCommands> logger)
{
    public async Task<CycleStartedDto> StartAsync(string sessionMode, string startedBy, CancellationToken ct)
    {
        await runtime.Gate.WaitAsync(ct);
        try
        {
            var (cycle, message) = await StartCoreAsync(sessionMode, startedBy, ct);
            return new CycleStartedDto(cycle.Id, cycle.Date, cycle.SessionMode, "started", cycle.Phase, message);
        }
        finally
        {
            runtime.Gate.Release();
        }
    }

    /// <summary>The start itself; the caller holds the gate (the heartbeat's auto-start does too).</summary>
    internal async Task<(TradingCycleRow Cycle, string Message)> StartCoreAsync(string sessionMode, string startedBy, CancellationToken ct)
    {
        if (!SessionModes.IsValid(sessionMode))
            throw new ValidationException("session_mode", $"'{sessionMode}' is not a session mode: use autonomous or supervised");
        var now = clock.GetUtcNow();
        var today = MarketTime.EasternDate(now);
        var schedule = TradingDaySchedule.For(today, options.Value.LastEntryMinutesBeforeClose);
        if (!schedule.IsTradingDay)
            throw new ConflictException("MARKET_CLOSED", CycleStore.MarketClosedMessage(today), new Dictionary<string, object?>
            {
                ["date"] = today,
                ["holiday"] = NyseCalendar.HolidayName(today),
                ["next_trading_day"] = NyseCalendar.NextTradingDay(today),
            });
        if (schedule.SessionOver(now))
            throw new ConflictException("MARKET_CLOSED",
                $"Today's session closed at {MarketTime.ToEastern(schedule.Close):HH:mm} ET; the next trading day is {NyseCalendar.NextTradingDay(today):yyyy-MM-dd}.",
                new Dictionary<string, object?> { ["date"] = today, ["next_trading_day"] = NyseCalendar.NextTradingDay(today) });

        var active = await store.ActiveAsync(ct);
        if (active is not null && active.Date >= today)
            throw new ConflictException("WORKFLOW_ALREADY_RUNNING", "Today's trading cycle is already running.",
                new Dictionary<string, object?>
                {
                    ["cycle_id"] = active.Id, ["status"] = active.Status, ["session_mode"] = active.SessionMode,
                    ["started_at"] = active.StartedAt,
                });
        if (active is not null) store.Expire(active, now);

        var phase = schedule.PhaseAt(now);
        var cycle = new TradingCycleRow
        {
            Id = Guid.CreateVersion7(now),
            Date = today,
            SessionMode = sessionMode,
            Status = CycleStatuses.Running,
            CycleState = CycleStates.Scanning,
            Phase = phase,
            StartedBy = startedBy,
            StartedAt = now,
        };
        cycle.CycleState = CycleRules.StateFor(cycle, phase, schedule, now);
        store.Db.Cycles.Add(cycle);
        store.AddEvent(cycle, now, "cycle_started", $"Trading cycle started in {sessionMode} mode ({startedBy})",
            new Dictionary<string, object?>
            {
                ["session_mode"] = sessionMode, ["started_by"] = startedBy, ["phase"] = phase,
                ["market_status"] = schedule.MarketStatusAt(now), ["instance"] = leadership.Role,
                ["early_close"] = schedule.Session!.EarlyClose,
            });
        await store.SaveAsync(ct);

        await CrossCheckCalendarAsync(cycle, schedule, ct);
        await store.PublishAsync(cycle, now, ct);
        logger.LogInformation("Trading cycle {CycleId} started for {Date:yyyy-MM-dd} in {Mode} mode ({StartedBy}); phase {Phase}, this instance is {Role}",
            cycle.Id, cycle.Date, sessionMode, startedBy, phase, leadership.Role);
        var message = $"Trading session started in {sessionMode} mode";
        if (!leadership.IsLeader) message += "; this instance is standby, the leader instance drives the cycle";
        return (cycle, message);
    }

    public async Task<CycleStoppedDto> StopAsync(string reason, CancellationToken ct)
    {
        await runtime.Gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var cycle = await store.ActiveAsync(ct)
                ?? throw new ConflictException("WORKFLOW_NOT_RUNNING", "No trading cycle is running.");
            // Stop first, so no entry can slip in (from any instance) while the book is being flattened.
            cycle.Status = CycleStatuses.Stopped;
            cycle.CycleState = CycleStates.Closed;
            cycle.StoppedAt = now;
            cycle.StopReason = reason;
            store.AddEvent(cycle, now, "cycle_stopping", $"Stopping: {reason}; closing all positions");
            await store.SaveAsync(ct);
            runtime.Forget(cycle.Id);

            IReadOnlyList<PositionClosedDto> closed;
            try
            {
                closed = await sender.Send(new CloseAllPositions(reason), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                store.AddEvent(cycle, clock.GetUtcNow(), "flatten_failed", $"Positions could not all be closed: {ex.Message}");
                await store.SaveAsync(ct);
                await store.PublishAsync(cycle, now, ct);
                await RaiseAlertAsync("critical", "flatten_failed",
                    $"Trading cycle stopped but positions could not all be closed: {ex.Message}", cycle.Id, ct);
                throw new ServiceUnavailableException("FLATTEN_FAILED",
                    $"The cycle is stopped, but closing positions failed ({ex.Message}). Close them with POST /api/v1/positions/close-all.",
                    new Dictionary<string, object?> { ["cycle_id"] = cycle.Id });
            }
            var finalPnl = await DayPnlAsync(cycle.Date, closed, ct);
            cycle.PositionsClosed = closed.Count;
            cycle.FinalPnl = finalPnl;
            store.AddEvent(cycle, clock.GetUtcNow(), "cycle_stopped", $"Trading cycle stopped: {reason}",
                new Dictionary<string, object?>
                {
                    ["positions_closed"] = closed.Count, ["symbols"] = closed.Select(c => c.Symbol).ToList(), ["final_pnl"] = finalPnl,
                });
            await store.SaveAsync(ct);
            await store.PublishAsync(cycle, now, ct);
            logger.LogInformation("Trading cycle {CycleId} stopped ({Reason}): {Closed} positions closed, day P&L {Pnl:0.00}",
                cycle.Id, reason, closed.Count, finalPnl);
            return new CycleStoppedDto(cycle.Id, "stopped", closed.Count, finalPnl, now, Message: "Trading session stopped");
        }
        finally
        {
            runtime.Gate.Release();
        }
    }

    public async Task<WorkflowStatusDto> PauseAsync(int? durationSeconds, string reason, CancellationToken ct)
    {
        await runtime.Gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var cycle = await store.ActiveAsync(ct)
                ?? throw new ConflictException("WORKFLOW_NOT_RUNNING", "No trading cycle is running.");
            if (cycle.Status == CycleStatuses.Paused)
                throw new ConflictException("WORKFLOW_ALREADY_PAUSED", "The trading cycle is already paused.",
                    new Dictionary<string, object?> { ["paused_at"] = cycle.PausedAt, ["resume_at"] = cycle.PausedUntil });
            cycle.Status = CycleStatuses.Paused;
            cycle.PausedAt = now;
            cycle.PausedUntil = durationSeconds is { } s ? now.AddSeconds(s) : null;
            cycle.PauseReason = reason;
            var schedule = TradingDaySchedule.For(cycle.Date, options.Value.LastEntryMinutesBeforeClose);
            cycle.CycleState = CycleRules.StateFor(cycle, cycle.Phase, schedule, now);
            var until = cycle.PausedUntil is { } u ? $"until {MarketTime.ToEastern(u):HH:mm:ss} ET" : "until resumed";
            store.AddEvent(cycle, now, "paused", $"Trading paused {until}: {reason}",
                new Dictionary<string, object?> { ["duration_seconds"] = durationSeconds, ["resume_at"] = cycle.PausedUntil, ["reason"] = reason });
            await store.SaveAsync(ct);
            await store.PublishAsync(cycle, now, ct);
            logger.LogInformation("Trading cycle {CycleId} paused {Until}: {Reason}", cycle.Id, until, reason);
            var held = await OpenPositionCountAsync(ct);
            return CycleStore.ToStatus(cycle, now, leadership, held,
                $"Trading paused {until}; no scans or new entries, open positions keep their stops and targets");
        }
        finally
        {
            runtime.Gate.Release();
        }
    }

    public async Task<WorkflowStatusDto> ResumeAsync(CancellationToken ct)
    {
        await runtime.Gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var cycle = await store.ActiveAsync(ct)
                ?? throw new ConflictException("WORKFLOW_NOT_RUNNING", "No trading cycle is running.");
            if (cycle.Status != CycleStatuses.Paused)
                throw new ConflictException("WORKFLOW_NOT_PAUSED", "The trading cycle is not paused.");
            var message = Resume(store, cycle, now, "resumed by request", options.Value);
            await store.SaveAsync(ct);
            await store.PublishAsync(cycle, now, ct);
            logger.LogInformation("Trading cycle {CycleId} {Message}", cycle.Id, message);
            return CycleStore.ToStatus(cycle, now, leadership, await OpenPositionCountAsync(ct), message);
        }
        finally
        {
            runtime.Gate.Release();
        }
    }

    /// <summary>Ends a pause (by request or because its duration ran out); returns the v4.1 summary sentence.</summary>
    internal static string Resume(CycleStore store, TradingCycleRow cycle, DateTimeOffset now, string why, WorkflowOptions options)
    {
        var pausedAt = cycle.PausedAt ?? now;
        var duration = now - pausedAt;
        var schedule = TradingDaySchedule.For(cycle.Date, options.LastEntryMinutesBeforeClose);
        var missed = MissedScans(schedule, pausedAt, now, TimeSpan.FromSeconds(options.ScanFrequencySeconds));
        cycle.Status = CycleStatuses.Running;
        cycle.PausedAt = null;
        cycle.PausedUntil = null;
        cycle.PauseReason = null;
        cycle.CycleState = CycleRules.StateFor(cycle, cycle.Phase, schedule, now);
        var text = $"resumed after {FormatDuration(duration)} ({why}); {missed} scheduled scans missed";
        store.AddEvent(cycle, now, "resumed", "Trading " + text, new Dictionary<string, object?>
        {
            ["pause_duration"] = FormatDuration(duration), ["pause_seconds"] = (long)duration.TotalSeconds,
            ["missed_scans"] = missed, ["why"] = why,
        });
        return text;
    }

    internal static int MissedScans(TradingDaySchedule schedule, DateTimeOffset from, DateTimeOffset to, TimeSpan frequency)
    {
        if (!schedule.IsTradingDay) return 0;
        var start = from > schedule.ScanStart ? from : schedule.ScanStart;
        var end = to < schedule.ScanEnd ? to : schedule.ScanEnd;
        var missed = end > start ? (int)Math.Ceiling((end - start) / frequency) : 0;
        // The post-opening-range scan is skipped too when the pause spans the end of the opening range.
        if (from <= schedule.OpeningRangeEnd && to > schedule.OpeningRangeEnd) missed++;
        return missed;
    }

    public async Task<CycleStoppedDto> EmergencyStopAsync(string reason, CancellationToken ct)
    {
        reason = reason.Trim();
        await runtime.Gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var cycle = await store.ActiveAsync(ct);
            if (cycle is not null)
            {
                cycle.Status = CycleStatuses.EmergencyStopped;
                cycle.CycleState = CycleStates.Closed;
                cycle.StoppedAt = now;
                cycle.StopReason = reason;
                store.AddEvent(cycle, now, "emergency_stop", $"EMERGENCY STOP: {reason}");
                try
                {
                    await store.SaveAsync(ct);
                }
                catch (ConflictException)
                {
                    // An emergency does not wait for a retry: re-read and stop whatever the row says now.
                    cycle = await store.ActiveAsync(ct);
                    if (cycle is not null)
                    {
                        cycle.Status = CycleStatuses.EmergencyStopped;
                        cycle.CycleState = CycleStates.Closed;
                        cycle.StoppedAt = now;
                        cycle.StopReason = reason;
                        store.AddEvent(cycle, now, "emergency_stop", $"EMERGENCY STOP: {reason}");
                        await store.SaveAsync(ct);
                    }
                }
                if (cycle is not null) runtime.Forget(cycle.Id);
            }
            logger.LogCritical("EMERGENCY STOP ({Reason}): halting trading, cancelling all orders, closing all positions", reason);

            // Each step runs even when an earlier one failed: in an emergency, do as much as possible, then say what failed.
            var failures = new List<string>();
            try
            {
                await sender.Send(new SetKillSwitch(true, $"Emergency stop: {reason}"), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"kill switch: {ex.Message}");
            }
            var cancelled = 0;
            var cancelFailed = false;
            try
            {
                cancelled = await sender.Send(new CancelAllOrders($"Emergency stop: {reason}"), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                cancelFailed = true;
                failures.Add($"cancel all orders: {ex.Message}");
            }
            IReadOnlyList<PositionClosedDto> closed = [];
            var closeFailed = false;
            try
            {
                closed = await sender.Send(new CloseAllPositions($"Emergency stop: {reason}"), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                closeFailed = true;
                failures.Add($"close all positions: {ex.Message}");
            }
            var finalPnl = await DayPnlAsync(cycle?.Date ?? MarketTime.EasternDate(now), closed, ct);
            var details = new Dictionary<string, object?>
            {
                ["cycle_id"] = cycle?.Id, ["reason"] = reason, ["orders_cancelled"] = cancelled,
                ["positions_closed"] = closed.Count, ["symbols"] = closed.Select(c => c.Symbol).ToList(),
                ["day_pnl"] = finalPnl, ["failures"] = failures,
            };
            try
            {
                await sender.Send(new RaiseAlert("critical", "emergency_stop",
                    $"Emergency stop: {reason}. {cancelled} orders cancelled, {closed.Count} positions closed"
                    + (failures.Count > 0 ? $"; FAILED: {string.Join("; ", failures)}" : "."), details), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"alert: {ex.Message}");
                logger.LogError(ex, "Emergency stop: the critical alert could not be raised");
            }

            if (cycle is not null)
            {
                cycle.PositionsClosed = closed.Count;
                cycle.FinalPnl = finalPnl;
                store.AddEvent(cycle, clock.GetUtcNow(), failures.Count == 0 ? "emergency_stop_completed" : "emergency_stop_incomplete",
                    $"Emergency stop: {cancelled} orders cancelled, {closed.Count} positions closed, trading halted"
                    + (failures.Count > 0 ? $"; failed: {string.Join("; ", failures)}" : string.Empty), details);
                await store.SaveAsync(ct);
                await store.PublishAsync(cycle, now, ct);
            }
            if (cancelFailed || closeFailed)
            {
                logger.LogCritical("Emergency stop INCOMPLETE: {Failures}", string.Join("; ", failures));
                throw new ServiceUnavailableException("EMERGENCY_STOP_INCOMPLETE",
                    $"Emergency stop incomplete: {string.Join("; ", failures)}. Check the broker and retry.", details);
            }
            logger.LogWarning("Emergency stop done: {Cancelled} orders cancelled, {Closed} positions closed, day P&L {Pnl:0.00}{Failures}",
                cancelled, closed.Count, finalPnl, failures.Count > 0 ? "; " + string.Join("; ", failures) : string.Empty);
            return new CycleStoppedDto(cycle?.Id, CycleStatuses.EmergencyStopped, closed.Count, finalPnl, now, cancelled,
                "Emergency stop executed");
        }
        finally
        {
            runtime.Gate.Release();
        }
    }

    /// <summary>Today's realized P&amp;L from Trading; if Trading cannot say, the sum of what was just closed.</summary>
    internal async Task<decimal> DayPnlAsync(DateOnly date, IReadOnlyList<PositionClosedDto> closed, CancellationToken ct)
    {
        try
        {
            return (await sender.Send(new GetTradingDaySummary(date), ct)).RealizedPnl;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Day P&L from Trading unavailable ({Reason}); using the closed positions' P&L", ex.Message);
            return closed.Sum(c => c.RealizedPnl);
        }
    }

    private async Task<int?> OpenPositionCountAsync(CancellationToken ct)
    {
        try
        {
            return (await sender.Send(new GetPositions("open"), ct)).Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Open positions unavailable: {Reason}", ex.Message);
            return null;
        }
    }

    private async Task RaiseAlertAsync(string severity, string type, string message, Guid cycleId, CancellationToken ct)
    {
        try
        {
            await sender.Send(new RaiseAlert(severity, type, message, new Dictionary<string, object?> { ["cycle_id"] = cycleId }), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Alert {Type} could not be raised: {Message}", type, message);
        }
    }

    /// <summary>
    /// Paper/Live: compares today's session and the market clock with the broker's. A disagreement is a warning (log and
    /// alert) and a timeline event, not a refusal: the operator decides which side is wrong.
    /// </summary>
    private async Task CrossCheckCalendarAsync(TradingCycleRow cycle, TradingDaySchedule schedule, CancellationToken ct)
    {
        if (CatalystModes.Read(configuration) == CatalystMode.Simulation) return;
        var broker = services.GetService<IBrokerPort>();
        if (broker is null) return;
        var now = clock.GetUtcNow();
        IReadOnlyList<string> problems;
        try
        {
            var days = await broker.GetCalendarAsync(schedule.Date, schedule.Date, ct);
            var brokerClock = await broker.GetClockAsync(ct);
            problems = CalendarCrossCheck.Compare(schedule, days, brokerClock, now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems = [$"the broker's calendar could not be read: {ex.Message}"];
        }
        if (problems.Count == 0)
        {
            store.AddEvent(cycle, now, "calendar_checked", "The NYSE calendar agrees with the broker's calendar and clock");
        }
        else
        {
            logger.LogWarning("Trading calendar disagrees with the broker for {Date:yyyy-MM-dd}: {Problems}", schedule.Date,
                string.Join("; ", problems));
            store.AddEvent(cycle, now, "calendar_mismatch", "Calendar cross-check with the broker: " + string.Join("; ", problems),
                new Dictionary<string, object?> { ["problems"] = problems });
        }
        await store.SaveAsync(ct);
        if (problems.Count > 0)
            await RaiseAlertAsync("warning", "calendar_mismatch",
                $"The NYSE calendar disagrees with the broker for {schedule.Date:yyyy-MM-dd}: {string.Join("; ", problems)}", cycle.Id, ct);
    }

    internal static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = TimeSpan.Zero;
        return duration.TotalHours >= 1
            ? $"{(int)duration.TotalHours}h {duration.Minutes}m"
            : $"{duration.Minutes}m {duration.Seconds}s";
    }
}
