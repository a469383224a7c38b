using System.Globalization;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.SharedKernel.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.Reporting.Features;

/// <summary>§5.6 journal and reports. Bad query values are a 400 naming the parameter (parsed here, not by the binder).</summary>
internal static class ReportingEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Reporting");

        api.MapGet("/journal", async Task<Ok<JournalResponse>> (
                [FromQuery(Name = "date")] string? date,
                [FromQuery(Name = "symbol")] string? symbol,
                [FromQuery(Name = "outcome")] string? outcome,
                [FromQuery(Name = "from")] string? from,
                [FromQuery(Name = "to")] string? to,
                [FromQuery(Name = "limit")] string? limit,
                ISender sender, CancellationToken ct) =>
            {
                var request = new GetTradeJournal(Date(date, "date"), Blank(symbol), Blank(outcome)?.ToLowerInvariant(),
                    Date(from, "from"), Date(to, "to"), Int(limit, "limit"));
                var trades = await sender.Send(request, ct);
                return TypedResults.Ok(new JournalResponse(trades.Count, trades));
            })
            .WithName("GetTradeJournal")
            .WithSummary("Closed round trips (§5.6): date=YYYY-MM-DD (US/Eastern exit day) or from/to, symbol, outcome win|loss|scratch, limit.");

        api.MapPut("/journal/{tradeId}/notes", async Task<Ok<JournalEntryDto>> (string tradeId, JournalNotesBody body,
                ISender sender, CancellationToken ct) =>
            {
                if (!Guid.TryParse(tradeId, out var id))
                    throw new ValidationException("trade_id", $"trade_id must be a UUID, not '{tradeId}'.");
                return TypedResults.Ok(await sender.Send(new UpdateJournalNotes(id, body.Notes), ct));
            })
            .WithName("UpdateJournalNotes")
            .WithSummary("Replace the trader's notes on a closed trade: {\"notes\": \"...\"} (null or empty clears them).");

        api.MapGet("/reports/{period}", async Task<Ok<PerformanceReportDto>> (string period,
                [FromQuery(Name = "date")] string? date, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetPerformanceReport(Period(period), Date(date, "date")), ct)))
            .WithName("GetPerformanceReport")
            .WithSummary("Performance for the daily, weekly (Mon–Fri) or monthly period holding ?date= (default today, US/Eastern) (§5.6).");

        api.MapGet("/reports/{period}/equity.png", async Task<FileContentHttpResult> (string period,
                [FromQuery(Name = "date")] string? date,
                [FromQuery(Name = "width")] string? width,
                [FromQuery(Name = "height")] string? height,
                ISender sender, CancellationToken ct) =>
            {
                var request = new RenderEquityCurve(Period(period), Date(date, "date"), Int(width, "width") ?? 1000, Int(height, "height") ?? 500);
                var png = await sender.Send(request, ct);
                return TypedResults.File(png, "image/png");
            })
            .WithName("GetEquityCurve")
            .WithSummary("The period's equity curve with drawdown shading, as a PNG (width/height in pixels).");

        return endpoints;
    }

    internal sealed record JournalNotesBody(string? Notes);

    /// <summary>§5.6 journal body.</summary>
    internal sealed record JournalResponse(int TradesCount, IReadOnlyList<JournalEntryDto> Trades);

    private static string Period(string period) => period.Trim().ToLowerInvariant();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly? Date(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new ValidationException(field, $"{field} must be a date as YYYY-MM-DD, not '{text}'.");

    private static int? Int(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw new ValidationException(field, $"{field} must be a whole number, not '{text}'.");
}
