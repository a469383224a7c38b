using Catalyst.Alpaca.Tests.Support;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Catalyst.Alpaca.Tests;

[TestFixture]
internal sealed class HeartbeatAndBannerTests
{
    [Test]
    public async Task Beats_call_subscribers_by_order_and_a_failing_one_does_not_stop_the_rest()
    {
        var logger = new ListLogger<RealTimeMarketHeartbeat>();
        using var heartbeat = new RealTimeMarketHeartbeat(new FakeTimeProvider(), logger);
        var calls = new List<string>();
        using var modules = heartbeat.Subscribe("modules", 100, (_, _) => { calls.Add("modules"); return Task.CompletedTask; });
        using var broken = heartbeat.Subscribe("broken", 50, (_, _) => throw new InvalidOperationException("boom"));
        using var market = heartbeat.Subscribe("market", 0, async (_, _) => { await Task.Yield(); calls.Add("market"); });
        var gone = heartbeat.Subscribe("gone", 10, (_, _) => { calls.Add("gone"); return Task.CompletedTask; });
        gone.Dispose();

        await heartbeat.BeatAsync(new DateTimeOffset(2024, 7, 1, 13, 31, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(new[] { "market", "modules" }));
            Assert.That(logger.Entries.Single(e => e.Level == LogLevel.Error).Message, Does.Contain("broken"));
        });
    }

    [Test]
    public async Task The_timer_beats_on_the_minute_with_the_minute_instant()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 7, 1, 13, 30, 20, TimeSpan.Zero));
        using var heartbeat = new RealTimeMarketHeartbeat(time, new ListLogger<RealTimeMarketHeartbeat>());
        var beats = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();
        using var _ = heartbeat.Subscribe("probe", 0, (at, _) => { beats.Enqueue(at); return Task.CompletedTask; });
        await heartbeat.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(39));
        await Task.Delay(100);
        Assert.That(beats, Is.Empty, "not before the minute");
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => !beats.IsEmpty);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitForAsync(() => beats.Count >= 2);
        await heartbeat.StopAsync(CancellationToken.None);

        Assert.That(beats.Take(2), Is.EqualTo(new[]
        {
            new DateTimeOffset(2024, 7, 1, 13, 31, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 7, 1, 13, 32, 0, TimeSpan.Zero),
        }));
    }

    [Test]
    public async Task Live_banner_is_a_warning_naming_real_money_and_the_account()
    {
        using var fake = new AlpacaFake();
        fake.Answer("GET", "/v2/account", 200, Reference.Example("account.response.json"));
        var logger = new ListLogger<LiveTradingBanner>();
        using var banner = new LiveTradingBanner(fake.Broker(), fake.Options, logger);

        await banner.StartAsync(CancellationToken.None);
        await WaitForAsync(() => logger.Entries.Count >= 2);

        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(warnings, Has.Count.EqualTo(2));
            Assert.That(warnings, Has.All.Contain("LIVE TRADING — REAL MONEY"));
            Assert.That(warnings[1], Does.Contain("PALPACA_123"));
            Assert.That(string.Join("\n", logger.Entries.Select(e => e.Message)), Does.Not.Contain(AlpacaFake.Secret));
        });
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.That(condition(), Is.True, "condition not reached in 5 s");
    }
}
