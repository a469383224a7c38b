using System.Runtime.ExceptionServices;
using Mediator;

namespace Catalyst.SharedKernel.Messaging;

/// <summary>Publishes an integration event in-process (Mediator) and mirrors it to Redis for other instances and tools.</summary>
public sealed class EventPublisher(IPublisher publisher, IEventFanOut fanOut)
{
    /// <summary>
    /// In-process handlers first, then Redis. A failing local handler does not silence the fan-out: the event has
    /// happened either way (its state is committed), so other instances and subscribers still hear of it; the handler's
    /// exception is rethrown afterwards for the caller to log.
    /// </summary>
    public async Task PublishAsync<TEvent>(TEvent @event, CancellationToken ct) where TEvent : IIntegrationEvent
    {
        ExceptionDispatchInfo? handlerFailure = null;
        try
        {
            await publisher.Publish(@event, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            handlerFailure = ExceptionDispatchInfo.Capture(ex);
        }
        await fanOut.PublishAsync(@event, ct);
        handlerFailure?.Throw();
    }
}
