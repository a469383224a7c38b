using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.Reporting.Features.Journal;

internal sealed class GetTradeJournalHandler(ReportingDbContext db) : IRequestHandler<GetTradeJournal, IReadOnlyList<JournalEntryDto>>
{
    public async ValueTask<IReadOnlyList<JournalEntryDto>> Handle(GetTradeJournal request, CancellationToken cancellationToken)
    {
        var query = db.TradeJournal.AsNoTracking();
        if (request.Date is { } date) query = query.Where(t => t.TradingDate == date);
        if (request.From is { } from) query = query.Where(t => t.TradingDate >= from);
        if (request.To is { } to) query = query.Where(t => t.TradingDate <= to);
        if (request.Symbol is not null)
        {
            var symbol = Symbol.Parse(request.Symbol).Value;
            query = query.Where(t => t.Symbol == symbol);
        }
        if (request.Outcome is not null) query = query.Where(t => t.Outcome == request.Outcome);

        var newestFirst = query.OrderByDescending(t => t.ExitTime).ThenByDescending(t => t.PositionId);
        var rows = await (request.Limit is { } limit ? newestFirst.Take(limit) : newestFirst).ToListAsync(cancellationToken);
        rows.Reverse();
        return rows.Select(ToDto).ToList();
    }

    internal static JournalEntryDto ToDto(TradeJournalRow t) => new(t.PositionId, t.Symbol, t.Side, t.EntryTime, t.ExitTime,
        t.EntryPrice, t.ExitPrice, t.Quantity, t.Pnl, t.PnlPct, t.RMultiple, t.Pattern, t.Catalyst, t.Outcome, t.HoldTimeMinutes,
        t.ExitReason, t.Notes);
}

internal sealed class UpdateJournalNotesHandler(ReportingDbContext db) : IRequestHandler<UpdateJournalNotes, JournalEntryDto>
{
    public async ValueTask<JournalEntryDto> Handle(UpdateJournalNotes request, CancellationToken cancellationToken)
    {
        var row = await db.TradeJournal.FirstOrDefaultAsync(t => t.PositionId == request.TradeId, cancellationToken)
                  ?? throw new NotFoundException($"No journaled trade {request.TradeId}.",
                      new Dictionary<string, object?> { ["trade_id"] = request.TradeId });
        row.Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return GetTradeJournalHandler.ToDto(row);
    }
}
