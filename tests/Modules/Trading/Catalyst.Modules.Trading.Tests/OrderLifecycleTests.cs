using System.Net;
using System.Text.Json;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Trading.Tests;

/// <summary>
/// Orders and positions end to end: REST → Trading → simulated broker → trade updates → positions, on real Postgres,
/// with the simulated day stepped minute by minute. Each test trades its own symbols; the clock only moves forward.
/// </summary>
[NonParallelizable]
public sealed class OrderLifecycleTests
{
    private TradingHarness _h = null!;
    private List<(Symbol Symbol, decimal Price)> _symbols = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _h = await TradingHarness.StartAsync();
        await _h.ListenAsync();
        await _h.RunUntilEasternAsync(9, 35);
        _symbols = await _h.PickSymbolsAsync(9);
        Assert.That(_symbols, Has.Count.EqualTo(9), "the simulated universe should offer 9 names between $10 and $150");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _h.DisposeAsync();

    [Test, Order(1)]
    public async Task A_bracket_entry_fills_then_stops_out_with_the_realized_pnl_to_the_cent()
    {
        var (symbol, _) = _symbols[0];
        var price = await _h.PriceAsync(symbol);
        var stop = price - 0.05m;
        var target = Math.Round(price * 1.2m, 2);
        var (response, placed) = await _h.PostAsync("/api/v1/orders", new
        {
            symbol = symbol.Value.ToLowerInvariant(), side = "buy", quantity = 100, order_type = "market",
            stop_loss = stop, take_profit = target, pattern = "bull_flag", catalyst = "earnings",
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), placed.ToString());
        Assert.That(placed.GetProperty("status").GetString(), Is.EqualTo("submitted"));
        Assert.That(placed.GetProperty("symbol").GetString(), Is.EqualTo(symbol.Value));
        Assert.That(placed.GetProperty("quantity").GetDecimal(), Is.EqualTo(100m));
        var brokerId = placed.GetProperty("alpaca_order_id").GetString();
        Assert.That(brokerId, Is.Not.Null.And.Not.Empty);
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/api/v1/orders/{placed.GetProperty("order_id").GetGuid()}/status"));

        // The broker got one bracket order under our client_order_id.
        var atBroker = await _h.Broker.GetOrderAsync(brokerId!, CancellationToken.None);
        Assert.That(atBroker!.Class, Is.EqualTo(OrderClass.Bracket));
        Assert.That(atBroker.Legs, Has.Count.EqualTo(2));

        await _h.Session.StepAsync();
        var (_, status) = await _h.GetAsync($"/api/v1/orders/{placed.GetProperty("order_id").GetGuid()}/status");
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("filled"));
        Assert.That(status.GetProperty("filled_qty").GetDecimal(), Is.EqualTo(100m));
        var entryPrice = (await _h.Broker.GetOrderAsync(brokerId!, CancellationToken.None))!.FilledAveragePrice!.Value;
        Assert.That(status.GetProperty("avg_fill_price").GetDecimal(), Is.EqualTo(entryPrice));

        var open = await _h.OpenPositionAsync(symbol);
        Assert.That(open.GetProperty("side").GetString(), Is.EqualTo("long"));
        Assert.That(open.GetProperty("quantity").GetDecimal(), Is.EqualTo(100m));
        Assert.That(open.GetProperty("entry_price").GetDecimal(), Is.EqualTo(entryPrice));
        Assert.That(open.GetProperty("stop_loss").GetDecimal(), Is.EqualTo(stop));
        Assert.That(open.GetProperty("take_profit").GetDecimal(), Is.EqualTo(target));
        Assert.That(open.GetProperty("pattern").GetString(), Is.EqualTo("bull_flag"));
        Assert.That(open.GetProperty("current_price").ValueKind, Is.EqualTo(JsonValueKind.Number));

        var stoppedOut = await _h.StepUntilAsync(async () =>
        {
            var (_, closed) = await _h.GetAsync("/api/v1/positions?status=closed");
            return closed.EnumerateArray().Any(p => p.GetProperty("symbol").GetString() == symbol.Value);
        }, 240);
        Assert.That(stoppedOut, Is.True, "a stop 5 cents under the entry should trigger within four hours");

        var stopLeg = (await _h.Broker.GetOrderAsync(brokerId!, CancellationToken.None))!.Legs.Single(l => l.Type == OrderType.Stop);
        Assert.That(stopLeg.Status, Is.EqualTo(BrokerOrderStatus.Filled));
        var exitPrice = stopLeg.FilledAveragePrice!.Value;
        var expected = (exitPrice - entryPrice) * 100m;

