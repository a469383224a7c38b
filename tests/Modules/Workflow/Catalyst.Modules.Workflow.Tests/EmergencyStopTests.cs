using System.Net;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>The emergency stop leaves no open order and no position, halts trading and raises a critical alert.</summary>
[NonParallelizable]
public sealed class EmergencyStopTests
{
    [Test]
    public async Task An_emergency_stop_cancels_every_order_closes_every_position_and_halts()
    {
        await using var app = await WorkflowTestHost.StartAsync();
        using var client = app.CreateApiClient();
        var (created, _) = await client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created));
        await app.RunUntilEtAsync(10, 0);

        var broker = app.Services.GetRequiredService<IBrokerPort>();
        var picks = await app.LiquidNamesAsync(3);
        await app.BuyWithBracketsAsync(picks.Take(2));
        await app.Session().StepAsync(); // the market orders fill on the next minute
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var resting = picks[2].Price!.Value;
            await sender.Send(new PlaceOrder(picks[2].Symbol.Value, OrderSide.Buy, 10, OrderType.Limit, LimitPrice: Math.Round(resting * 0.8m, 2),
                StopLoss: Math.Round(resting * 0.7m, 2), TakeProfit: Math.Round(resting * 0.95m, 2), Source: "api"));
        }
        Assert.That(await broker.GetPositionsAsync(CancellationToken.None), Has.Count.EqualTo(2), "two positions open before the stop");
        Assert.That(await broker.GetOrdersAsync(openOnly: true, CancellationToken.None), Is.Not.Empty, "bracket legs and a resting limit");

        var (shortStatus, _) = await client.PostJsonAsync("/api/v1/workflow/emergency-stop", new { reason = "short" });
        Assert.That(shortStatus, Is.EqualTo(HttpStatusCode.BadRequest));

        var (status, stopped) = await client.PostJsonAsync("/api/v1/workflow/emergency-stop", new { reason = "Flash crash in the test market" });
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), stopped.ToString());
            Assert.That(stopped.Str("status"), Is.EqualTo("emergency_stopped"));
            Assert.That(stopped.GetProperty("positions_closed").GetInt32(), Is.EqualTo(2));
            Assert.That(stopped.GetProperty("orders_cancelled").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(stopped.Str("message"), Is.EqualTo("Emergency stop executed"));
        });
        await app.Session().StepAsync(); // closing market orders fill

        var positionsAfter = await broker.GetPositionsAsync(CancellationToken.None);
        var openOrdersAfter = await broker.GetOrdersAsync(openOnly: true, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(positionsAfter, Is.Empty, "no position at the broker");
            Assert.That(openOrdersAfter, Is.Empty, "no open order at the broker");
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            Assert.That(await sender.Send(new GetPositions("open")), Is.Empty, "Trading agrees: flat");
            var alerts = await sender.Send(new GetAlerts("active"));
            Assert.That(alerts.Any(a => a.Severity == "critical" && a.AlertType == "emergency_stop" && a.Message.Contains("Flash crash", StringComparison.Ordinal)),
                Is.True, "a critical alert");
            var risk = await sender.Send(new GetRiskStatus());
            Assert.That(risk.KillSwitchActive, Is.True, "trading is halted");
            var refused = Assert.ThrowsAsync<Catalyst.SharedKernel.Errors.ForbiddenException>(async () =>
                await sender.Send(new PlaceOrder(picks[0].Symbol.Value, OrderSide.Buy, 1, OrderType.Market, Source: "api")));
            Assert.That(refused!.Code, Is.Not.Empty);
        }
        var (_, workflow) = await client.GetJsonAsync("/api/v1/workflow/status");
        Assert.Multiple(() =>
        {
            Assert.That(workflow.Str("status"), Is.EqualTo("emergency_stopped"));
            Assert.That(workflow.Str("cycle_state"), Is.EqualTo("closed"));
            Assert.That(workflow.Str("stop_reason"), Is.EqualTo("Flash crash in the test market"));
        });
        var timeline = await client.TimelineAsync(workflow.Str("cycle_id"));
        Assert.That(timeline.Select(e => e.Str("event_type")), Does.Contain("emergency_stop").And.Contain("emergency_stop_completed"));

        // Without a running cycle it still flattens (nothing left here) and answers.
        var (again, second) = await client.PostJsonAsync("/api/v1/workflow/emergency-stop", new { reason = "Second press of the button" });
        Assert.That(again, Is.EqualTo(HttpStatusCode.OK), second.ToString());
        Assert.That(second.GetProperty("cycle_id").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }
}
