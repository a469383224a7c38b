using System.Text.Json;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Features.Journal;
using Catalyst.Modules.Reporting.Features.Reports;
using Catalyst.Modules.Reporting.Persistence;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.SharedKernel.Serialization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Reporting.Features.EndOfDay;

/// <summary>
/// At the close: compute the daily report, store it (reporting.daily_reports, replaced on a re-run), then hand the §7.5
/// summary to every configured sink that has not yet received that day's summary. Each attempt is stored with its
/// outcome; a failure is logged as an error and raised as an alert through Risk — nothing is lost silently.
/// </summary>
internal sealed class SendEndOfDaySummaryHandler(ReportingDbContext db, ReportService reports, IEnumerable<IEndOfDaySink> sinks,
    ISender sender, TimeProvider clock, IOptions<ReportingOptions> options, ILogger<SendEndOfDaySummaryHandler> logger)
    : IRequestHandler<SendEndOfDaySummary, EndOfDaySummaryDto>
{
    /// <summary>One summary run at a time in this process, so two calls for a day cannot both send to a sink.</summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async ValueTask<EndOfDaySummaryDto> Handle(SendEndOfDaySummary request, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(request, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<EndOfDaySummaryDto> RunAsync(SendEndOfDaySummary request, CancellationToken ct)
    {
        var data = await reports.LoadAsync(ReportPeriods.Daily, request.Date, ct);
        var report = data.Compute();
        var trades = (await db.TradeJournal.AsNoTracking().Where(t => t.TradingDate == request.Date)
            .OrderBy(t => t.ExitTime).ThenBy(t => t.PositionId).ToListAsync(ct)).Select(GetTradeJournalHandler.ToDto).ToList();
        var text = SummaryText.Build(report, trades, JournalLink(request.Date));
        await StoreReportAsync(request, report, text, ct);

        var active = sinks.Where(s => s.IsConfigured).ToList();
        if (active.Count == 0)
        {
            logger.LogInformation("End-of-day summary for {Date} (no sink configured; stored in reporting.daily_reports):\n{Summary}",
                request.Date, text);
            return new EndOfDaySummaryDto(request.Date, report, text, [], []);
        }

        var png = RenderChart(data, report);
        var message = new EndOfDayMessage(request.Date, request.CycleId, SummaryText.Subject(report), text, report, trades, png);
        var delivered = new List<string>();
        var failed = new List<string>();
        foreach (var sink in active)
        {
            if (await db.EodDeliveries.AnyAsync(d => d.ReportDate == request.Date && d.Sink == sink.Name
                                                     && d.Status == DeliveryStatus.Delivered, ct))
            {
                delivered.Add(sink.Name);
                continue;
            }
            var started = clock.GetUtcNow();
            var result = await sink.DeliverAsync(message, ct);
            db.EodDeliveries.Add(new EodDeliveryRow
            {
                Id = Guid.CreateVersion7(started),
                ReportDate = request.Date,
                Sink = sink.Name,
                Target = Clip(sink.Target, 1000),
                Status = result.Delivered ? DeliveryStatus.Delivered : DeliveryStatus.Failed,
                Attempts = result.Attempts,
                Error = result.Error is null ? null : Clip(result.Error, 4000),
                StartedAt = started,
                CompletedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            if (result.Delivered)
            {
                delivered.Add(sink.Name);
                logger.LogInformation("End-of-day summary for {Date} delivered by {Sink} to {Target} ({Attempts} attempt(s))",
                    request.Date, sink.Name, sink.Target, result.Attempts);
            }
            else
            {
                failed.Add(sink.Name);
                logger.LogError("End-of-day summary for {Date} NOT delivered by {Sink} to {Target} after {Attempts} attempt(s): {Error}",
                    request.Date, sink.Name, sink.Target, result.Attempts, result.Error);
                await AlertAsync(request.Date, sink, result, ct);
            }
        }
        return new EndOfDaySummaryDto(request.Date, report, text, delivered, failed);
    }

    private async Task StoreReportAsync(SendEndOfDaySummary request, PerformanceReportDto report, string text, CancellationToken ct)
    {
        var row = await db.DailyReports.FirstOrDefaultAsync(r => r.ReportDate == request.Date, ct);
        if (row is null)
        {
            row = new DailyReportRow { ReportDate = request.Date, ReportJson = "{}", SummaryText = "" };
            db.DailyReports.Add(row);
        }
        row.CycleId = request.CycleId ?? row.CycleId;
        row.StartingEquity = report.StartingEquity;
        row.Pnl = report.Pnl;
        row.PnlPct = report.PnlPct;
        row.TradesExecuted = report.TradesExecuted;
        row.TradesWon = report.TradesWon;
        row.TradesLost = report.TradesLost;
        row.WinRate = report.WinRate;
        row.ProfitFactor = report.ProfitFactor;
        row.MaxDrawdown = report.MaxDrawdown;
        row.ReportJson = JsonSerializer.Serialize(report, WireJson.Options);
        row.SummaryText = text;
        row.GeneratedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private byte[]? RenderChart(ReportData data, PerformanceReportDto report)
    {
        try
        {
            return EquityChart.Render(data, report, 1000, 500);
        }
        catch (Exception ex)
        {
            // The summary matters more than its picture: send it without the chart.
            logger.LogWarning(ex, "Equity chart for {Date} could not be drawn; the summary goes without it", report.DateStart);
            return null;
        }
    }

    private async Task AlertAsync(DateOnly date, IEndOfDaySink sink, DeliveryResult result, CancellationToken ct)
    {
        try
        {
            await sender.Send(new RaiseAlert("warning", "eod_delivery_failed",
                $"The end-of-day summary for {date:yyyy-MM-dd} could not be delivered by {sink.Name}: {result.Error}",
                new Dictionary<string, object?>
                {
                    ["date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["sink"] = sink.Name,
                    ["target"] = sink.Target,
                    ["attempts"] = result.Attempts,
                    ["error"] = result.Error,
                }), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The failure is already logged and stored in reporting.eod_deliveries; the alert is the extra channel.
            logger.LogError("Alert for the failed {Sink} delivery of {Date} could not be raised: {Reason}", sink.Name, date, ex.Message);
        }
    }

    private string JournalLink(DateOnly date)
    {
        var path = $"/api/v1/journal?date={date:yyyy-MM-dd}";
        var baseUrl = options.Value.PublicBaseUrl?.TrimEnd('/');
        return string.IsNullOrEmpty(baseUrl) ? path : baseUrl + path;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
