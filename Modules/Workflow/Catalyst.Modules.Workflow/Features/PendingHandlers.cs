using Catalyst.Modules.Workflow.Contracts;
using Mediator;

namespace Catalyst.Modules.Workflow.Features;

// TEMPORARY scaffolding so the Host builds while this module is written (Mediator fails the build on a message
// without a handler). Delete each class here when its real handler lands; this file must be gone when the module is done.

internal sealed class PendingStartTradingCycleHandler : IRequestHandler<StartTradingCycle, CycleStartedDto>
{
    public ValueTask<CycleStartedDto> Handle(StartTradingCycle request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: StartTradingCycle is not built yet.");
}

internal sealed class PendingStopTradingCycleHandler : IRequestHandler<StopTradingCycle, CycleStoppedDto>
{
    public ValueTask<CycleStoppedDto> Handle(StopTradingCycle request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: StopTradingCycle is not built yet.");
}

internal sealed class PendingPauseTradingCycleHandler : IRequestHandler<PauseTradingCycle, WorkflowStatusDto>
{
    public ValueTask<WorkflowStatusDto> Handle(PauseTradingCycle request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: PauseTradingCycle is not built yet.");
}

internal sealed class PendingResumeTradingCycleHandler : IRequestHandler<ResumeTradingCycle, WorkflowStatusDto>
{
    public ValueTask<WorkflowStatusDto> Handle(ResumeTradingCycle request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: ResumeTradingCycle is not built yet.");
}

internal sealed class PendingEmergencyStopHandler : IRequestHandler<EmergencyStop, CycleStoppedDto>
{
    public ValueTask<CycleStoppedDto> Handle(EmergencyStop request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: EmergencyStop is not built yet.");
}

internal sealed class PendingGetWorkflowStatusHandler : IRequestHandler<GetWorkflowStatus, WorkflowStatusDto>
{
    public ValueTask<WorkflowStatusDto> Handle(GetWorkflowStatus request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: GetWorkflowStatus is not built yet.");
}

internal sealed class PendingGetCurrentCycleHandler : IRequestHandler<GetCurrentCycle, CurrentCycleDto>
{
    public ValueTask<CurrentCycleDto> Handle(GetCurrentCycle request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: GetCurrentCycle is not built yet.");
}

internal sealed class PendingGetCycleHistoryHandler : IRequestHandler<GetCycleHistory, IReadOnlyList<WorkflowStatusDto>>
{
    public ValueTask<IReadOnlyList<WorkflowStatusDto>> Handle(GetCycleHistory request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: GetCycleHistory is not built yet.");
}

internal sealed class PendingGetCycleTimelineHandler : IRequestHandler<GetCycleTimeline, IReadOnlyList<TimelineEventDto>>
{
    public ValueTask<IReadOnlyList<TimelineEventDto>> Handle(GetCycleTimeline request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: GetCycleTimeline is not built yet.");
}

internal sealed class PendingGetPositionMonitorHandler : IRequestHandler<GetPositionMonitor, PositionMonitorDto>
{
    public ValueTask<PositionMonitorDto> Handle(GetPositionMonitor request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: GetPositionMonitor is not built yet.");
}

internal sealed class PendingGetDecisionLogHandler : IRequestHandler<GetDecisionLog, IReadOnlyList<DecisionLogDto>>
{
    public ValueTask<IReadOnlyList<DecisionLogDto>> Handle(GetDecisionLog request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Workflow: GetDecisionLog is not built yet.");
}
