using Catalyst.Modules.Risk.Contracts;
using Mediator;

namespace Catalyst.Modules.Risk.Features;

// TEMPORARY scaffolding so the Host builds while this module is written (Mediator fails the build on a message
// without a handler). Delete each class here when its real handler lands; this file must be gone when the module is done.

internal sealed class PendingGetRiskStatusHandler : IRequestHandler<GetRiskStatus, RiskStatusDto>
{
    public ValueTask<RiskStatusDto> Handle(GetRiskStatus request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Risk: GetRiskStatus is not built yet.");
}

internal sealed class PendingRaiseAlertHandler : IRequestHandler<RaiseAlert, Guid>
{
    public ValueTask<Guid> Handle(RaiseAlert request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Risk: RaiseAlert is not built yet.");
}

internal sealed class PendingGetAlertsHandler : IRequestHandler<GetAlerts, IReadOnlyList<AlertDto>>
{
    public ValueTask<IReadOnlyList<AlertDto>> Handle(GetAlerts request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Risk: GetAlerts is not built yet.");
}

internal sealed class PendingSetKillSwitchHandler : IRequestHandler<SetKillSwitch, KillSwitchDto>
{
    public ValueTask<KillSwitchDto> Handle(SetKillSwitch request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Risk: SetKillSwitch is not built yet.");
}

internal sealed class PendingGetRiskParametersHandler : IRequestHandler<GetRiskParameters, RiskParametersDto>
{
    public ValueTask<RiskParametersDto> Handle(GetRiskParameters request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Risk: GetRiskParameters is not built yet.");
}

internal sealed class PendingUpdateRiskParameterHandler : IRequestHandler<UpdateRiskParameter, RiskParameterChangeDto>
{
    public ValueTask<RiskParameterChangeDto> Handle(UpdateRiskParameter request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Risk: UpdateRiskParameter is not built yet.");
}

internal sealed class PendingRespondToRiskActionHandler : IRequestHandler<RespondToRiskAction, RiskActionDto>
{
    public ValueTask<RiskActionDto> Handle(RespondToRiskAction request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Risk: RespondToRiskAction is not built yet.");
}
