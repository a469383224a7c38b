using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Logging;

namespace Catalyst.Simulation.Clock;

/// <summary>
/// The virtual clock's heartbeat: subscribers run one after another, lower order first (ties in subscription order),
/// each awaited; a failing subscriber is logged and the others still run, so one bug does not stop the simulated day.
/// </summary>
internal sealed class SimulatedHeartbeat(ILogger<SimulatedHeartbeat> logger) : IMarketHeartbeat
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private long _sequence;

    public IDisposable Subscribe(string name, int order, Func<DateTimeOffset, CancellationToken, Task> onMinute)
    {
        ArgumentNullException.ThrowIfNull(onMinute);
        var subscription = new Subscription(this, name, order, onMinute);
        lock (_gate)
        {
            subscription.Sequence = ++_sequence;
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    public int SubscriberCount
    {
        get { lock (_gate) return _subscriptions.Count; }
    }

    public async Task BeatAsync(DateTimeOffset now, CancellationToken ct)
    {
        Subscription[] ordered;
        lock (_gate)
            ordered = [.. _subscriptions.OrderBy(s => s.Order).ThenBy(s => s.Sequence)];
        foreach (var subscription in ordered)
        {
            ct.ThrowIfCancellationRequested();
            if (subscription.Removed) continue;
            try
            {
                await subscription.OnMinute(now, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Heartbeat subscriber {Subscriber} failed at {Now:O}; the simulated day goes on",
                    subscription.Name, now);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate) _subscriptions.Remove(subscription);
    }

    private sealed class Subscription(SimulatedHeartbeat owner, string name, int order,
        Func<DateTimeOffset, CancellationToken, Task> onMinute) : IDisposable
    {
        public string Name { get; } = name;
        public int Order { get; } = order;
        public long Sequence { get; set; }
        public Func<DateTimeOffset, CancellationToken, Task> OnMinute { get; } = onMinute;
        public bool Removed { get; private set; }

        public void Dispose()
        {
            Removed = true;
            owner.Remove(this);
        }
    }
}
