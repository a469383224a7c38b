using Catalyst.Modules.Scanner.Contracts;
using Mediator;

namespace Catalyst.Modules.Scanner.Features;

// TEMPORARY scaffolding so the Host builds while this module is written (Mediator fails the build on a message
// without a handler). Delete each class here when its real handler lands; this file must be gone when the module is done.

internal sealed class PendingRunScanHandler : IRequestHandler<RunScan, ScanResultDto>
{
    public ValueTask<ScanResultDto> Handle(RunScan request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Scanner: RunScan is not built yet.");
}

internal sealed class PendingGetLatestScanHandler : IRequestHandler<GetLatestScan, ScanResultDto>
{
    public ValueTask<ScanResultDto> Handle(GetLatestScan request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Scanner: GetLatestScan is not built yet.");
}

internal sealed class PendingGetScanHandler : IRequestHandler<GetScan, ScanResultDto>
{
    public ValueTask<ScanResultDto> Handle(GetScan request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Scanner: GetScan is not built yet.");
}

internal sealed class PendingGetCandidatesHandler : IRequestHandler<GetCandidates, IReadOnlyList<CandidateDto>>
{
    public ValueTask<IReadOnlyList<CandidateDto>> Handle(GetCandidates request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Scanner: GetCandidates is not built yet.");
}

internal sealed class PendingGetCandidateAnalysisHandler : IRequestHandler<GetCandidateAnalysis, CandidateAnalysisDto>
{
    public ValueTask<CandidateAnalysisDto> Handle(GetCandidateAnalysis request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Scanner: GetCandidateAnalysis is not built yet.");
}

internal sealed class PendingGetScanCriteriaHandler : IRequestHandler<GetScanCriteria, ScanCriteriaDto>
{
    public ValueTask<ScanCriteriaDto> Handle(GetScanCriteria request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Scanner: GetScanCriteria is not built yet.");
}

internal sealed class PendingUpdateScanCriteriaHandler : IRequestHandler<UpdateScanCriteria, ScanCriteriaDto>
{
    public ValueTask<ScanCriteriaDto> Handle(UpdateScanCriteria request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Scanner: UpdateScanCriteria is not built yet.");
}
