using System.Net;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.SharedKernel.Ports;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Trading.Tests;

/// <summary>With the real Risk module: its rejection reaches the trader as a 403 carrying Risk's own reason and check.</summary>
[NonParallelizable]
public sealed class RealRiskTests
{
    [Test]
    public async Task With_the_kill_switch_on_an_entry_is_a_403_with_risks_reason_and_no_order_is_sent()
    {
        await using var h = await TradingHarness.StartAsync(realRisk: true);
        await h.RunUntilEasternAsync(9, 40);
        var symbol = (await h.PickSymbolsAsync(1))[0].Symbol;
        await using var scope = h.App.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new SetKillSwitch(true, "Trading test: halt entries"));
        var decision = await sender.Send(new ValidateTrade(symbol.Value, OrderSide.Buy, 5m, Preview: true));
        Assert.That(decision.Approved, Is.False);

        var (response, json) = await h.PostAsync("/api/v1/orders", new { symbol = symbol.Value, side = "buy", quantity = 5 });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), json.ToString());
        var error = json.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("RISK_REJECTED"));
        Assert.That(error.GetProperty("message").GetString(), Is.EqualTo(decision.Reason));
        Assert.That(error.GetProperty("details").GetProperty("approved").GetBoolean(), Is.False);
        Assert.That(error.GetProperty("details").GetProperty("check_failed").GetString(), Is.EqualTo("kill_switch"));
        Assert.That(await h.Broker.GetOrdersAsync(false, CancellationToken.None), Is.Empty);
    }
}
