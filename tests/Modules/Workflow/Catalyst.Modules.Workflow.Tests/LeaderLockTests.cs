using System.Net;
using Catalyst.Modules.Workflow.Features.Leadership;
using Catalyst.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>Only one Host instance runs the cycle: a Redis lock with expiry and renewal; the others are standby.</summary>
[NonParallelizable]
public sealed class LeaderLockTests
{
    private static WorkflowLeadership Leadership(IConnectionMultiplexer redis, string key, int ttlSeconds = 3) =>
        new(redis, Options.Create(new WorkflowOptions { LeaderKey = key, LeaderTtlSeconds = ttlSeconds }),
            new ConfigurationBuilder().Build(), NullLogger<WorkflowLeadership>.Instance);

    [Test]
    public async Task One_instance_holds_the_lock_the_other_waits_and_takes_over_when_it_is_released()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var key = "test:workflow:leader:" + Guid.NewGuid().ToString("N");
        using var first = Leadership(redis, key);
        using var second = Leadership(redis, key);
        await first.CheckAsync();
        await second.CheckAsync();
        Assert.Multiple(() =>
        {
            Assert.That(first.IsLeader, Is.True);
            Assert.That(second.IsLeader, Is.False);
            Assert.That(second.Role, Is.EqualTo("standby"));
        });
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromSeconds(3)), "the lock expires by itself");
        Assert.That((string?)await redis.GetDatabase().StringGetAsync(key), Is.EqualTo(first.InstanceId));

        // Renewal keeps it past its first expiry.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await first.CheckAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await second.CheckAsync();
        Assert.That(first.IsLeader && !second.IsLeader, Is.True, "renewed within the TTL, so still the leader");

        await first.StopAsync(CancellationToken.None);
        Assert.That(first.IsLeader, Is.False);
        await second.CheckAsync();
        Assert.That(second.IsLeader, Is.True, "the standby takes over once the lock is released");
        await second.StopAsync(CancellationToken.None);
        Assert.That(await redis.GetDatabase().KeyExistsAsync(key), Is.False);
    }

    [Test]
    public async Task A_dead_leader_is_replaced_when_its_lock_expires()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var key = "test:workflow:leader:" + Guid.NewGuid().ToString("N");
        using var crashed = Leadership(redis, key);
        using var survivor = Leadership(redis, key);
        await crashed.CheckAsync();
        await survivor.CheckAsync();
        Assert.That(survivor.IsLeader, Is.False);
        await Task.Delay(TimeSpan.FromSeconds(3.5)); // the crashed one never renews
        await survivor.CheckAsync();
        Assert.That(survivor.IsLeader, Is.True);
        await crashed.CheckAsync();
        Assert.That(crashed.IsLeader, Is.False, "a leader that lost its lock steps down");
        await survivor.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_lock_that_carries_its_own_id_is_its_own_after_it_lost_track_of_it()
    {
        // After a Redis timeout or reconnect the instance cannot know whether its last renewal landed: the lock may still
        // be there with its id. That lock is its own; taking it for another instance's would idle the cycle until expiry.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var key = "test:workflow:leader:" + Guid.NewGuid().ToString("N");
        using var leader = Leadership(redis, key, ttlSeconds: 30);
        await redis.GetDatabase().StringSetAsync(key, leader.InstanceId, TimeSpan.FromSeconds(5));

        await leader.CheckAsync();

        Assert.That(leader.IsLeader, Is.True, "its own unexpired lock must not turn it into a standby");
        Assert.That(await redis.GetDatabase().KeyTimeToLiveAsync(key), Is.GreaterThan(TimeSpan.FromSeconds(5)), "and it renews it");
        await leader.StopAsync(CancellationToken.None);
        Assert.That(await redis.GetDatabase().KeyExistsAsync(key), Is.False, "released on stop");
    }

    [Test]
    public async Task Two_hosts_on_one_database_run_one_cycle_the_standby_serves_reads_and_takes_over()
    {
        await using var database = await TestDatabase.CreateAsync();
        var key = "test:workflow:leader:" + Guid.NewGuid().ToString("N");
        void Shared(CatalystAppOptions o)
        {
            o.Database = database;
            o.Settings["Catalyst:Workflow:LeaderKey"] = key;
            o.Settings["Catalyst:Workflow:LeaderTtlSeconds"] = "3";
        }
        var leader = await WorkflowTestHost.StartAsync(Shared);
        await using var standby = await WorkflowTestHost.StartAsync(Shared, migrate: false);
        using var leaderClient = leader.CreateApiClient();
        using var standbyClient = standby.CreateApiClient();

        var (_, leaderStatus) = await leaderClient.GetJsonAsync("/api/v1/workflow/status");
        var (_, standbyStatus) = await standbyClient.GetJsonAsync("/api/v1/workflow/status");
        Assert.That(leaderStatus.Str("instance"), Is.EqualTo("leader"));
        Assert.That(standbyStatus.Str("instance"), Is.EqualTo("standby"));

        // A command on the standby is accepted (the state is shared) and says who drives the cycle.
        var (created, started) = await standbyClient.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), started.ToString());
        Assert.That(started.Str("message"), Does.Contain("standby"));
        var (again, _) = await leaderClient.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "autonomous" });
        Assert.That(again, Is.EqualTo(HttpStatusCode.Conflict), "one cycle per day across instances");
        var cycleId = started.Str("cycle_id");

        // Both clocks move through 08:00 to 08:05; only the leader's heartbeat scans.
        for (var i = 0; i < 10; i++)
        {
            await leader.Session().StepAsync();
            await standby.Session().StepAsync();
        }
        var timeline = await standbyClient.TimelineAsync(cycleId);
        Assert.That(timeline.Count(e => e.Str("event_type") == "scan_started"), Is.EqualTo(1), "one scan at 08:00, by the leader only");

        // The leader goes away; the standby takes over at its next lock check and drives the next minutes.
        await leader.DisposeAsync();
        await standby.Services.GetRequiredService<WorkflowLeadership>().CheckAsync();
        var (_, promoted) = await standbyClient.GetJsonAsync("/api/v1/workflow/status");
        Assert.That(promoted.Str("instance"), Is.EqualTo("leader"));
        await standby.RunUntilEtAsync(9, 31);
        var after = await standbyClient.TimelineAsync(cycleId);
        Assert.That(after.Where(e => e.Str("event_type") == "phase_changed").Select(e => e.GetProperty("metadata").Str("to")),
            Is.EqualTo(new[] { "opening-range" }));
    }
}
