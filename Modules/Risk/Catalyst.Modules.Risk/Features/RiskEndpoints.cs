using System.Security.Claims;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.SharedKernel.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.Risk.Features;

/// <summary>Body of POST /api/v1/config/update (§5.3).</summary>
internal sealed record UpdateParameterBody(string? ParameterPath, decimal? NewValue);

/// <summary>Body of POST /api/v1/risk/kill-switch.</summary>
internal sealed record KillSwitchBody(string? Reason);

/// <summary>The Risk module's REST routes other than validate (CONTRACT.md §2, Risk rows).</summary>
internal static class RiskEndpoints
{
    /// <summary>"api:&lt;key name&gt;": who made a change, for the audit trail.</summary>
    private static string Actor(ClaimsPrincipal user) => "api:" + (user.Identity?.Name ?? "unknown");

    public static IEndpointRouteBuilder MapRiskRoutes(this IEndpointRouteBuilder endpoints)
    {
        var risk = endpoints.MapGroup("/api/v1/risk").WithTags("Risk");

        risk.MapGet("/status", async Task<Ok<RiskStatusDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRiskStatus(), ct)))
            .WithName("GetRiskStatus").WithSummary("§5.3 daily P&L against the loss limit, positions, exposure, status.");

        risk.MapGet("/limits", async Task<Ok<RiskLimitsDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRiskLimits(), ct)))
            .WithName("GetRiskLimits").WithSummary("Each limit with its use and what is left.");

        risk.MapGet("/exposures", async Task<Ok<RiskExposuresDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRiskExposures(), ct)))
            .WithName("GetRiskExposures").WithSummary("Open exposure per symbol, long/short/gross/net.");

        risk.MapGet("/kill-switch", async Task<Ok<KillSwitchDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetKillSwitch(), ct)))
            .WithName("GetKillSwitch").WithSummary("Whether the kill switch is on, why, since when, by whom.");

        risk.MapPost("/kill-switch", async Task<Ok<KillSwitchDto>> (KillSwitchBody? body, ClaimsPrincipal user, ISender sender,
                CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetKillSwitch(true, body?.Reason, Actor(user)), ct)))
            .WithName("ActivateKillSwitch").WithSummary("Kill switch on {reason}: new entries are refused, exits still allowed.");

        risk.MapDelete("/kill-switch", async Task<Ok<KillSwitchDto>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetKillSwitch(false, null, Actor(user)), ct)))
            .WithName("DeactivateKillSwitch").WithSummary("Kill switch off: entries allowed again (other checks still apply).");

        risk.MapGet("/actions", async Task<Ok<IReadOnlyList<RiskActionDto>>> (string? status, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRiskActions(status ?? "pending"), ct)))
            .WithName("GetRiskActions").WithSummary("Supervised risk actions (status=pending|all).");

        risk.MapPost("/actions/{action_id}/approve", async Task<Ok<RiskActionDto>> (string action_id, ClaimsPrincipal user,
                ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RespondToRiskAction(ParseId(action_id, "action_id"), true, Actor(user)), ct)))
            .WithName("ApproveRiskAction").WithSummary("Run a pending supervised risk action now.");

        risk.MapPost("/actions/{action_id}/reject", async Task<Ok<RiskActionDto>> (string action_id, ClaimsPrincipal user,
                ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RespondToRiskAction(ParseId(action_id, "action_id"), false, Actor(user)), ct)))
            .WithName("RejectRiskAction").WithSummary("Cancel a pending supervised risk action.");

        var config = endpoints.MapGroup("/api/v1/config").WithTags("Risk");

        config.MapGet("", async Task<Ok<RiskConfigDto>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRiskConfig(), ct)))
            .WithName("GetConfig").WithSummary("Mode, risk parameters (file, problems, recent changes) and non-secret settings.");

        config.MapPost("/update", async Task<Ok<RiskParameterChangeDto>> (UpdateParameterBody? body, ClaimsPrincipal user,
                ISender sender, CancellationToken ct) =>
            {
                if (body is null) throw new ValidationException("body", "A JSON body with parameter_path and new_value is required.");
                if (string.IsNullOrWhiteSpace(body.ParameterPath)) throw new ValidationException("parameter_path", "parameter_path is required");
                if (body.NewValue is not { } value) throw new ValidationException("new_value", "new_value is required (a number)");
                return TypedResults.Ok(await sender.Send(new UpdateRiskParameter(body.ParameterPath, value, Actor(user)), ct));
            })
            .WithName("UpdateConfig").WithSummary("§5.3 change one risk parameter by dot path; 403 for capital/kelly.* during a cycle.");

        var alerts = endpoints.MapGroup("/api/v1/alerts").WithTags("Risk");

        alerts.MapGet("", async Task<Ok<IReadOnlyList<AlertDto>>> (string? status, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAlerts(status ?? "active"), ct)))
            .WithName("GetAlerts").WithSummary("§3.6 alerts (status=active|all), newest first.");

        alerts.MapPost("/{alert_id}/acknowledge", async Task<Ok<AlertDto>> (string alert_id, ClaimsPrincipal user, ISender sender,
                CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AcknowledgeAlert(ParseId(alert_id, "alert_id"), Actor(user)), ct)))
            .WithName("AcknowledgeAlert").WithSummary("Acknowledge an alert (it leaves the active list).");

        return endpoints;
    }

    private static Guid ParseId(string text, string field) =>
        Guid.TryParse(text, out var id) ? id : throw new ValidationException(field, $"'{text}' is not a valid {field} (a UUID)");
}
