using Mediator;

namespace Catalyst.SharedKernel.Messaging;

/// <summary>Publishes an integration event in-process (Mediator) and mirrors it to Redis for other instances and tools.</summary>
public sealed class EventPublisher(IPublisher publisher, IEventFanOut fanOut)
{
    public async Task PublishAsync<TEvent>(TEvent @event, CancellationToken ct) where TEvent : IIntegrationEvent
    {
        await publisher.Publish(@event, ct);
        await fanOut.PublishAsync(@event, ct);
    }
}
