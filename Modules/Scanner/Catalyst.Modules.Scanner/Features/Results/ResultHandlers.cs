using Catalyst.Modules.Scanner.Contracts;
using Mediator;

namespace Catalyst.Modules.Scanner.Features.Results;

internal sealed class GetLatestScanHandler(ScanReader reader) : IRequestHandler<GetLatestScan, ScanResultDto>
{
    public async ValueTask<ScanResultDto> Handle(GetLatestScan request, CancellationToken cancellationToken) =>
        (await reader.LatestOrThrowAsync(request.CycleId, cancellationToken)).ToResult(request.TopN);
}

internal sealed class GetScanHandler(ScanReader reader) : IRequestHandler<GetScan, ScanResultDto>
{
    /// <summary>A scan by id lists every symbol that passed the filters (at most 20), the final five first.</summary>
    public const int MaxCandidates = 20;

    public async ValueTask<ScanResultDto> Handle(GetScan request, CancellationToken cancellationToken) =>
        (await reader.ByIdAsync(request.ScanId, cancellationToken)).ToResult(MaxCandidates);
}

internal sealed class GetCandidatesHandler(ScanReader reader) : IRequestHandler<GetCandidates, IReadOnlyList<CandidateDto>>
{
    public async ValueTask<IReadOnlyList<CandidateDto>> Handle(GetCandidates request, CancellationToken cancellationToken)
    {
        var latest = await reader.LatestAsync(null, cancellationToken);
        return latest is null ? [] : GetCandidateListHandler.Select(latest, request.ActiveOnly);
    }
}

internal sealed class GetCandidateListHandler(ScanReader reader) : IRequestHandler<GetCandidateList, CandidateListDto>
{
    public async ValueTask<CandidateListDto> Handle(GetCandidateList request, CancellationToken cancellationToken)
    {
        var latest = await reader.LatestOrThrowAsync(null, cancellationToken);
        var candidates = Select(latest, request.ActiveOnly);
        return new CandidateListDto(latest.ScanId, latest.CycleId, latest.ScanTimestamp, candidates.Count, candidates);
    }

    public static IReadOnlyList<CandidateDto> Select(ScanSnapshot scan, bool activeOnly) => scan.Symbols
        .Where(s => !activeOnly || s.Candidate.Selected)
        .OrderBy(s => s.Candidate.Rank)
        .Select(s => s.Candidate)
        .ToList();
}
