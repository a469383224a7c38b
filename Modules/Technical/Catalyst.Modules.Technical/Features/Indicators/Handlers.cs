using Catalyst.Modules.Technical.Contracts;
using Catalyst.SharedKernel.Ports;
using Mediator;

namespace Catalyst.Modules.Technical.Features.Indicators;

internal sealed class AnalyzeIndicatorsHandler(IndicatorService service) : IRequestHandler<AnalyzeIndicators, TechnicalIndicatorsDto>
{
    public async ValueTask<TechnicalIndicatorsDto> Handle(AnalyzeIndicators request, CancellationToken cancellationToken) =>
        await service.AnalyzeAsync(request.Symbol, Parse(request.Timeframe), cancellationToken);

    internal static BarTimeframe Parse(string timeframe) =>
        BarTimeframes.TryParse(timeframe, out var parsed)
            ? parsed
            : throw new SharedKernel.Errors.ValidationException("timeframe", $"'{timeframe}' is not a timeframe: use {TimeframeRule.Allowed}");
}

internal sealed class GetLatestIndicatorsHandler(IndicatorService service) : IRequestHandler<GetLatestIndicators, TechnicalIndicatorsDto>
{
    public async ValueTask<TechnicalIndicatorsDto> Handle(GetLatestIndicators request, CancellationToken cancellationToken) =>
        await service.LatestAsync(request.Symbol, AnalyzeIndicatorsHandler.Parse(request.Timeframe), cancellationToken);
}

internal sealed class CalculateIndicatorsHandler(TimeProvider clock) : IRequestHandler<CalculateIndicators, TechnicalIndicatorsDto>
{
    public ValueTask<TechnicalIndicatorsDto> Handle(CalculateIndicators request, CancellationToken cancellationToken)
    {
        if (request.Bars is null || request.Bars.Count == 0)
            throw new SharedKernel.Errors.ValidationException("bars", "at least one bar is required");
        return ValueTask.FromResult(IndicatorMapping.ToDto(request.Symbol, AnalyzeIndicatorsHandler.Parse(request.Timeframe),
            clock.GetUtcNow(), request.Bars));
    }
}
