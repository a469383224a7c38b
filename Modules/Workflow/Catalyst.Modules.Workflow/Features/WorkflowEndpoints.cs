using Catalyst.Modules.Workflow.Contracts;
using Catalyst.SharedKernel.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.Workflow.Features;

internal sealed record StartBody(string? SessionMode);

internal sealed record StopBody(string? Reason);

internal sealed record PauseBody(int? DurationSeconds, string? Reason);

internal sealed record EmergencyStopBody(string? Reason);

internal static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/workflow").WithTags("Workflow");

        group.MapPost("/start", async Task<Created<CycleStartedDto>> (StartBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Created("/api/v1/workflow/status",
                    await sender.Send(new StartTradingCycle(body?.SessionMode ?? SessionModes.Supervised), ct)))
            .WithName("StartTradingCycle")
            .WithSummary("Start today's trading cycle (session_mode autonomous|supervised, default supervised). 409 if it runs or the market is closed today.");

        group.MapPost("/stop", async Task<Ok<CycleStoppedDto>> (StopBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new StopTradingCycle(body?.Reason ?? "Manual stop"), ct)))
            .WithName("StopTradingCycle")
            .WithSummary("Stop the running cycle and close all positions. 409 when no cycle runs.");

        group.MapGet("/status", async Task<Ok<WorkflowStatusDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetWorkflowStatus(), ct)))
            .WithName("GetWorkflowStatus")
            .WithSummary("Today's cycle: cycle_state, phase, session mode, and whether this instance is the leader or standby.");

        group.MapGet("/current", async Task<Ok<CurrentCycleDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCurrentCycle(), ct)))
            .WithName("GetCurrentCycle")
            .WithSummary("§3.2 trading-cycle/current: state, phase, candidates, positions, day P&L, trades and win rate.");

        group.MapPost("/pause", async Task<Ok<WorkflowStatusDto>> (PauseBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new PauseTradingCycle(body?.DurationSeconds, body?.Reason ?? "manual"), ct)))
            .WithName("PauseTradingCycle")
            .WithSummary("Pause scans and new entries, for duration_seconds (1–86400) or until resumed. Open positions keep their stops.");

        group.MapPost("/resume", async Task<Ok<WorkflowStatusDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ResumeTradingCycle(), ct)))
            .WithName("ResumeTradingCycle")
            .WithSummary("Resume a paused cycle. 409 when it is not paused.");

        group.MapPost("/emergency-stop", async Task<Ok<CycleStoppedDto>> (EmergencyStopBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new EmergencyStop(body?.Reason ?? string.Empty), ct)))
            .WithName("EmergencyStop")
            .WithSummary("Halt trading (kill switch), cancel all orders, close all positions, raise a critical alert. reason ≥ 10 characters.");

        group.MapGet("/cycles", async Task<Ok<IReadOnlyList<WorkflowStatusDto>>> (int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCycleHistory(limit ?? 30), ct)))
            .WithName("GetCycleHistory")
            .WithSummary("Past and present cycles, newest first (limit 1–365, default 30).");

        group.MapGet("/cycles/{cycle_id}/timeline", async Task<Ok<IReadOnlyList<TimelineEventDto>>> (string cycle_id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCycleTimeline(ParseId(cycle_id, "cycle_id")), ct)))
            .WithName("GetCycleTimeline")
            .WithSummary("§3.2 timeline: every state change and action of the cycle, oldest first. 404 for an unknown cycle.");

        group.MapGet("/cycles/{cycle_id}/decisions", async Task<Ok<IReadOnlyList<DecisionLogDto>>> (string cycle_id, string? decision_type,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetDecisionLog(ParseId(cycle_id, "cycle_id"), decision_type), ct)))
            .WithName("GetDecisionLog")
            .WithSummary("The cycle's decisions (candidate, risk, entry, exit) with the features known at the time.");

        group.MapGet("/positions/{position_id}/status", async Task<Ok<PositionMonitorDto>> (string position_id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetPositionMonitor(ParseId(position_id, "position_id")), ct)))
            .WithName("GetPositionMonitor")
            .WithSummary("§3.4 positions/{position_id}/status: distance to stop and target, support, pattern intact, recommendation.");

        return endpoints;
    }

    private static Guid ParseId(string text, string field) =>
        Guid.TryParse(text, out var id) ? id : throw new ValidationException(field, $"'{text}' is not a valid {field} (a UUID)");
}
