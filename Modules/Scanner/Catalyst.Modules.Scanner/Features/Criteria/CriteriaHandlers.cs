using Catalyst.Modules.Scanner.Contracts;
using Mediator;

namespace Catalyst.Modules.Scanner.Features.Criteria;

internal sealed class GetScanCriteriaHandler(CriteriaStore store) : IRequestHandler<GetScanCriteria, ScanCriteriaDto>
{
    public async ValueTask<ScanCriteriaDto> Handle(GetScanCriteria request, CancellationToken cancellationToken) =>
        await store.CurrentAsync(cancellationToken);
}

internal sealed class UpdateScanCriteriaHandler(CriteriaStore store) : IRequestHandler<UpdateScanCriteria, ScanCriteriaDto>
{
    public async ValueTask<ScanCriteriaDto> Handle(UpdateScanCriteria request, CancellationToken cancellationToken) =>
        await store.UpdateAsync(request.Changes, request.ChangedBy, cancellationToken);
}