        var (_, closedList) = await _h.GetAsync("/api/v1/positions?status=closed");
        var position = closedList.EnumerateArray().Single(p => p.GetProperty("symbol").GetString() == symbol.Value);
        Assert.That(position.GetProperty("realized_pnl").GetDecimal(), Is.EqualTo(expected));
        Assert.That(Math.Round(expected, 2), Is.EqualTo(expected), "whole shares at cent prices realize whole cents");
        Assert.That(expected, Is.LessThan(0m));
        Assert.That(position.GetProperty("status").GetString(), Is.EqualTo("stopped_out"));
        Assert.That(position.GetProperty("current_price").GetDecimal(), Is.EqualTo(exitPrice), "a closed position shows its exit price");

        await using var scope = _h.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TradingDbContext>();
        var row = await db.Positions.SingleAsync(p => p.Id == position.GetProperty("position_id").GetGuid());
        Assert.That(row.ExitReason, Is.EqualTo("stop_loss"));
        Assert.That(row.InitialRisk, Is.EqualTo((entryPrice - stop) * 100m));
        var tp = await db.Orders.SingleAsync(o => o.LegRole == "take_profit" && o.ClientOrderId.StartsWith(atBroker.ClientOrderId));
        Assert.That(tp.Status, Is.EqualTo("cancelled"), "the target leg is cancelled with its one-cancels-other sibling");
        var audit = await db.AuditLog.Where(a => a.EntityId == row.Id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.That(audit, Does.Contain("position.opened").And.Contain("position.closed"));

        // Reporting's feed: one round trip with the same exact numbers, stored in the outbox with the close.
        var outbox = (await db.Outbox.ToListAsync()).Single(o => o.Payload.Contains(row.Id.ToString(), StringComparison.Ordinal));
        Assert.That(outbox.EventType, Is.EqualTo("RoundTripClosed"));
        Assert.That(outbox.Attempts, Is.GreaterThanOrEqualTo(1), "dispatched right after the commit");
        var journal = JsonDocument.Parse(outbox.Payload).RootElement;
        Assert.That(journal.GetProperty("symbol").GetString(), Is.EqualTo(symbol.Value));
        Assert.That(journal.GetProperty("realized_pnl").GetDecimal(), Is.EqualTo(expected));
        Assert.That(journal.GetProperty("exit_reason").GetString(), Is.EqualTo("stop_loss"));
        Assert.That(journal.GetProperty("entry_price").GetDecimal(), Is.EqualTo(entryPrice));
        Assert.That(journal.GetProperty("exit_price").GetDecimal(), Is.EqualTo(exitPrice));
        Assert.That(journal.GetProperty("catalyst").GetString(), Is.EqualTo("earnings"));
        Assert.That(journal.GetProperty("initial_risk").GetDecimal(), Is.EqualTo((entryPrice - stop) * 100m));
        if (outbox.DispatchedAt is not null)
            Assert.That(_h.Events("positions:closed"), Has.Some.Contains(row.Id.ToString()), "mirrored to Redis once delivered");
        Assert.That(_h.Events("orders:updated"), Is.Not.Empty);
        Assert.That(_h.Events("positions:updated"), Is.Not.Empty);
    }

