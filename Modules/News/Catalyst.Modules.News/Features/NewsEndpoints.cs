using System.Globalization;
using Catalyst.Modules.News.Contracts;
using Catalyst.SharedKernel.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.News.Features;

internal static class NewsEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/news").WithTags("News");

        group.MapGet("/recent", async Task<Ok<RecentNewsResponse>> (
                [FromQuery(Name = "symbols")] string? symbols,
                [FromQuery(Name = "hours")] string? hours,
                [FromQuery(Name = "min_sentiment")] string? minSentiment,
                ISender sender, CancellationToken ct) =>
            {
                var list = (symbols ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var request = new GetRecentNews(list, Int(hours, "hours", 24), Double(minSentiment, "min_sentiment", 0.5));
                return TypedResults.Ok(await sender.Send(request, ct));
            })
            .WithName("GetRecentNews")
            .WithSummary("Recent scored news for symbols (§5.5).");

        group.MapGet("/catalyst-scan", async Task<Ok<CatalystScanResponse>> (
                [FromQuery(Name = "min_catalyst_strength")] string? minStrength,
                [FromQuery(Name = "hours")] string? hours,
                [FromQuery(Name = "limit")] string? limit,
                ISender sender, CancellationToken ct) =>
            {
                var request = new GetCatalystScan(Decimal(minStrength, "min_catalyst_strength", 0.7m), Int(hours, "hours", 12),
                    Int(limit, "limit", 50));
                return TypedResults.Ok(await sender.Send(request, ct));
            })
            .WithName("GetCatalystScan")
            .WithSummary("Symbols with recent catalysts at or above a strength (§5.5).");

        return endpoints;
    }

    // Query values are parsed here rather than by the binder so a malformed one is a 400 naming the parameter.
    private static int Int(string? text, string field, int fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw new ValidationException(field, $"{field} must be a whole number, not '{text}'.");

    private static double Double(string? text, string field, double fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
        : throw new ValidationException(field, $"{field} must be a number, not '{text}'.");

    private static decimal Decimal(string? text, string field, decimal fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
        : throw new ValidationException(field, $"{field} must be a number, not '{text}'.");
}
