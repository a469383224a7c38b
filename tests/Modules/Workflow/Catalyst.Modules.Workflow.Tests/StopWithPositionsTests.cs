using System.Net;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>§5.4: POST /api/v1/workflow/stop closes the open positions (here two, opened through Trading at 10:00).</summary>
[NonParallelizable]
public sealed class StopWithPositionsTests
{
    [Test]
    public async Task Stop_closes_every_open_position_and_the_broker_ends_flat()
    {
        await using var app = await WorkflowTestHost.StartAsync();
        using var client = app.CreateApiClient();
        var (created, started) = await client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), started.ToString());
        await app.RunUntilEtAsync(10, 0);

        var broker = app.Services.GetRequiredService<IBrokerPort>();
        var picks = await app.LiquidNamesAsync(2);
        await app.BuyWithBracketsAsync(picks);
        await app.Session().StepAsync(); // the market orders fill on the next minute
        Assert.That(await broker.GetPositionsAsync(CancellationToken.None), Has.Count.EqualTo(2), "two positions open before the stop");

        var (status, stopped) = await client.PostJsonAsync("/api/v1/workflow/stop", new { reason = "stopping with positions" });
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), stopped.ToString());
            Assert.That(stopped.Str("status"), Is.EqualTo("stopped"));
            Assert.That(stopped.GetProperty("positions_closed").GetInt32(), Is.EqualTo(2));
        });
        await app.Session().StepAsync(); // the closing market orders fill

        Assert.That(await broker.GetPositionsAsync(CancellationToken.None), Is.Empty, "the broker is flat");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            Assert.That(await sender.Send(new GetPositions("open")), Is.Empty, "Trading agrees: flat");
        }
        var timeline = await client.TimelineAsync(started.Str("cycle_id"));
        var stoppedEvent = timeline.Single(e => e.Str("event_type") == "cycle_stopped");
        Assert.That(stoppedEvent.GetProperty("metadata").GetProperty("symbols").EnumerateArray().Select(e => e.GetString()),
            Is.EquivalentTo(picks.Select(p => p.Symbol.Value)));
    }
}
