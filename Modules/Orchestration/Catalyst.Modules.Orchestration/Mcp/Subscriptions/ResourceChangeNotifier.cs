using Catalyst.Modules.Orchestration.Mcp.Resources;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;
using Mediator;

namespace Catalyst.Modules.Orchestration.Mcp.Subscriptions;

/// <summary>
/// Turns the modules' integration events into MCP resource updates: a raised alert → alerts/active (§7.4), a position
/// change → positions/current, a cycle state or phase change → trading-cycle/current.
/// </summary>
internal sealed class ResourceChangeNotifier(ResourceSubscriptions subscriptions)
    : INotificationHandler<AlertRaised>, INotificationHandler<PositionUpdated>, INotificationHandler<CycleStateChanged>
{
    public async ValueTask Handle(AlertRaised notification, CancellationToken cancellationToken) =>
        await subscriptions.NotifyAsync(ResourceCatalog.AlertsActive, cancellationToken);

    public async ValueTask Handle(PositionUpdated notification, CancellationToken cancellationToken) =>
        await subscriptions.NotifyAsync(ResourceCatalog.PositionsCurrent, cancellationToken);

    public async ValueTask Handle(CycleStateChanged notification, CancellationToken cancellationToken) =>
        await subscriptions.NotifyAsync(ResourceCatalog.CycleCurrent, cancellationToken);
}
