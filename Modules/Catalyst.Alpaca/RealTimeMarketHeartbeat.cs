using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca;

/// <summary>
/// Paper/Live's heartbeat: wakes on each wall-clock minute and calls the subscribers one after another, lowest order
/// first, awaiting each. A failing subscriber is logged and does not stop the others or the next beat. A beat that
/// overruns the next minute makes that minute be skipped rather than fire late twice.
/// </summary>
internal sealed class RealTimeMarketHeartbeat(TimeProvider time, ILogger<RealTimeMarketHeartbeat> logger)
    : BackgroundService, IMarketHeartbeat
{
    private readonly Lock gate = new();
    private readonly List<Subscription> subscriptions = [];
    private long sequence;

    public IDisposable Subscribe(string name, int order, Func<DateTimeOffset, CancellationToken, Task> onMinute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(onMinute);
        var subscription = new Subscription(this, name, order, Interlocked.Increment(ref sequence), onMinute);
        lock (gate)
        {
            subscriptions.Add(subscription);
            subscriptions.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Sequence.CompareTo(b.Sequence));
        }

        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await BeatAsync(next, stoppingToken).ConfigureAwait(false);
        }
    }

    internal async Task BeatAsync(DateTimeOffset minute, CancellationToken ct)
    {
        Subscription[] current;
        lock (gate) current = [.. subscriptions];
        foreach (var subscription in current)
        {
            if (ct.IsCancellationRequested) return;
            try
            {
                await subscription.OnMinute(minute, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A subscriber's bug must not stop the clock for everyone else.
                logger.LogError(ex, "Heartbeat subscriber {Name} failed at {Minute}", subscription.Name, minute);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate) subscriptions.Remove(subscription);
    }

    private sealed class Subscription(RealTimeMarketHeartbeat owner, string name, int order, long sequence,
        Func<DateTimeOffset, CancellationToken, Task> onMinute) : IDisposable
    {
        public string Name => name;
        public int Order => order;
        public long Sequence => sequence;
        public Func<DateTimeOffset, CancellationToken, Task> OnMinute => onMinute;

        public void Dispose() => owner.Remove(this);
    }
}
