using Catalyst.Simulation.Clock;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Catalyst.Simulation.Tests;

public sealed class VirtualClockTests
{
    private static readonly DateOnly Date = new(2026, 3, 10);

    private static DateTimeOffset Et(int hour, int minute) => MarketTime.AtEastern(Date, new TimeOnly(hour, minute));

    [Test]
    public void Timers_fire_in_virtual_time_in_due_order_and_periodic_timers_repeat()
    {
        var clock = VirtualClock.StartOfDay(Date);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var once = clock.CreateTimer(_ => fired.Add(("once", clock.GetUtcNow())), null, TimeSpan.FromMinutes(3), Timeout.InfiniteTimeSpan);
        using var every = clock.CreateTimer(_ => fired.Add(("every", clock.GetUtcNow())), null, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(fired, Is.Empty);
        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.That(fired, Is.EqualTo(new[]
        {
            ("every", Et(7, 57)), ("once", Et(7, 58)), ("every", Et(7, 59)), ("every", Et(8, 1)),
        }));
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Et(8, 2)));
        every.Dispose();
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(fired, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Task_Delay_on_the_virtual_clock_completes_only_when_virtual_time_passes()
    {
        var clock = VirtualClock.StartOfDay(Date);
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.That(delay.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(delay.IsCompletedSuccessfully, Is.True);
        Assert.That(clock.GetElapsedTime(0, clock.GetTimestamp()), Is.EqualTo(TimeSpan.FromTicks(Et(8, 0).UtcTicks)),
            "timestamps are virtual too");
    }

    [Test]
    public void Time_never_goes_back()
    {
        var clock = VirtualClock.StartOfDay(Date);
        Assert.That(() => clock.AdvanceTo(Et(7, 0)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task The_session_steps_minute_by_minute_and_calls_subscribers_in_order()
    {
        using var session = SimulationSession.Create(new SimulationOptions { Date = Date });
        var calls = new List<string>();
        using var late = session.Heartbeat.Subscribe("late", 200, (now, _) => { calls.Add($"late {now:HH:mm}"); return Task.CompletedTask; });
        using var early = session.Heartbeat.Subscribe("early", 5, async (now, _) =>
        {
            await Task.Yield();
            calls.Add($"early {now:HH:mm}");
        });
        using var failing = session.Heartbeat.Subscribe("failing", 50, (_, _) => throw new InvalidOperationException("boom"));

        Assert.That(await session.StepAsync(), Is.True);
        Assert.That(await session.StepAsync(), Is.True);

        var first = Et(7, 56).UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var second = Et(7, 57).UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(calls, Is.EqualTo(new[] { $"early {first}", $"late {first}", $"early {second}", $"late {second}" }));
        Assert.That(session.Clock.GetUtcNow(), Is.EqualTo(Et(7, 57)));
    }

    [Test]
    public async Task A_day_runs_from_07_56_to_16_05_then_stops()
    {
        using var session = SimulationSession.Create(new SimulationOptions { Date = Date });
        var beats = new List<DateTimeOffset>();
        using var _ = session.Heartbeat.Subscribe("count", 100, (now, _) => { beats.Add(now); return Task.CompletedTask; });

        await session.RunDayAsync();

        Assert.That(session.IsComplete, Is.True);
        Assert.That(beats[0], Is.EqualTo(Et(7, 56)));
        Assert.That(beats[^1], Is.EqualTo(Et(16, 5)));
        Assert.That(beats.Zip(beats.Skip(1), (a, b) => b - a).Distinct(), Is.EqualTo(new[] { TimeSpan.FromMinutes(1) }));
        Assert.That(await session.StepAsync(), Is.False);
        Assert.That(beats, Has.Count.EqualTo(490));
    }

    [Test]
    public async Task The_heartbeat_keeps_going_after_a_subscriber_fails()
    {
        var heartbeat = new SimulatedHeartbeat(NullLogger<SimulatedHeartbeat>.Instance);
        var after = 0;
        using var a = heartbeat.Subscribe("bad", 1, (_, _) => Task.FromException(new InvalidOperationException("x")));
        using var b = heartbeat.Subscribe("good", 2, (_, _) => { after++; return Task.CompletedTask; });
        await heartbeat.BeatAsync(Et(9, 30), CancellationToken.None);
        b.Dispose();
        await heartbeat.BeatAsync(Et(9, 31), CancellationToken.None);
        Assert.That(after, Is.EqualTo(1));
    }
}
