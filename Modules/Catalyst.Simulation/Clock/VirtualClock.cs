using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Clock;

/// <summary>
/// The simulation's time. It only moves when <see cref="AdvanceTo"/> is called (by the driver or a test), and timers
/// created through it fire in virtual time, in due order, on the caller's thread — so a day is reproducible at any speed.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    /// <summary>Five minutes before the 08:00 ET pre-market scan.</summary>
    public static readonly TimeOnly DayStart = new(7, 55);

    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;

    public VirtualClock(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <summary>A clock at 07:55 ET on <paramref name="date"/>.</summary>
    public static VirtualClock StartOfDay(DateOnly date) => new(MarketTime.AtEastern(date, DayStart));

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override TimeZoneInfo LocalTimeZone => MarketTime.Eastern;

    // Timestamps are virtual too, so GetElapsedTime and Stopwatch-style measurements follow the simulated day.
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delta), "Virtual time never goes back.");
        AdvanceTo(GetUtcNow() + delta);
    }

    /// <summary>Moves time forward to <paramref name="target"/>, firing every timer due on the way at its due time.</summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            VirtualTimer? due;
            lock (_gate)
            {
                if (target < _now) throw new ArgumentOutOfRangeException(nameof(target), "Virtual time never goes back.");
                due = null;
                foreach (var timer in _timers)
                    if (timer.DueAt <= target && (due is null || timer.DueAt < due.DueAt
                            || (timer.DueAt == due.DueAt && timer.Sequence < due.Sequence)))
                        due = timer;
                if (due is null)
                {
                    _now = target;
                    return;
                }
                if (due.DueAt > _now) _now = due.DueAt;
                if (due.Period > TimeSpan.Zero)
                {
                    due.DueAt += due.Period;
                    due.Sequence = ++_sequence;
                }
                else
                {
                    _timers.Remove(due);
                }
            }
            due.Fire();
        }
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan) return;
            if (dueTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(dueTime));
            timer.DueAt = _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.Sequence = ++_sequence;
            _timers.Add(timer);
        }
    }

    private void Remove(VirtualTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset DueAt { get; set; }
        public TimeSpan Period { get; set; }
        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed) return false;
            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            _disposed = true;
            clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
