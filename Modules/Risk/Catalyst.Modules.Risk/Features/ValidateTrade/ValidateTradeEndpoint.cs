using Catalyst.Modules.Risk.Contracts;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.Risk.Features.ValidateTrade;

/// <summary>Body of POST /api/v1/risk/validate (§5.3); price optional (current price), quantity optional (Risk sizes it).</summary>
internal sealed record ValidateTradeBody(string? Symbol, string? Side, decimal? Quantity, decimal? Price, decimal? StopLoss,
    decimal? TakeProfit, bool? IsExit, bool? Preview);

/// <summary>§5.3 200 body, plus the stop and target the sizing used and how it sized.</summary>
internal sealed record ApprovedBody(bool Approved, decimal PositionSize, decimal RiskAmount, decimal MaxRisk,
    IReadOnlyList<string> ChecksPassed, decimal? StopLoss, decimal? TakeProfit, IReadOnlyDictionary<string, object?>? Details);

/// <summary>§5.3 403 body.</summary>
internal sealed record RejectedBody(bool Approved, string? Reason, IReadOnlyDictionary<string, object?>? Details);

internal static class ValidateTradeEndpoint
{
    public static IEndpointRouteBuilder MapValidateTradeEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/risk/validate", async Task<IResult> (ValidateTradeBody? body, ISender sender, CancellationToken ct) =>
            {
                if (body is null) throw new ValidationException("body", "A JSON body with symbol and side is required.");
                if (string.IsNullOrWhiteSpace(body.Symbol)) throw new ValidationException("symbol", "symbol is required");
                var side = body.Side?.Trim().ToLowerInvariant() switch
                {
                    "buy" => OrderSide.Buy,
                    "sell" => OrderSide.Sell,
                    null or "" => throw new ValidationException("side", "side is required: buy or sell"),
                    _ => throw new ValidationException("side", $"'{body.Side}' is not a side: buy or sell"),
                };
                var decision = await sender.Send(new Contracts.ValidateTrade(body.Symbol, side, body.Quantity, body.Price,
                    body.StopLoss, body.TakeProfit, body.IsExit ?? false, body.Preview ?? false), ct);
                return decision.Approved
                    ? TypedResults.Ok(new ApprovedBody(true, decision.PositionSize, decision.RiskAmount, decision.MaxRisk,
                        decision.ChecksPassed, decision.StopLoss, decision.TakeProfit, decision.Details))
                    : TypedResults.Json(new RejectedBody(false, decision.Reason, decision.Details),
                        statusCode: StatusCodes.Status403Forbidden);
            })
            .WithTags("Risk")
            .WithName("ValidateTrade")
            .WithSummary("Risk-check a proposed trade: 200 approved with position_size and risk_amount, 403 with the failed check.")
            .Produces<ApprovedBody>()
            .Produces<RejectedBody>(StatusCodes.Status403Forbidden);
        return endpoints;
    }
}
