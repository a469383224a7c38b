using Catalyst.SharedKernel.Messaging;
using Mediator;

namespace Catalyst.Host.Infrastructure;

/// <summary>
/// Every integration event passes here (debug log), so an event is traceable even before any module reacts to it —
/// and Mediator, which refuses a notification without a handler, accepts a module publishing what nobody consumes yet.
/// </summary>
internal sealed class IntegrationEventLog<TEvent>(ILogger<IntegrationEventLog<TEvent>> logger) : INotificationHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    public ValueTask Handle(TEvent notification, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Debug))
            logger.LogDebug("Event {EventType} on {Channel}", typeof(TEvent).Name, notification.Channel);
        return ValueTask.CompletedTask;
    }
}
