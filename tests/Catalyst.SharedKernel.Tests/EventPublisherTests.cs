using Catalyst.SharedKernel.Messaging;
using Mediator;

namespace Catalyst.SharedKernel.Tests;

public sealed class EventPublisherTests
{
    private sealed record Happened(string Channel) : IIntegrationEvent;

    private sealed class ThrowingPublisher : IPublisher
    {
        public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification => throw new InvalidOperationException("a local handler failed");

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("a local handler failed");
    }

    private sealed class RecordingFanOut : IEventFanOut
    {
        public List<IIntegrationEvent> Sent { get; } = [];

        public Task PublishAsync(IIntegrationEvent @event, CancellationToken ct)
        {
            Sent.Add(@event);
            return Task.CompletedTask;
        }
    }

    [Test]
    public void A_failing_local_handler_does_not_stop_the_redis_fan_out_and_its_error_still_surfaces()
    {
        var fanOut = new RecordingFanOut();
        var publisher = new EventPublisher(new ThrowingPublisher(), fanOut);
        var happened = new Happened("orders:updated");

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => publisher.PublishAsync(happened, CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("a local handler failed"));
        Assert.That(fanOut.Sent, Is.EqualTo(new[] { happened }));
    }
}
