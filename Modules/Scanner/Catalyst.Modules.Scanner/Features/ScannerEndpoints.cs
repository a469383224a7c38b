using System.Globalization;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.SharedKernel.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.Scanner.Features;

/// <summary>§5.1 POST /api/v1/scan/start body; every field is optional. universe_size may also be given inside filters.</summary>
internal sealed record StartScanBody(Guid? CycleId, int? UniverseSize, ScanCriteriaPatch? Filters);

/// <summary>v5 GET /api/v1/candidates/active.</summary>
internal sealed record ActiveCandidatesResponse(Guid ScanId, Guid? CycleId, DateTimeOffset ScanTimestamp, int Count,
    IReadOnlyList<CandidateDto> ActiveCandidates);

internal static class ScannerEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var scan = endpoints.MapGroup("/api/v1/scan").WithTags("Scanner");

        scan.MapPost("/start", async Task<Ok<ScanResultDto>> (
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] StartScanBody? body, ISender sender, CancellationToken ct) =>
            {
                var filters = body?.Filters;
                if (body?.UniverseSize is { } size)
                {
                    if (size is < ScanCriteriaRules.MinUniverse or > ScanCriteriaRules.MaxUniverse)
                        throw new ValidationException("universe_size",
                            $"universe_size must be between {ScanCriteriaRules.MinUniverse} and {ScanCriteriaRules.MaxUniverse}.");
                    filters = (filters ?? new ScanCriteriaPatch()) with { UniverseSize = size };
                }
                return TypedResults.Ok(await sender.Send(new RunScan(body?.CycleId, filters), ct));
            })
            .WithName("StartScan")
            .WithSummary("Run the scan funnel now and return the completed scan (409 while another scan runs).");

        scan.MapGet("/latest", async Task<Ok<ScanResultDto>> (
                [FromQuery(Name = "top_n")] string? topN, [FromQuery(Name = "cycle_id")] string? cycleId,
                ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetLatestScan(Int(topN, "top_n", 5), OptionalGuid(cycleId, "cycle_id")), ct)))
            .WithName("GetLatestScan")
            .WithSummary("The latest scan's ranked candidates (top_n 1–20, default 5); 404 when no scan has run.");

        scan.MapGet("/criteria", async Task<Ok<ScanCriteriaDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetScanCriteria(), ct)))
            .WithName("GetScanCriteria")
            .WithSummary("The criteria the next scan uses.");

        scan.MapPut("/criteria", async Task<Ok<ScanCriteriaDto>> (
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ScanCriteriaPatch? body, HttpContext http, ISender sender,
                CancellationToken ct) =>
            {
                if (body is null) throw new ValidationException("body", "Send the criteria to change as a JSON object.");
                return TypedResults.Ok(await sender.Send(new UpdateScanCriteria(body, http.User.Identity?.Name), ct));
            })
            .WithName("UpdateScanCriteria")
            .WithSummary("Change some scan criteria (unknown fields are ignored); returns all of them.");

        scan.MapGet("/candidates/{symbol}", async Task<Ok<CandidateAnalysisDto>> (string symbol, ISender sender,
                CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCandidateAnalysis(symbol), ct)))
            .WithName("GetCandidateAnalysis")
            .WithSummary("§3.3 analysis of a symbol of the latest scan: catalyst, technical, pattern, risk assessment.");

        scan.MapGet("/{id}", async Task<Ok<ScanResultDto>> (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetScan(RequiredGuid(id, "cycle_id")), ct)))
            .WithName("GetScan")
            .WithSummary("A scan by its scan_id, or the latest scan of a trading cycle by cycle_id.");

        var candidates = endpoints.MapGroup("/api/v1/candidates").WithTags("Scanner");

        candidates.MapGet("", async Task<Ok<CandidateListDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCandidateList(false), ct)))
            .WithName("GetCandidates")
            .WithSummary("Every symbol of the latest scan with its scores, the stage it reached and why it was dropped.");

        candidates.MapGet("/active", async Task<Ok<ActiveCandidatesResponse>> (ISender sender, CancellationToken ct) =>
            {
                var list = await sender.Send(new GetCandidateList(true), ct);
                return TypedResults.Ok(new ActiveCandidatesResponse(list.ScanId, list.CycleId, list.ScanTimestamp,
                    list.Candidates.Count, list.Candidates));
            })
            .WithName("GetActiveCandidates")
            .WithSummary("The final five of the latest scan.");

        return endpoints;
    }

    // Query and route values are parsed here rather than by the binder so a malformed one is a 400 naming the field.
    private static int Int(string? text, string field, int fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw new ValidationException(field, $"{field} must be a whole number, not '{text}'.");

    private static Guid? OptionalGuid(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : RequiredGuid(text, field);

    private static Guid RequiredGuid(string text, string field) =>
        Guid.TryParse(text, out var id) ? id : throw new ValidationException(field, $"{field} must be a UUID, not '{text}'.");
}
