using Catalyst.Modules.Technical.Contracts;
using Catalyst.SharedKernel.Domain;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.Technical.Features.Indicators;

/// <summary>Body of POST /api/v1/indicators/analyze; timeframe defaults to 1Day.</summary>
internal sealed record AnalyzeIndicatorsBody(string? Symbol, string? Timeframe);

internal static class IndicatorEndpoints
{
    public const string DefaultTimeframe = "1Day";

    public static IEndpointRouteBuilder MapIndicatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/indicators").WithTags("Technical");

        group.MapPost("/analyze", async Task<Ok<TechnicalIndicatorsDto>> (AnalyzeIndicatorsBody body, ISender sender,
                CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new AnalyzeIndicators(Symbol.Parse(body.Symbol),
                body.Timeframe ?? DefaultTimeframe), ct)))
            .WithName("AnalyzeIndicators")
            .WithSummary("Compute SMA/EMA/RSI/MACD/ATR/Bollinger/OBV/volume ratio/VWAP and support/resistance now.");

        group.MapGet("/{symbol}", async Task<Ok<TechnicalIndicatorsDto>> (string symbol, string? timeframe, ISender sender,
                CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetLatestIndicators(Symbol.Parse(symbol), timeframe ?? DefaultTimeframe), ct)))
            .WithName("GetLatestIndicators")
            .WithSummary("The latest indicators (under five minutes old), computed on demand otherwise.");

        return endpoints;
    }
}
