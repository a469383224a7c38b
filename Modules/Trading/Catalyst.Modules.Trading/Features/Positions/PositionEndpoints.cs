using Catalyst.Modules.Trading.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.Trading.Features.Positions;

internal sealed record ClosePositionBody(string? Reason);

/// <summary>PATCH body: only what is sent changes.</summary>
internal sealed record UpdatePositionBody(decimal? StopLoss, decimal? TakeProfit, decimal? TrailingStopPct, bool? MoveStopToBreakeven);

internal static class PositionEndpoints
{
    public static IEndpointRouteBuilder MapPositionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/positions").WithTags("Trading");

        group.MapGet("/", async Task<Ok<IReadOnlyList<PositionDto>>> (string? status, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetPositions(status?.Trim().ToLowerInvariant() ?? "open"), ct)))
            .WithName("GetPositions")
            .WithSummary("Open positions marked to the latest price (§3.4), or closed ones with ?status=closed.");

        group.MapPost("/close-all", async Task<Ok<IReadOnlyList<PositionClosedDto>>> (
                    [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ClosePositionBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CloseAllPositions(body?.Reason ?? "Manual close all"), ct)))
            .WithName("CloseAllPositions")
            .WithSummary("Cancel every working order and close every position with market orders.");

        group.MapPost("/{symbol}/close", async Task<Ok<PositionClosedDto>> (string symbol,
                    [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ClosePositionBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ClosePosition(symbol, body?.Reason ?? "Manual close"), ct)))
            .WithName("ClosePosition")
            .WithSummary("Cancel the position's exit orders and close it with a market order (§5.2).");

        group.MapPatch("/{symbol}", async Task<Ok<PositionDto>> (string symbol, UpdatePositionBody body, ISender sender,
                    CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdatePosition(symbol, body.StopLoss, body.TakeProfit, body.TrailingStopPct,
                    body.MoveStopToBreakeven ?? false), ct)))
            .WithName("UpdatePosition")
            .WithSummary("Move the stop (or to breakeven), the target, or switch to a trailing stop; the broker's exit orders are replaced.");

        return endpoints;
    }
}
