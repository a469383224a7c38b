using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.Modules.Workflow.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Time;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Workflow.Features.Engine;

/// <summary>
/// Every closed round trip is an exit decision (stop, target, end of day, manual, emergency) in the decision log, tied to
/// the cycle of its trading date, with the outcome features a later model learns from.
/// </summary>
internal sealed class ExitDecisionLogger(WorkflowDbContext db, ISecurityRegistry securities, ILogger<ExitDecisionLogger> logger)
    : INotificationHandler<RoundTripClosed>
{
    public async ValueTask Handle(RoundTripClosed trade, CancellationToken cancellationToken)
    {
        try
        {
            await LogAsync(trade, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Trading publishes this after its own commit; a logging failure here must not fail the close it reports.
            logger.LogError(ex, "Exit decision for position {PositionId} ({Symbol}) not logged", trade.PositionId, trade.Symbol);
        }
    }

    private async Task LogAsync(RoundTripClosed trade, CancellationToken cancellationToken)
    {
        // The event may be delivered again (an outbox replay after a restart): one exit decision per round trip.
        if (await db.Decisions.AnyAsync(d => d.PositionId == trade.PositionId && d.DecisionType == DecisionTypes.Exit, cancellationToken))
            return;
        var date = MarketTime.EasternDate(trade.ExitTime);
        var cycle = await db.Cycles.AsNoTracking().Where(c => c.Date == date).OrderByDescending(c => c.StartedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var securityId = await securities.GetOrCreateIdAsync(Symbol.Parse(trade.Symbol), cancellationToken);
        var hold = trade.ExitTime - trade.EntryTime;
        decimal? rMultiple = trade.InitialRisk is > 0 ? Math.Round(trade.RealizedPnl / trade.InitialRisk.Value, 4) : null;
        var features = new Dictionary<string, object?>
        {
            ["symbol"] = trade.Symbol, ["side"] = trade.Side, ["quantity"] = trade.Quantity, ["entry_price"] = trade.EntryPrice,
            ["exit_price"] = trade.ExitPrice, ["entry_time"] = trade.EntryTime, ["exit_time"] = trade.ExitTime,
            ["hold_minutes"] = Math.Round((decimal)hold.TotalMinutes, 2), ["realized_pnl"] = trade.RealizedPnl,
            ["initial_risk"] = trade.InitialRisk, ["r_multiple"] = rMultiple, ["pattern"] = trade.Pattern,
            ["catalyst"] = trade.Catalyst, ["exit_reason"] = trade.ExitReason,
        };
        var reason = $"{trade.ExitReason}: {trade.Side} {trade.Quantity} {trade.Symbol} {trade.EntryPrice} → {trade.ExitPrice}, P&L {trade.RealizedPnl:0.00}";
        db.Decisions.Add(CycleJournal.Decision(cycle?.Id, trade.ExitTime, DecisionTypes.Exit, securityId, "exited", reason, features,
            positionId: trade.PositionId));
        if (cycle is not null)
            db.Events.Add(CycleJournal.Event(cycle.Id, trade.ExitTime, "exit", $"Exit {trade.Symbol} ({trade.ExitReason}): P&L {trade.RealizedPnl:0.00}",
                new Dictionary<string, object?>
                {
                    ["symbol"] = trade.Symbol, ["position_id"] = trade.PositionId, ["exit_reason"] = trade.ExitReason,
                    ["realized_pnl"] = trade.RealizedPnl, ["r_multiple"] = rMultiple,
                }));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("EXIT {Symbol} ({Reason}): {Quantity} @ {Entry} → {Exit}, P&L {Pnl:0.00}{R}", trade.Symbol, trade.ExitReason,
            trade.Quantity, trade.EntryPrice, trade.ExitPrice, trade.RealizedPnl, rMultiple is { } r ? $", {r:0.##}R" : string.Empty);
    }
}
