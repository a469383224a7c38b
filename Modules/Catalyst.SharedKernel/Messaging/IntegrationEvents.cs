using Mediator;

namespace Catalyst.SharedKernel.Messaging;

/// <summary>
/// An event other modules (and other Host instances, through Redis) may react to. Published in-process with Mediator;
/// the Host mirrors it to the Redis channel named by <see cref="Channel"/>.
/// </summary>
public interface IIntegrationEvent : INotification
{
    /// <summary>The Redis channel, e.g. "orders:updated".</summary>
    string Channel { get; }
}

/// <summary>Mirrors integration events to Redis pub/sub; a no-op when Redis is down (fan-out degrades, trading goes on).</summary>
public interface IEventFanOut
{
    Task PublishAsync(IIntegrationEvent @event, CancellationToken ct);
}
