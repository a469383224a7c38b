using Catalyst.Modules.Workflow.Contracts;
using Mediator;

namespace Catalyst.Modules.Workflow.Features.Cycle;

internal sealed class StartTradingCycleHandler(CycleCommands commands) : IRequestHandler<StartTradingCycle, CycleStartedDto>
{
    public async ValueTask<CycleStartedDto> Handle(StartTradingCycle request, CancellationToken cancellationToken) =>
        await commands.StartAsync(request.SessionMode, "api", cancellationToken);
}

internal sealed class StopTradingCycleHandler(CycleCommands commands) : IRequestHandler<StopTradingCycle, CycleStoppedDto>
{
    public async ValueTask<CycleStoppedDto> Handle(StopTradingCycle request, CancellationToken cancellationToken) =>
        await commands.StopAsync(request.Reason.Trim(), cancellationToken);
}

internal sealed class PauseTradingCycleHandler(CycleCommands commands) : IRequestHandler<PauseTradingCycle, WorkflowStatusDto>
{
    public async ValueTask<WorkflowStatusDto> Handle(PauseTradingCycle request, CancellationToken cancellationToken) =>
        await commands.PauseAsync(request.DurationSeconds, request.Reason.Trim(), cancellationToken);
}

internal sealed class ResumeTradingCycleHandler(CycleCommands commands) : IRequestHandler<ResumeTradingCycle, WorkflowStatusDto>
{
    public async ValueTask<WorkflowStatusDto> Handle(ResumeTradingCycle request, CancellationToken cancellationToken) =>
        await commands.ResumeAsync(cancellationToken);
}

internal sealed class EmergencyStopHandler(CycleCommands commands) : IRequestHandler<EmergencyStop, CycleStoppedDto>
{
    public async ValueTask<CycleStoppedDto> Handle(EmergencyStop request, CancellationToken cancellationToken) =>
        await commands.EmergencyStopAsync(request.Reason, cancellationToken);
}
