using System.Net;
using System.Text;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Trading.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Trading.Tests;

/// <summary>Bad input is a 400 naming the field; a Risk rejection is a 403 carrying Risk's reason; nothing is stored for either.</summary>
[NonParallelizable]
public sealed class OrderValidationTests
{
    private TradingHarness _h = null!;
    private string _symbol = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _h = await TradingHarness.StartAsync();
        await _h.RunUntilEasternAsync(9, 32);
        _symbol = (await _h.PickSymbolsAsync(1))[0].Symbol.Value;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _h.DisposeAsync();

    private static IEnumerable<TestCaseData> BadOrders()
    {
        yield return new TestCaseData(new { side = "buy", quantity = 10 }, "symbol").SetName("symbol missing");
        yield return new TestCaseData(new { symbol = "12AB", side = "buy", quantity = 10 }, "symbol").SetName("malformed symbol");
        yield return new TestCaseData(new { symbol = "TOOLONGSYMBOL", side = "buy", quantity = 10 }, "symbol").SetName("symbol too long");
        yield return new TestCaseData(new { symbol = "SYM", quantity = 10 }, "side").SetName("side missing");
        yield return new TestCaseData(new { symbol = "SYM", side = "hold", quantity = 10 }, "side").SetName("side unknown");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy" }, "quantity").SetName("quantity missing");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 0 }, "quantity").SetName("quantity zero");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = -5 }, "quantity").SetName("quantity negative");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = "ten" }, "quantity").SetName("quantity not a number");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 2_000_000 }, "quantity").SetName("quantity too large");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 1.5, order_type = "limit", limit_price = 10 }, "quantity")
            .SetName("fractional limit order");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 10, order_type = "limit" }, "limit_price")
            .SetName("limit without limit_price");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 10, order_type = "limit", limit_price = -1 }, "limit_price")
            .SetName("negative limit_price");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 10, order_type = "stop" }, "stop_price")
            .SetName("stop without stop_price");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 10, limit_price = 10 }, "limit_price")
            .SetName("limit_price on a market order");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 10, order_type = "fok" }, "order_type")
            .SetName("order type unknown");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 10, stop_loss = 12, take_profit = 11 }, "stop_loss")
            .SetName("buy stop above target");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 10, order_type = "limit", limit_price = 10, stop_loss = 9,
            take_profit = 9.5 }, "take_profit").SetName("buy target below the limit");
        yield return new TestCaseData(new { symbol = "SYM", side = "sell", quantity = 10, stop_loss = 9, take_profit = 12 }, "stop_loss")
            .SetName("short stop below target");
        yield return new TestCaseData(new { symbol = "SYM", side = "buy", quantity = 10, stop_loss = 9 }, "take_profit")
            .SetName("half a bracket");
    }

    [TestCaseSource(nameof(BadOrders))]
    public async Task A_bad_order_is_a_400_naming_the_field_and_stores_nothing(object body, string field)
    {
        var before = await OrderCountAsync();
        var (response, json) = await _h.PostAsync("/api/v1/orders", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), json.ToString());
        var error = json.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("VALIDATION_FAILED"));
        Assert.That(error.GetProperty("details").GetProperty("field").GetString(), Is.EqualTo(field), error.GetProperty("message").GetString());
        Assert.That(error.GetProperty("request_id").GetString(), Is.Not.Empty);
        Assert.That(await OrderCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_body_that_is_not_json_is_a_400()
    {
        using var content = new StringContent("{ not json", Encoding.UTF8, "application/json");
        var response = await _h.Client.PostAsync(new Uri("/api/v1/orders", UriKind.Relative), content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_bracket_the_broker_refuses_is_a_400_on_the_field_and_the_order_is_stored_as_rejected()
    {
        // A long bracket whose stop is above the market: only the broker knows the price, so it is the broker that refuses.
        var price = await _h.PriceAsync(SharedKernel.Domain.Symbol.Parse(_symbol));
        var (response, json) = await _h.PostAsync("/api/v1/orders", new
        {
            symbol = _symbol, side = "buy", quantity = 10, stop_loss = Math.Round(price * 1.1m, 2), take_profit = Math.Round(price * 1.2m, 2),
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), json.ToString());
        Assert.That(json.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo("stop_loss"));
        await using var scope = _h.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TradingDbContext>();
        var row = await db.Orders.OrderByDescending(o => o.CreatedAt).FirstAsync();
        Assert.That(row.Status, Is.EqualTo("rejected"));
        Assert.That(row.RejectReason, Does.Contain("stop_loss"));
    }

    [Test]
    public async Task More_than_buying_power_is_a_403_from_the_broker()
    {
        var (response, json) = await _h.PostAsync("/api/v1/orders", new { symbol = _symbol, side = "buy", quantity = 900_000 });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), json.ToString());
        Assert.That(json.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("INSUFFICIENT_BUYING_POWER"));
    }

    [Test]
    public async Task A_risk_rejection_is_a_403_with_risks_reason_and_details_and_nothing_is_sent()
    {
        _h.Risk.Decide = _ => new RiskDecision(false, 0m, 0m, 2000m, ["kill_switch"], null, null, "Daily loss limit exceeded",
            new Dictionary<string, object?> { ["current_loss"] = -2050.00m, ["max_loss"] = -2000.00m, ["check_failed"] = "daily_loss_limit" });
        try
        {
            var ordersBefore = (await _h.Broker.GetOrdersAsync(false, CancellationToken.None)).Count;
            var (response, json) = await _h.PostAsync("/api/v1/orders", new { symbol = _symbol, side = "buy", quantity = 10 });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), json.ToString());
            var error = json.GetProperty("error");
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("RISK_REJECTED"));
            Assert.That(error.GetProperty("message").GetString(), Is.EqualTo("Daily loss limit exceeded"));
            var details = error.GetProperty("details");
            Assert.That(details.GetProperty("approved").GetBoolean(), Is.False);
            Assert.That(details.GetProperty("reason").GetString(), Is.EqualTo("Daily loss limit exceeded"));
            Assert.That(details.GetProperty("check_failed").GetString(), Is.EqualTo("daily_loss_limit"));
            Assert.That(details.GetProperty("details").GetProperty("current_loss").GetDecimal(), Is.EqualTo(-2050.00m));
            Assert.That((await _h.Broker.GetOrdersAsync(false, CancellationToken.None)).Count, Is.EqualTo(ordersBefore));
            var asked = _h.Risk.Requests.Last();
            Assert.That(asked.Symbol, Is.EqualTo(_symbol));
            Assert.That(asked.Quantity, Is.EqualTo(10m));
            Assert.That(asked.IsExit, Is.False);
        }
        finally
        {
            _h.Risk.Decide = RiskScript.Approve;
        }
    }

    [Test]
    public async Task Risk_suggested_exits_turn_a_plain_entry_into_a_bracket()
    {
        var symbol = SharedKernel.Domain.Symbol.Parse(_symbol);
        var price = await _h.PriceAsync(symbol);
        _h.Risk.Decide = t => RiskScript.Approve(t) with { StopLoss = Math.Round(price * 0.9m, 2), TakeProfit = Math.Round(price * 1.2m, 2) };
        try
        {
            var (response, json) = await _h.PostAsync("/api/v1/orders", new { symbol = _symbol, side = "buy", quantity = 3 });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToString());
            var order = await _h.Broker.GetOrderAsync(json.GetProperty("alpaca_order_id").GetString()!, CancellationToken.None);
            Assert.That(order!.Class, Is.EqualTo(SharedKernel.Ports.OrderClass.Bracket));
            Assert.That(order.Legs.Single(l => l.Type == SharedKernel.Ports.OrderType.Stop).StopPrice, Is.EqualTo(Math.Round(price * 0.9m, 2)));
        }
        finally
        {
            _h.Risk.Decide = RiskScript.Approve;
        }
    }

    [TestCase("/api/v1/orders/not-a-uuid/status", "GET", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/orders/3f1c2d4e-0000-0000-0000-000000000000/status", "GET", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/orders/3f1c2d4e-0000-0000-0000-000000000000", "DELETE", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/positions?status=maybe", "GET", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/positions/ZZZZ/close", "POST", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/positions/1BAD/close", "POST", HttpStatusCode.BadRequest)]
    public async Task Ids_symbols_and_statuses_are_checked(string url, string method, HttpStatusCode expected)
    {
        var (response, json) = await _h.SendAsync(new HttpMethod(method), url);
        Assert.That(response.StatusCode, Is.EqualTo(expected), json.ToString());
        Assert.That(json.GetProperty("error").GetProperty("code").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task A_patch_with_nothing_to_change_or_a_bad_trailing_stop_is_a_400()
    {
        var (empty, json) = await _h.SendAsync(HttpMethod.Patch, $"/api/v1/positions/{_symbol}", new { });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), json.ToString());
        var (trail, json2) = await _h.SendAsync(HttpMethod.Patch, $"/api/v1/positions/{_symbol}", new { trailing_stop_pct = 80 });
        Assert.That(trail.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), json2.ToString());
        Assert.That(json2.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo("trailing_stop_pct"));
        var (noPosition, json3) = await _h.SendAsync(HttpMethod.Patch, "/api/v1/positions/ZZZZ", new { stop_loss = 5 });
        Assert.That(noPosition.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), json3.ToString());
    }

    [Test]
    public async Task Selling_more_than_the_long_position_is_a_400_and_an_exit_is_validated_as_an_exit()
    {
        var symbol = SharedKernel.Domain.Symbol.Parse(_symbol);
        var (placed, json) = await _h.PostAsync("/api/v1/orders", new { symbol = _symbol, side = "buy", quantity = 7 });
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToString());
        await _h.Session.StepAsync();
        var held = (await _h.OpenPositionAsync(symbol)).GetProperty("quantity").GetDecimal();

        var (flip, error) = await _h.PostAsync("/api/v1/orders", new { symbol = _symbol, side = "sell", quantity = held + 5 });
        Assert.That(flip.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), error.ToString());
        Assert.That(error.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo("quantity"));

        var (exit, exitJson) = await _h.PostAsync("/api/v1/orders", new { symbol = _symbol, side = "sell", quantity = 2 });
        Assert.That(exit.StatusCode, Is.EqualTo(HttpStatusCode.Created), exitJson.ToString());
        Assert.That(_h.Risk.Requests.Last().IsExit, Is.True);
        await _h.Session.StepAsync();
        Assert.That((await _h.OpenPositionAsync(symbol)).GetProperty("quantity").GetDecimal(), Is.EqualTo(held - 2));
    }

    private async Task<int> OrderCountAsync()
    {
        await using var scope = _h.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TradingDbContext>().Orders.CountAsync();
    }
}
