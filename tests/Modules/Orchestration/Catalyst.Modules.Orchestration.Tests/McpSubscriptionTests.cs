using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.SharedKernel.Messaging;
using Catalyst.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Catalyst.Modules.Orchestration.Tests;

/// <summary>
/// §7.4 "Claude notification via MCP resource update": a subscribed session hears notifications/resources/updated when
/// the module publishes the change (the same EventPublisher path Risk, Trading and Workflow use).
/// </summary>
public sealed class McpSubscriptionTests
{
    private CatalystApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await CatalystApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task A_raised_alert_updates_alerts_active_for_subscribers_only()
    {
        await using var subscriber = await McpTestClient.ConnectAsync(_app);
        await using var bystander = await McpTestClient.ConnectAsync(_app);
        var updates = new List<string>();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await subscriber.SubscribeToResourceAsync("catalyst://alerts/active", (n, _) =>
        {
            lock (updates) updates.Add(n.Uri);
            received.TrySetResult(n.Uri);
            return ValueTask.CompletedTask;
        });
        var bystanderHeard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var _ = bystander.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (_, _) =>
        {
            bystanderHeard.TrySetResult("heard");
            return ValueTask.CompletedTask;
        });

        await PublishAsync(new AlertRaised(new AlertDto(Guid.NewGuid(), "warning", "daily_loss_limit",
            "Daily loss limit approaching: -$1,500 (75% of limit)", DateTimeOffset.UtcNow, false, null, null)));

        Assert.That(await received.Task.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo("catalyst://alerts/active"));
        await Task.Delay(300);
        Assert.That(bystanderHeard.Task.IsCompleted, Is.False, "a session that did not subscribe hears nothing");
    }

    [Test]
    public async Task Position_and_cycle_changes_update_their_resources_and_unsubscribe_stops_them()
    {
        await using var client = await McpTestClient.ConnectAsync(_app);
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var signal = new SemaphoreSlim(0);
        await using var _ = client.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (n, _) =>
        {
            var uri = n.Params!["uri"]!.GetValue<string>();
            heard.Enqueue(uri);
            signal.Release();
            return ValueTask.CompletedTask;
        });
        await client.SubscribeToResourceAsync("catalyst://positions/current");
        await client.SubscribeToResourceAsync("catalyst://trading-cycle/current");

        await PublishAsync(new PositionUpdated(Guid.NewGuid(), "TSLA", "open", 50, DateTimeOffset.UtcNow));
        Assert.That(await signal.WaitAsync(TimeSpan.FromSeconds(10)), Is.True);
        await PublishAsync(new CycleStateChanged(Guid.NewGuid(), "trading", "morning", DateTimeOffset.UtcNow));
        Assert.That(await signal.WaitAsync(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(heard, Is.EqualTo(new[] { "catalyst://positions/current", "catalyst://trading-cycle/current" }));

        await client.UnsubscribeFromResourceAsync("catalyst://positions/current");
        await PublishAsync(new PositionUpdated(Guid.NewGuid(), "TSLA", "closed", 0, DateTimeOffset.UtcNow));
        Assert.That(await signal.WaitAsync(TimeSpan.FromMilliseconds(500)), Is.False, "no update after unsubscribe");
    }

    private async Task PublishAsync<TEvent>(TEvent @event) where TEvent : IIntegrationEvent
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EventPublisher>().PublishAsync(@event, CancellationToken.None);
    }
}
