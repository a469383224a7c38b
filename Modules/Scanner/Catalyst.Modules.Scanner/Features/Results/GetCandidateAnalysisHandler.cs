using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Scanner.Features.Results;

/// <summary>
/// §3.3 candidate analysis from the latest scan, with a fresh risk assessment: Risk sizes a long entry at the pattern's
/// entry (else the last price) with the pattern's stop and target. When Risk cannot answer, the analysis is still
/// returned, with risk_assessment null.
/// </summary>
internal sealed class GetCandidateAnalysisHandler(ScanReader reader, ISender sender, ILogger<GetCandidateAnalysisHandler> logger)
    : IRequestHandler<GetCandidateAnalysis, CandidateAnalysisDto>
{
    public async ValueTask<CandidateAnalysisDto> Handle(GetCandidateAnalysis request, CancellationToken cancellationToken)
    {
        var symbol = Symbol.Parse(request.Symbol);
        var scan = await reader.LatestOrThrowAsync(null, cancellationToken);
        var stored = scan.Find(symbol.Value) ?? throw new NotFoundException(
            $"{symbol} is not in the latest scan results (scan {scan.ScanId} at {scan.ScanTimestamp:u}).",
            new Dictionary<string, object?> { ["symbol"] = symbol.Value, ["scan_id"] = scan.ScanId });

        var risk = await AssessAsync(symbol, stored, cancellationToken);
        return new CandidateAnalysisDto(symbol.Value, stored.Candidate, stored.Technical, stored.Pattern, stored.Catalyst, risk,
            scan.ScanId, scan.ScanTimestamp);
    }

    private async Task<RiskAssessmentDto?> AssessAsync(Symbol symbol, StoredCandidate stored, CancellationToken ct)
    {
        var c = stored.Candidate;
        var entry = stored.Pattern?.Entry ?? (c.Price > 0 ? c.Price : null);
        if (entry is null) return null;
        RiskDecision decision;
        try
        {
            // Preview: an assessment, not an order, so Risk's order-flow guards do not count it.
            decision = await sender.Send(new ValidateTrade(symbol.Value, OrderSide.Buy, null, entry, stored.Pattern?.Stop,
                stored.Pattern?.Target, Preview: true), ct);
        }
        catch (Exception ex) when (ex is NotImplementedException or CatalystException)
        {
            logger.LogWarning("Scanner: no risk assessment for {Symbol}: {Reason}", symbol, ex.Message);
            return null;
        }
        return Map(entry.Value, decision, stored.Pattern);
    }

    internal static RiskAssessmentDto Map(decimal entry, RiskDecision decision, CandidatePatternDto? pattern)
    {
        var stop = decision.StopLoss ?? pattern?.Stop;
        var target = decision.TakeProfit ?? pattern?.Target;
        var size = decision.Approved ? decision.PositionSize : 0m;
        var reward = target is { } t && t > entry ? Math.Round(size * (t - entry), 2, MidpointRounding.AwayFromZero) : 0m;
        decimal? ratio = target is { } tt && stop is { } s && entry > s && tt > entry
            ? Math.Round((tt - entry) / (entry - s), 2, MidpointRounding.AwayFromZero)
            : null;
        return new RiskAssessmentDto(decision.Approved, size, decision.Approved ? decision.RiskAmount : 0m, reward, ratio, stop,
            target, decision.Reason);
    }
}
