using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Domain;
using Catalyst.Modules.Reporting.Persistence;
using Catalyst.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.Reporting.Features.Reports;

/// <summary>What a report and its chart are computed from: the period, its starting equity and its closed trades.</summary>
internal sealed record ReportData(ReportRange Range, decimal StartingEquity, IReadOnlyList<ClosedTrade> Trades, DateOnly Today,
    DateTimeOffset CurveStart, DateTimeOffset CurveEnd)
{
    public PerformanceReportDto Compute() =>
        PerformanceCalculator.Compute(Range, StartingEquity, Trades, Range.ElapsedTradingDays(Today));
}

internal sealed class ReportService(ReportingDbContext db, IStartingEquity startingEquity, TimeProvider clock)
{
    public async Task<ReportData> LoadAsync(string period, DateOnly? date, CancellationToken ct)
    {
        var today = clock.TodayEastern();
        var range = ReportRange.For(period, date ?? today);
        var rows = await db.TradeJournal.AsNoTracking()
            .Where(t => t.TradingDate >= range.Start && t.TradingDate <= range.End)
            .Select(t => new { t.PositionId, t.TradingDate, t.ExitTime, t.Pnl, t.RMultiple, t.Outcome })
            .ToListAsync(ct);
        var trades = rows.Select(r => new ClosedTrade(r.PositionId, r.TradingDate, r.ExitTime, r.Pnl, r.RMultiple, r.Outcome)).ToList();
        var equity = await startingEquity.GetAsync(ct);
        var (curveStart, curveEnd) = CurveSpan(range, trades, clock.GetUtcNow());
        return new ReportData(range, equity, trades, today, curveStart, curveEnd);
    }

    /// <summary>
    /// From the first session's open to the last session's close (or now, if the period is still running); stretched
    /// to cover any trade outside those hours. A period without sessions spans its calendar days.
    /// </summary>
    private static (DateTimeOffset Start, DateTimeOffset End) CurveSpan(ReportRange range, IReadOnlyList<ClosedTrade> trades,
        DateTimeOffset now)
    {
        var sessions = NyseCalendar.TradingDays(range.Start, range.End).Select(NyseCalendar.Session).OfType<TradingSession>().ToList();
        var start = sessions.Count > 0 ? sessions[0].Open : MarketTime.AtEastern(range.Start, TimeOnly.MinValue);
        var end = sessions.Count > 0 ? sessions[^1].Close : MarketTime.AtEastern(range.End.AddDays(1), TimeOnly.MinValue);
        if (now > start && now < end) end = now;
        foreach (var t in trades)
        {
            if (t.ExitTime < start) start = t.ExitTime;
            if (t.ExitTime > end) end = t.ExitTime;
        }
        if (end <= start) end = start.AddMinutes(1);
        return (start, end);
    }
}

internal sealed class GetPerformanceReportHandler(ReportService reports) : Mediator.IRequestHandler<GetPerformanceReport, PerformanceReportDto>
{
    public async ValueTask<PerformanceReportDto> Handle(GetPerformanceReport request, CancellationToken cancellationToken)
    {
        var data = await reports.LoadAsync(request.Period, request.Date, cancellationToken);
        return data.Compute();
    }
}