    [Test, Order(2)]
    public async Task A_large_order_fills_in_parts_and_the_position_follows_each_fill()
    {
        // 0.1% of a minute's volume at most per minute (set in the fixture below) forces partial fills.
        await using var h = await TradingHarness.StartAsync(o => o.Settings["Catalyst:Simulation:MaxBarVolumeFraction"] = "0.0005");
        await h.RunUntilEasternAsync(9, 45);
        var (symbol, _) = (await h.PickSymbolsAsync(1))[0];
        var bar = (await h.App.Services.GetRequiredService<IMarketDataPort>().GetSnapshotsAsync([symbol], CancellationToken.None))[symbol].MinuteBar!;
        var quantity = Math.Max(50m, decimal.Floor(bar.Volume * 0.0005m * 3.5m));
        var (response, placed) = await h.PostAsync("/api/v1/orders", new { symbol = symbol.Value, side = "buy", quantity });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), placed.ToString());
        var orderId = placed.GetProperty("order_id").GetGuid();

        var sawPartial = false;
        var filled = await h.StepUntilAsync(async () =>
        {
            var (_, status) = await h.GetAsync($"/api/v1/orders/{orderId}/status");
            var s = status.GetProperty("status").GetString();
            if (s == "partially_filled")
            {
                sawPartial = true;
                var filledQty = status.GetProperty("filled_qty").GetDecimal();
                Assert.That(filledQty, Is.GreaterThan(0m).And.LessThan(quantity));
                var position = await h.OpenPositionAsync(symbol);
                Assert.That(position.GetProperty("quantity").GetDecimal(), Is.EqualTo(filledQty), "the position is what has filled so far");
            }
            return s == "filled";
        }, 60);
        Assert.That(filled, Is.True);
        Assert.That(sawPartial, Is.True, $"{quantity} shares should not fill in one minute at 0.05% of volume");

        var brokerOrder = (await h.Broker.GetOrdersAsync(false, CancellationToken.None)).Single();
        var open = await h.OpenPositionAsync(symbol);
        Assert.That(open.GetProperty("quantity").GetDecimal(), Is.EqualTo(quantity));
        Assert.That(open.GetProperty("entry_price").GetDecimal(), Is.EqualTo(Math.Round(brokerOrder.FilledAveragePrice!.Value, 4)));

        await using var scope = h.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TradingDbContext>();
        var fills = await db.Fills.Where(f => f.OrderId == orderId).ToListAsync();
        Assert.That(fills, Has.Count.GreaterThan(1));
        Assert.That(fills.Sum(f => f.Quantity), Is.EqualTo(quantity));
        var brokerPosition = await h.Broker.GetPositionAsync(symbol, CancellationToken.None);
        Assert.That(fills.Sum(f => f.Quantity * f.Price), Is.EqualTo(brokerPosition!.CostBasis), "our cost basis is the broker's, exactly");
    }

    [Test, Order(3)]
    public async Task Closing_a_position_cancels_its_legs_and_realizes_the_pnl_of_the_market_exit()
    {
        var (symbol, _) = _symbols[1];
        var price = await _h.PriceAsync(symbol);
        var (response, placed) = await _h.PostAsync("/api/v1/orders", new
        {
            symbol = symbol.Value, side = "buy", quantity = 40, stop_loss = Math.Round(price * 0.9m, 2), take_profit = Math.Round(price * 1.2m, 2),
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), placed.ToString());
        await _h.Session.StepAsync();
        var entry = await _h.OpenPositionAsync(symbol);
        var entryPrice = entry.GetProperty("entry_price").GetDecimal();

        var (closeResponse, closing) = await _h.PostAsync($"/api/v1/positions/{symbol.Value}/close", new { reason = "Manual close" });
        Assert.That(closeResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), closing.ToString());
        Assert.That(closing.GetProperty("status").GetString(), Is.EqualTo("closing"), "in the simulation the market order fills on the next minute");
        Assert.That(closing.GetProperty("quantity_closed").GetDecimal(), Is.EqualTo(40m));
        var legs = (await _h.Broker.GetOrderAsync(placed.GetProperty("alpaca_order_id").GetString()!, CancellationToken.None))!.Legs;
        Assert.That(legs.Select(l => l.Status), Is.All.EqualTo(BrokerOrderStatus.Canceled));

        await _h.Session.StepAsync();
        var closeOrderId = closing.GetProperty("order_id").GetGuid();
        var (_, closeStatus) = await _h.GetAsync($"/api/v1/orders/{closeOrderId}/status");
        Assert.That(closeStatus.GetProperty("status").GetString(), Is.EqualTo("filled"));
        var exitPrice = closeStatus.GetProperty("avg_fill_price").GetDecimal();

        var (_, closed) = await _h.GetAsync("/api/v1/positions?status=closed");
        var position = closed.EnumerateArray().Single(p => p.GetProperty("symbol").GetString() == symbol.Value);
        Assert.That(position.GetProperty("realized_pnl").GetDecimal(), Is.EqualTo((exitPrice - entryPrice) * 40m));
        Assert.That(await _h.Broker.GetPositionAsync(symbol, CancellationToken.None), Is.Null);

        // Closing again: nothing is open any more.
        var (again, body) = await _h.PostAsync($"/api/v1/positions/{symbol.Value}/close", new { reason = "again" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), body.ToString());
    }

    [Test, Order(4)]
    public async Task Close_all_flattens_every_position_and_cancels_every_working_order()
    {
        var (a, priceA) = _symbols[2];
        var (b, _) = _symbols[3];
        var (c, priceC) = _symbols[4];
        Assert.That((await _h.PostAsync("/api/v1/orders", new { symbol = a.Value, side = "buy", quantity = 30,
            stop_loss = Math.Round(priceA * 0.8m, 2), take_profit = Math.Round(priceA * 1.3m, 2) })).Response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await _h.PostAsync("/api/v1/orders", new { symbol = b.Value, side = "sell", quantity = 20 })).Response.StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
        await _h.Session.StepAsync();
        // A resting limit far below the market: it must not survive the flatten and fill later.
        var (_, resting) = await _h.PostAsync("/api/v1/orders", new { symbol = c.Value, side = "buy", quantity = 10, order_type = "limit",
            limit_price = Math.Round(priceC * 0.5m, 2) });

        var (_, before) = await _h.GetAsync("/api/v1/positions");
        Assert.That(before.EnumerateArray().Select(p => p.GetProperty("symbol").GetString()), Is.SupersetOf(new[] { a.Value, b.Value }));
        Assert.That((await _h.OpenPositionAsync(b)).GetProperty("side").GetString(), Is.EqualTo("short"));

        var (response, closing) = await _h.PostAsync("/api/v1/positions/close-all", new { reason = "EOD flatten" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), closing.ToString());
        Assert.That(closing.EnumerateArray().Select(p => p.GetProperty("symbol").GetString()), Is.SupersetOf(new[] { a.Value, b.Value }));
        var (_, restingStatus) = await _h.GetAsync($"/api/v1/orders/{resting.GetProperty("order_id").GetGuid()}/status");
        Assert.That(restingStatus.GetProperty("status").GetString(), Is.EqualTo("cancelled"));

        await _h.Session.StepAsync();
        var (_, after) = await _h.GetAsync("/api/v1/positions");
        Assert.That(after.GetArrayLength(), Is.EqualTo(0));
        Assert.That(await _h.Broker.GetPositionsAsync(CancellationToken.None), Is.Empty);
        Assert.That(await _h.Broker.GetOrdersAsync(true, CancellationToken.None), Is.Empty);

        await using var scope = _h.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TradingDbContext>();
        var reasons = await db.Positions.Where(p => p.ClosedAt != null).OrderByDescending(p => p.ClosedAt).Take(2).Select(p => p.ExitReason).ToListAsync();
        Assert.That(reasons, Is.All.EqualTo("eod"));
    }

    [Test, Order(5)]
    public async Task Moving_the_stop_replaces_the_broker_leg_and_breakeven_puts_it_at_the_entry()
    {
        var (symbol, _) = _symbols[5];
        var price = await _h.PriceAsync(symbol);
        var (_, placed) = await _h.PostAsync("/api/v1/orders", new
        {
            symbol = symbol.Value, side = "buy", quantity = 25, stop_loss = Math.Round(price * 0.9m, 2), take_profit = Math.Round(price * 1.25m, 2),
        });
        await _h.Session.StepAsync();
        var brokerId = placed.GetProperty("alpaca_order_id").GetString()!;
        var last = await _h.PriceAsync(symbol);
        var newStop = Math.Round(last * 0.95m, 2);

        var (response, updated) = await _h.SendAsync(HttpMethod.Patch, $"/api/v1/positions/{symbol.Value}", new { stop_loss = newStop });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), updated.ToString());
        Assert.That(updated.GetProperty("stop_loss").GetDecimal(), Is.EqualTo(newStop));
        var working = await _h.Broker.GetOrdersAsync(true, CancellationToken.None);
        var legs = working.Single(o => o.Symbol == symbol).Legs;
        Assert.That(legs.Single(l => l.Type == OrderType.Stop).StopPrice, Is.EqualTo(newStop));
        Assert.That(legs, Has.Count.EqualTo(2), "replaced, not duplicated");

        var (bad, error) = await _h.SendAsync(HttpMethod.Patch, $"/api/v1/positions/{symbol.Value}", new { stop_loss = Math.Round(last * 1.5m, 2) });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo("stop_loss"));

        var entry = (await _h.Broker.GetOrderAsync(brokerId, CancellationToken.None))!.FilledAveragePrice!.Value;
        if (entry < last)
        {
            var (ok, breakeven) = await _h.SendAsync(HttpMethod.Patch, $"/api/v1/positions/{symbol.Value}", new { move_stop_to_breakeven = true });
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), breakeven.ToString());
            Assert.That(breakeven.GetProperty("stop_loss").GetDecimal(), Is.EqualTo(Math.Round(entry, 2)));
        }

        var (trail, trailing) = await _h.SendAsync(HttpMethod.Patch, $"/api/v1/positions/{symbol.Value}", new { trailing_stop_pct = 2.5 });
        Assert.That(trail.StatusCode, Is.EqualTo(HttpStatusCode.OK), trailing.ToString());
        Assert.That(trailing.GetProperty("take_profit").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var exits = (await _h.Broker.GetOrdersAsync(true, CancellationToken.None)).Where(o => o.Symbol == symbol).ToList();
        Assert.That(exits.Single().Type, Is.EqualTo(OrderType.TrailingStop));
        Assert.That(exits.Single().TrailPercent, Is.EqualTo(2.5m));
    }

    [Test, Order(6)]
    public async Task Cancelling_a_working_limit_order_and_then_cancelling_it_again()
    {
        var (symbol, price) = _symbols[6];
        var (_, placed) = await _h.PostAsync("/api/v1/orders", new { symbol = symbol.Value, side = "buy", quantity = 5, order_type = "limit",
            limit_price = Math.Round(price * 0.5m, 2) });
        var id = placed.GetProperty("order_id").GetGuid();
        var (response, cancelled) = await _h.SendAsync(HttpMethod.Delete, $"/api/v1/orders/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), cancelled.ToString());
        Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        var (again, conflict) = await _h.SendAsync(HttpMethod.Delete, $"/api/v1/orders/{id}");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), conflict.ToString());

        await _h.PostAsync("/api/v1/orders", new { symbol = symbol.Value, side = "buy", quantity = 5, order_type = "limit", limit_price = Math.Round(price * 0.5m, 2) });
        var (all, count) = await _h.SendAsync(HttpMethod.Delete, "/api/v1/orders?reason=test");
        Assert.That(all.StatusCode, Is.EqualTo(HttpStatusCode.OK), count.ToString());
        Assert.That(count.GetProperty("cancelled").GetInt32(), Is.GreaterThanOrEqualTo(1));
        Assert.That(await _h.Broker.GetOrdersAsync(true, CancellationToken.None), Is.Empty);
    }

    [Test, Order(7)]
    public async Task A_trade_update_delivered_twice_changes_nothing()
    {
        var (symbol, _) = _symbols[7];
        var (_, placed) = await _h.PostAsync("/api/v1/orders", new { symbol = symbol.Value, side = "buy", quantity = 10 });
        await _h.Session.StepAsync();
        var order = (await _h.Broker.GetOrderAsync(placed.GetProperty("alpaca_order_id").GetString()!, CancellationToken.None))!;
        var update = new TradeUpdate(TradeUpdateEvent.Fill, order, order.FilledAt!.Value, order.FilledAveragePrice, 10m, 10m, "dup-exec-1");
        await using (var scope = _h.App.Services.CreateAsyncScope())
        {
            var book = scope.ServiceProvider.GetRequiredService<Book.TradingBook>();
            await book.SyncAsync(order, update, "test", "stream", CancellationToken.None);
            await book.SyncAsync(order, update, "test", "stream", CancellationToken.None);
            await book.SyncAsync(order, null, "test", "reconcile", CancellationToken.None);
        }
        var position = await _h.OpenPositionAsync(symbol);
        Assert.That(position.GetProperty("quantity").GetDecimal(), Is.EqualTo(10m));
        await using var check = _h.App.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<TradingDbContext>();
        Assert.That(await db.Fills.CountAsync(f => f.OrderId == placed.GetProperty("order_id").GetGuid()), Is.EqualTo(1));
    }

    [Test, Order(8)]
    public async Task Selling_part_of_a_bracketed_position_keeps_its_stop_on_the_shares_that_stay()
    {
        var (symbol, _) = _symbols[8];
        var price = await _h.PriceAsync(symbol);
        var stop = Math.Round(price * 0.9m, 2);
        var (response, placed) = await _h.PostAsync("/api/v1/orders", new
        {
            symbol = symbol.Value, side = "buy", quantity = 60, stop_loss = stop, take_profit = Math.Round(price * 1.2m, 2),
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), placed.ToString());
        await _h.Session.StepAsync();
        await _h.OpenPositionAsync(symbol);

        var (sellResponse, sold) = await _h.PostAsync("/api/v1/orders", new { symbol = symbol.Value, side = "sell", quantity = 20 });
        Assert.That(sellResponse.StatusCode, Is.EqualTo(HttpStatusCode.Created), sold.ToString());
        await _h.Session.StepAsync();

        var position = await _h.OpenPositionAsync(symbol);
        var stops = (await _h.Broker.GetOrdersAsync(true, CancellationToken.None))
            .Where(o => o.Symbol == symbol && o.Type == OrderType.Stop).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(position.GetProperty("quantity").GetDecimal(), Is.EqualTo(40m));
            Assert.That(stops, Has.Count.EqualTo(1), "one protective stop works for the rest");
            Assert.That(stops.Single().Quantity, Is.EqualTo(40m));
            Assert.That(stops.Single().StopPrice, Is.EqualTo(stop), "the bracket's stop price, kept");
            Assert.That(stops.Single().Side, Is.EqualTo(OrderSide.Sell));
        });
    }
}
