using Catalyst.Modules.Scanner.Contracts;
using Mediator;

namespace Catalyst.Modules.Scanner.Features.Scanning;

internal sealed class RunScanHandler(ScanRunner runner) : IRequestHandler<RunScan, ScanResultDto>
{
    public async ValueTask<ScanResultDto> Handle(RunScan request, CancellationToken cancellationToken) =>
        await runner.RunAsync(request, cancellationToken);
}
