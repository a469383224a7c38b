using Catalyst.Modules.Pattern.Contracts;
using Catalyst.Modules.Pattern.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Mediator;

namespace Catalyst.Modules.Pattern.Features.Detection;

internal sealed class DetectPatternsHandler(PatternService service) : IRequestHandler<DetectPatterns, PatternAnalysisDto>
{
    public async ValueTask<PatternAnalysisDto> Handle(DetectPatterns request, CancellationToken cancellationToken) =>
        await service.DetectAsync(request.Symbol, Parse(request.Timeframe), cancellationToken);

    internal static BarTimeframe Parse(string timeframe) =>
        BarTimeframes.TryParse(timeframe, out var parsed)
            ? parsed
            : throw new ValidationException("timeframe", $"'{timeframe}' is not a timeframe: use 1Min, 5Min or 1Day");
}

internal sealed class GetLatestPatternsHandler(PatternService service) : IRequestHandler<GetLatestPatterns, PatternAnalysisDto>
{
    public async ValueTask<PatternAnalysisDto> Handle(GetLatestPatterns request, CancellationToken cancellationToken) =>
        await service.LatestAsync(request.Symbol, cancellationToken);
}

internal sealed class DetectPatternsInBarsHandler(TimeProvider clock) : IRequestHandler<DetectPatternsInBars, PatternAnalysisDto>
{
    public ValueTask<PatternAnalysisDto> Handle(DetectPatternsInBars request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PatternMapping.ToDto(request.Symbol, DetectPatternsHandler.Parse(request.Timeframe),
            clock.GetUtcNow(), PatternEngine.Analyze(request.Bars ?? [])));
}
