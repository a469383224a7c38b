using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.Modules.Workflow.Domain;
using Catalyst.Modules.Workflow.Features.Cycle;
using Catalyst.Modules.Workflow.Features.Leadership;
using Catalyst.Modules.Workflow.Persistence;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Time;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Workflow.Features.Queries;

internal sealed class GetWorkflowStatusHandler(CycleStore store, WorkflowLeadership leadership, TimeProvider clock)
    : IRequestHandler<GetWorkflowStatus, WorkflowStatusDto>
{
    public async ValueTask<WorkflowStatusDto> Handle(GetWorkflowStatus request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cycle = await store.CurrentAsync(MarketTime.EasternDate(now), cancellationToken);
        return CycleStore.ToStatus(cycle, now, leadership);
    }
}

internal sealed class GetCycleHistoryHandler(WorkflowDbContext db, WorkflowLeadership leadership, TimeProvider clock)
    : IRequestHandler<GetCycleHistory, IReadOnlyList<WorkflowStatusDto>>
{
    public async ValueTask<IReadOnlyList<WorkflowStatusDto>> Handle(GetCycleHistory request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Ties in started_at (a frozen or virtual clock) put the active cycle first: it is always the newest of its day.
        var cycles = await db.Cycles.AsNoTracking().OrderByDescending(c => c.StartedAt)
            .ThenByDescending(c => c.Status == CycleStatuses.Running || c.Status == CycleStatuses.Paused)
            .ThenByDescending(c => c.Id).Take(request.Limit).ToListAsync(cancellationToken);
        return cycles.Select(c => CycleStore.ToStatus(c, now, leadership)).ToList();
    }
}

internal sealed class GetCycleTimelineHandler(WorkflowDbContext db) : IRequestHandler<GetCycleTimeline, IReadOnlyList<TimelineEventDto>>
{
    public async ValueTask<IReadOnlyList<TimelineEventDto>> Handle(GetCycleTimeline request, CancellationToken cancellationToken)
    {
        if (!await db.Cycles.AnyAsync(c => c.Id == request.CycleId, cancellationToken))
            throw new NotFoundException($"No trading cycle {request.CycleId}.", new Dictionary<string, object?> { ["cycle_id"] = request.CycleId });
        var rows = await db.Events.AsNoTracking().Where(e => e.CycleId == request.CycleId)
            .OrderBy(e => e.Timestamp).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return rows.Select(e => new TimelineEventDto(e.Timestamp, e.EventType, e.Description, CycleJournal.FromJson(e.Metadata))).ToList();
    }
}

internal sealed class GetDecisionLogHandler(WorkflowDbContext db, ISecurityRegistry securities)
    : IRequestHandler<GetDecisionLog, IReadOnlyList<DecisionLogDto>>
{
    public async ValueTask<IReadOnlyList<DecisionLogDto>> Handle(GetDecisionLog request, CancellationToken cancellationToken)
    {
        if (!await db.Cycles.AnyAsync(c => c.Id == request.CycleId, cancellationToken))
            throw new NotFoundException($"No trading cycle {request.CycleId}.", new Dictionary<string, object?> { ["cycle_id"] = request.CycleId });
        var query = db.Decisions.AsNoTracking().Where(d => d.CycleId == request.CycleId);
        if (request.DecisionType is { } type) query = query.Where(d => d.DecisionType == type);
        var rows = await query.OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var result = new List<DecisionLogDto>(rows.Count);
        foreach (var d in rows)
        {
            var symbol = d.SecurityId is { } id ? (await securities.FindSymbolAsync(id, cancellationToken))?.Value : null;
            result.Add(new DecisionLogDto(d.Id, d.CycleId, d.Timestamp, d.DecisionType, symbol, d.Decision, d.Reason, d.OrderId,
                d.PositionId, CycleJournal.FromJson(d.Features)));
        }
        return result;
    }
}

/// <summary>
/// §3.2 trading-cycle/current: the cycle plus the numbers other modules own (candidates from Scanner, positions and P&amp;L
/// from Trading, trades and win rate from Reporting's journal). A module that cannot answer leaves its numbers at zero
/// and is logged; the cycle's own state is always there.
/// </summary>
internal sealed class GetCurrentCycleHandler(CycleStore store, ISender sender, IServiceProvider services, TimeProvider clock,
    ILogger<GetCurrentCycleHandler> logger) : IRequestHandler<GetCurrentCycle, CurrentCycleDto>
{
    public async ValueTask<CurrentCycleDto> Handle(GetCurrentCycle request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = MarketTime.EasternDate(now);
        var cycle = await store.CurrentAsync(today, cancellationToken);
        var date = cycle?.Date ?? today;
        var schedule = TradingDaySchedule.For(date);

        var candidates = await Try(async () => (await sender.Send(new GetCandidates(ActiveOnly: true), cancellationToken)).Count, 0, "candidates");
        var day = await Try<TradingDaySummaryDto?>(async () => await sender.Send(new GetTradingDaySummary(date), cancellationToken), null, "day summary");
        var journal = await Try<IReadOnlyList<JournalEntryDto>>(async () => await sender.Send(new GetTradeJournal(date), cancellationToken), [], "journal");
        var pnl = day is null ? 0m : day.RealizedPnl + day.UnrealizedPnl;
        var baseEquity = await Try<decimal?>(async () =>
            services.GetService(typeof(IBrokerPort)) is IBrokerPort broker ? (await broker.GetAccountAsync(cancellationToken)).LastEquity : null,
            null, "account");
        var pct = baseEquity is > 0 ? Math.Round(pnl / baseEquity.Value * 100m, 2) : 0m;
        int wins = journal.Count(j => j.Outcome == "win"), losses = journal.Count(j => j.Outcome == "loss");
        decimal? winRate = wins + losses > 0 ? Math.Round((decimal)wins / (wins + losses), 4) : null;
        return new CurrentCycleDto(cycle?.Id, date, schedule.MarketStatusAt(now), cycle?.CycleState ?? CycleStates.Closed,
            cycle?.Phase ?? schedule.PhaseAt(now), candidates, day?.OpenPositions ?? 0, Math.Round(pnl, 2), pct, journal.Count, winRate);
    }

    private async Task<T> Try<T>(Func<Task<T>> read, T fallback, string what)
    {
        try
        {
            return await read();
        }
        catch (NotFoundException)
        {
            return fallback;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("trading-cycle/current: {What} unavailable: {Reason}", what, ex.Message);
            return fallback;
        }
    }
}
