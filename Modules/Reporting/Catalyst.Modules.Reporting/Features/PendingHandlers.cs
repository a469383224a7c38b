using Catalyst.Modules.Reporting.Contracts;
using Mediator;

namespace Catalyst.Modules.Reporting.Features;

// TEMPORARY scaffolding so the Host builds while this module is written (Mediator fails the build on a message
// without a handler). Delete each class here when its real handler lands; this file must be gone when the module is done.

internal sealed class PendingGetTradeJournalHandler : IRequestHandler<GetTradeJournal, IReadOnlyList<JournalEntryDto>>
{
    public ValueTask<IReadOnlyList<JournalEntryDto>> Handle(GetTradeJournal request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Reporting: GetTradeJournal is not built yet.");
}

internal sealed class PendingGetPerformanceReportHandler : IRequestHandler<GetPerformanceReport, PerformanceReportDto>
{
    public ValueTask<PerformanceReportDto> Handle(GetPerformanceReport request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Reporting: GetPerformanceReport is not built yet.");
}

internal sealed class PendingRenderEquityCurveHandler : IRequestHandler<RenderEquityCurve, byte[]>
{
    public ValueTask<byte[]> Handle(RenderEquityCurve request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Reporting: RenderEquityCurve is not built yet.");
}

internal sealed class PendingSendEndOfDaySummaryHandler : IRequestHandler<SendEndOfDaySummary, EndOfDaySummaryDto>
{
    public ValueTask<EndOfDaySummaryDto> Handle(SendEndOfDaySummary request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Reporting: SendEndOfDaySummary is not built yet.");
}
