using Catalyst.Modules.Reporting.Domain;
using Catalyst.Modules.Reporting.Persistence;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Time;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalyst.Modules.Reporting.Features.Journal;

/// <summary>
/// Writes each closed round trip into the journal, once: the position id is the key, so a re-published event (a retry,
/// an outbox replay after a restart) is a no-op. It never throws for a bad event — Trading's close must not fail because
/// of the journal — but logs it as an error, so nothing is dropped silently.
/// </summary>
internal sealed class RoundTripClosedHandler(ReportingDbContext db, ISecurityRegistry securities, TimeProvider clock,
    IOptions<ReportingOptions> options, ILogger<RoundTripClosedHandler> logger) : INotificationHandler<RoundTripClosed>
{
    public async ValueTask Handle(RoundTripClosed e, CancellationToken cancellationToken)
    {
        if (Problem(e) is { } problem)
        {
            logger.LogError("Round trip {PositionId} ({Symbol}) not journaled: {Problem}. Event: {@Event}", e.PositionId, e.Symbol,
                problem, e);
            return;
        }
        if (await db.TradeJournal.AsNoTracking().AnyAsync(t => t.PositionId == e.PositionId, cancellationToken))
        {
            logger.LogDebug("Round trip {PositionId} already journaled", e.PositionId);
            return;
        }

        var symbol = Symbol.Parse(e.Symbol);
        var row = ToRow(e, symbol, await securities.GetOrCreateIdAsync(symbol, cancellationToken), options.Value.ScratchThreshold,
            clock.GetUtcNow());
        db.TradeJournal.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same event handled concurrently elsewhere won the insert: the journal already has it.
            db.Entry(row).State = EntityState.Detached;
            logger.LogDebug("Round trip {PositionId} journaled concurrently", e.PositionId);
        }
    }

    internal static TradeJournalRow ToRow(RoundTripClosed e, Symbol symbol, long securityId, decimal scratchThreshold,
        DateTimeOffset now)
    {
        var cost = e.EntryPrice * e.Quantity;
        return new TradeJournalRow
        {
            PositionId = e.PositionId,
            SecurityId = securityId,
            Symbol = symbol.Value,
            Side = e.Side.Trim().ToLowerInvariant(),
            Quantity = e.Quantity,
            EntryPrice = e.EntryPrice,
            ExitPrice = e.ExitPrice,
            EntryTime = e.EntryTime.ToUniversalTime(),
            ExitTime = e.ExitTime.ToUniversalTime(),
            TradingDate = MarketTime.EasternDate(e.ExitTime),
            Pnl = e.RealizedPnl,
            PnlPct = cost == 0m ? 0m : PerformanceCalculator.Ratio(e.RealizedPnl / cost * 100m),
            InitialRisk = e.InitialRisk,
            RMultiple = e.InitialRisk is > 0m and var risk ? PerformanceCalculator.Ratio(e.RealizedPnl / risk) : null,
            Outcome = PerformanceCalculator.Classify(e.RealizedPnl, scratchThreshold),
            HoldTimeMinutes = (int)Math.Round((e.ExitTime - e.EntryTime).TotalMinutes, MidpointRounding.AwayFromZero),
            Pattern = Clip(e.Pattern, 64),
            Catalyst = Clip(e.Catalyst, 500),
            ExitReason = Clip(e.ExitReason, 200),
            Notes = Clip(Notes(e), 4000),
            RecordedAt = now,
        };
    }

    private static string? Problem(RoundTripClosed e)
    {
        if (e.PositionId == Guid.Empty) return "no position id";
        if (!Symbol.TryParse(e.Symbol, out _)) return $"invalid symbol '{e.Symbol}'";
        if (e.Quantity <= 0m) return $"quantity {e.Quantity} is not positive";
        if (e.EntryPrice <= 0m || e.ExitPrice <= 0m) return "prices must be positive";
        if (e.ExitTime < e.EntryTime) return "exit before entry";
        if (string.IsNullOrWhiteSpace(e.Side)) return "no side";
        return null;
    }

    /// <summary>The first journal note says how the trade ended; the trader can edit notes later.</summary>
    private static string? Notes(RoundTripClosed e) =>
        string.IsNullOrWhiteSpace(e.ExitReason) ? null : $"Exit: {e.ExitReason.Trim()}";

    private static string? Clip(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= max ? text.Trim() : text[..max];
}
