using Catalyst.Modules.Pattern.Contracts;
using Catalyst.SharedKernel.Domain;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.Pattern.Features.Detection;

/// <summary>Body of POST /api/v1/patterns/detect; timeframe defaults to 1Min (the intraday patterns need minutes).</summary>
internal sealed record DetectPatternsBody(string? Symbol, string? Timeframe);

internal static class PatternEndpoints
{
    public const string DefaultTimeframe = "1Min";

    public static IEndpointRouteBuilder MapPatternDetectionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/patterns").WithTags("Pattern");

        group.MapPost("/detect", async Task<Ok<PatternAnalysisDto>> (DetectPatternsBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DetectPatterns(Symbol.Parse(body.Symbol), body.Timeframe ?? DefaultTimeframe), ct)))
            .WithName("DetectPatterns")
            .WithSummary("Run the bull flag, cup and handle, ascending triangle, ABCD and opening range breakout detectors now.");

        group.MapGet("/{symbol}", async Task<Ok<PatternAnalysisDto>> (string symbol, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetLatestPatterns(Symbol.Parse(symbol)), ct)))
            .WithName("GetLatestPatterns")
            .WithSummary("The detections of the latest run for the symbol; 404 when none.");

        return endpoints;
    }
}
