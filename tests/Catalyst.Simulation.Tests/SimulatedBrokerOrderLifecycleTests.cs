using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using static Catalyst.Simulation.Tests.BrokerTestHarness;

namespace Catalyst.Simulation.Tests;

/// <summary>Validation and refusals as Alpaca words them, replace, cancel, close, and the trade-update stream.</summary>
[TestFixture]
public sealed class SimulatedBrokerOrderLifecycleTests
{
    private static CancellationToken None => CancellationToken.None;

    [Test]
    public async Task An_order_beyond_buying_power_is_refused_like_alpacas_403()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);

        // 1000 × 100.05 (latest price plus slippage) = 100050 > 100000
        var refused = Assert.ThrowsAsync<ForbiddenException>(() => h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1_000, "big")));
        Assert.That(refused!.Code, Is.EqualTo("INSUFFICIENT_BUYING_POWER"));
        Assert.That(refused.Message, Is.EqualTo("insufficient buying power"));
        Assert.That(refused.StatusCode, Is.EqualTo(403));
        Assert.That(refused.Details["buying_power"], Is.EqualTo(100_000m));
        Assert.That(refused.Details["cost_basis"], Is.EqualTo(100_050m));
        Assert.That(await h.Broker.GetOrdersAsync(openOnly: false, None), Is.Empty);
    }

    [Test]
    public async Task Open_buy_orders_reserve_buying_power()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 600, OrderType.Limit, TimeInForce.Day, "a", LimitPrice: 99m));

        Assert.That((await h.Broker.GetAccountAsync(None)).BuyingPower, Is.EqualTo(100_000m - 59_400m));
        Assert.ThrowsAsync<ForbiddenException>(() =>
            h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 500, OrderType.Limit, TimeInForce.Day, "b", LimitPrice: 99m)));
    }

    [Test]
    public async Task Selling_more_than_the_position_is_refused_as_insufficient_qty()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100m, 100m, 100m);
        await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 100, "b"));
        await h.RunUntilAsync(h.Et(9, 31));

        var refused = Assert.ThrowsAsync<ForbiddenException>(() => h.SubmitAsync(MarketOrder(Aapl, OrderSide.Sell, 150, "s")));
        Assert.That(refused!.Code, Is.EqualTo("INSUFFICIENT_QTY"));
        Assert.That(refused.Message, Is.EqualTo("insufficient qty available for order (requested: 150, available: 100)"));
    }

    [Test]
    public async Task A_duplicate_client_order_id_is_refused()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1, "same"));

        var refused = Assert.ThrowsAsync<ValidationException>(() => h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1, "same")));
        Assert.That(refused!.Field, Is.EqualTo("client_order_id"));
        Assert.That(refused.Message, Is.EqualTo("client_order_id must be unique"));
    }

    [Test]
    public async Task Orders_get_sequential_broker_ids_unique_to_the_broker_and_are_found_by_client_order_id()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        var first = await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1, "c-1"));
        var second = await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1, "c-2"));

        Assert.That(first.Id, Does.Match("^sim-[0-9a-f]{8}-ord-000001$"));
        Assert.That(second.Id, Is.EqualTo(first.Id[..^6] + "000002"));
        using var nextDay = new BrokerTestHarness();
        nextDay.Market.SetPrice(Aapl, 100m);
        var nextDayFirst = await nextDay.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1, "c-1"));
        Assert.That(nextDayFirst.Id, Is.Not.EqualTo(first.Id), "a new broker (the next simulated day) must not reuse ids");
        Assert.That((await h.Broker.GetOrderByClientIdAsync("c-2", None))!.Id, Is.EqualTo(second.Id));
        Assert.That(await h.Broker.GetOrderByClientIdAsync("nope", None), Is.Null);
    }

    private static readonly object[] InvalidOrders =
    [
        new object[] { new OrderRequest(Aapl, OrderSide.Buy, 0, OrderType.Market, TimeInForce.Day, "x"), "qty" },
        new object[] { new OrderRequest(Aapl, OrderSide.Buy, 1, OrderType.Limit, TimeInForce.Day, "x"), "limit_price" },
        new object[] { new OrderRequest(Aapl, OrderSide.Buy, 1, OrderType.Stop, TimeInForce.Day, "x"), "stop_price" },
        new object[] { new OrderRequest(Aapl, OrderSide.Buy, 1, OrderType.StopLimit, TimeInForce.Day, "x", LimitPrice: 101m), "stop_price" },
        new object[] { new OrderRequest(Aapl, OrderSide.Sell, 1, OrderType.TrailingStop, TimeInForce.Day, "x"), "trail_percent" },
        new object[] { new OrderRequest(Aapl, OrderSide.Buy, 1.5m, OrderType.Limit, TimeInForce.Day, "x", LimitPrice: 99m), "qty" },
        new object[] { new OrderRequest(Aapl, OrderSide.Buy, 1, OrderType.Market, TimeInForce.Day, "x",
            Bracket: new BracketLegs(99m, 95m)), "take_profit.limit_price" },
        new object[] { new OrderRequest(Aapl, OrderSide.Buy, 1, OrderType.Market, TimeInForce.Day, "x",
            Bracket: new BracketLegs(110m, 100.5m)), "stop_loss.stop_price" },
        new object[] { new OrderRequest(Aapl, OrderSide.Sell, 1, OrderType.Limit, TimeInForce.Day, "x", LimitPrice: 100m,
            Bracket: new BracketLegs(101m, 105m)), "take_profit.limit_price" },
        new object[] { new OrderRequest(Aapl, OrderSide.Buy, 1, OrderType.Market, TimeInForce.Ioc, "x",
            Bracket: new BracketLegs(110m, 95m)), "time_in_force" },
    ];

    [TestCaseSource(nameof(InvalidOrders))]
    public void Invalid_orders_are_refused_naming_the_field(OrderRequest request, string field)
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        var refused = Assert.ThrowsAsync<ValidationException>(() => h.SubmitAsync(request));
        Assert.That(refused!.Field, Is.EqualTo(field));
    }

    [Test]
    public void A_symbol_without_market_data_is_an_unknown_asset()
    {
        using var h = new BrokerTestHarness();
        var refused = Assert.ThrowsAsync<ValidationException>(() => h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1, "x")));
        Assert.That(refused!.Field, Is.EqualTo("symbol"));
        Assert.That(refused.Message, Does.StartWith("asset not found"));
    }

    [Test]
    public async Task Replace_gives_a_new_order_that_keeps_the_client_id_and_fills_at_the_new_price()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100.5m, 98.5m, 99m);
        var updates = h.Broker.StreamTradeUpdatesAsync(None).GetAsyncEnumerator();
        var order = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 10, OrderType.Limit, TimeInForce.Day, "r", LimitPrice: 95m));

        var replacement = await h.Broker.ReplaceOrderAsync(order.Id, new ReplaceOrderRequest(LimitPrice: 99m), None);
        Assert.That(replacement.Id, Is.Not.EqualTo(order.Id));
        Assert.That(replacement.LimitPrice, Is.EqualTo(99m));
        Assert.That((await h.Broker.GetOrderAsync(order.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.Replaced));
        Assert.That((await h.Broker.GetOrderByClientIdAsync("r", None))!.Id, Is.EqualTo(replacement.Id));

        await h.RunUntilAsync(h.Et(9, 31));
        Assert.That((await h.Broker.GetOrderAsync(replacement.Id, None))!.FilledAveragePrice, Is.EqualTo(99m));
        var events = await TakeAsync(updates, 4);
        Assert.That(events.Select(e => (e.Event, e.Order.Id)), Is.EqualTo(new[]
        {
            (TradeUpdateEvent.New, order.Id), (TradeUpdateEvent.Replaced, order.Id),
            (TradeUpdateEvent.New, replacement.Id), (TradeUpdateEvent.Fill, replacement.Id),
        }));
    }

    [Test]
    public async Task Moving_a_bracket_stop_replaces_the_leg_inside_the_bracket()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100.5m, 99.5m, 100m);
        h.Bar(Aapl, 9, 31, 99m, 99.5m, 97.5m, 98m);   // reaches the moved stop (98), not the first one (95)
        var parent = await h.SubmitAsync(SimulatedBrokerTests.Bracket(Aapl, 100, "br", 110m, 95m));
        await h.RunUntilAsync(h.Et(9, 31));

        var stop = (await h.Broker.GetOrderAsync(parent.Id, None))!.Legs.Single(l => l.Type == OrderType.Stop);
        var moved = await h.Broker.ReplaceOrderAsync(stop.Id, new ReplaceOrderRequest(StopPrice: 98m), None);
        await h.RunUntilAsync(h.Et(9, 32));

        var legs = (await h.Broker.GetOrderAsync(parent.Id, None))!.Legs;
        Assert.That(legs.Select(l => l.Id), Does.Contain(moved.Id));
        Assert.That(legs.Single(l => l.Id == moved.Id).Status, Is.EqualTo(BrokerOrderStatus.Filled));
        // 98 × 0.9995 = 97.951 → 97.95
        Assert.That(legs.Single(l => l.Id == moved.Id).FilledAveragePrice, Is.EqualTo(97.95m));
        Assert.That(legs.Single(l => l.Type == OrderType.Limit).Status, Is.EqualTo(BrokerOrderStatus.Canceled));
    }

    [Test]
    public async Task Cancel_all_reports_each_order_and_cancels_bracket_legs_with_their_entry()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        var limit = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 10, OrderType.Limit, TimeInForce.Day, "a", LimitPrice: 90m));
        var bracket = await h.SubmitAsync(SimulatedBrokerTests.Bracket(Aapl, 10, "b", 110m, 95m));

        var results = await h.Broker.CancelAllOrdersAsync(None);
        Assert.That(results.Select(r => (r.Id, r.Status)), Is.EqualTo(new[] { (limit.Id, 200), (bracket.Id, 200) }));
        Assert.That(results.Select(r => r.Order!.Status), Is.All.EqualTo(BrokerOrderStatus.Canceled));
        var legs = (await h.Broker.GetOrderAsync(bracket.Id, None))!.Legs;
        Assert.That(legs.Select(l => l.Status), Is.All.EqualTo(BrokerOrderStatus.Canceled));
        Assert.That(await h.Broker.GetOrdersAsync(openOnly: true, None), Is.Empty);
    }

    [Test]
    public async Task Cancelling_a_filled_order_or_an_unknown_id_fails()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100m, 100m, 100m);
        var order = await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1, "x"));
        await h.RunUntilAsync(h.Et(9, 31));

        Assert.ThrowsAsync<ValidationException>(() => h.Broker.CancelOrderAsync(order.Id, None));
        Assert.ThrowsAsync<NotFoundException>(() => h.Broker.CancelOrderAsync("sim-ord-999999", None));
    }

    [Test]
    public async Task Close_all_cancels_open_orders_first_then_closes_every_position_at_market()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Market.SetPrice(Tsla, 200m);
        h.Bar(Aapl, 9, 30, 100m, 100m, 100m, 100m);
        h.Bar(Tsla, 9, 30, 200m, 200m, 200m, 200m);
        h.Bar(Aapl, 9, 31, 101m, 101m, 101m, 101m);
        h.Bar(Tsla, 9, 31, 190m, 190m, 190m, 190m);
        var parent = await h.SubmitAsync(SimulatedBrokerTests.Bracket(Aapl, 100, "long", 110m, 95m));
        await h.SubmitAsync(MarketOrder(Tsla, OrderSide.Sell, 10, "short"));
        await h.RunUntilAsync(h.Et(9, 31));
        var pending = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 5, OrderType.Limit, TimeInForce.Day, "p", LimitPrice: 90m));

        var results = await h.Broker.CloseAllPositionsAsync(cancelOrders: true, None);
        Assert.That(results.Select(r => (r.Id, r.Status)), Is.EqualTo(new[] { ("AAPL", 200), ("TSLA", 200) }));
        Assert.That(results[0].Order!.Side, Is.EqualTo(OrderSide.Sell));
        Assert.That(results[0].Order!.Quantity, Is.EqualTo(100m));
        Assert.That(results[1].Order!.Side, Is.EqualTo(OrderSide.Buy));
        Assert.That(results[1].Order!.Quantity, Is.EqualTo(10m));
        Assert.That((await h.Broker.GetOrderAsync(pending.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.Canceled));
        Assert.That((await h.Broker.GetOrderAsync(parent.Id, None))!.Legs.Select(l => l.Status),
            Is.All.EqualTo(BrokerOrderStatus.Canceled));

        await h.RunUntilAsync(h.Et(9, 32));
        Assert.That(await h.Broker.GetPositionsAsync(None), Is.Empty);
        // AAPL: −10005 + 100 × 100.94 (101 × 0.9995 = 100.9495 → 100.94); TSLA: +1999 − 10 × 190.10
        Assert.That((await h.Broker.GetAccountAsync(None)).Cash, Is.EqualTo(100_000m - 10_005m + 10_094m + 1_999m - 1_901m));
    }

    [Test]
    public async Task Closing_a_position_that_does_not_exist_is_not_found()
    {
        using var h = new BrokerTestHarness();
        Assert.ThrowsAsync<NotFoundException>(() => h.Broker.ClosePositionAsync(Aapl, None));
        Assert.That(await h.Broker.CloseAllPositionsAsync(cancelOrders: false, None), Is.Empty);
    }

    [Test]
    public async Task Every_subscriber_sees_the_bracket_life_in_order_with_fill_details()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100.5m, 99.5m, 100m, volume: 5_000);     // 500 of 800 this minute
        h.Bar(Aapl, 9, 31, 100m, 100.5m, 99.5m, 100m, volume: 5_000);     // the other 300
        h.Bar(Aapl, 9, 32, 105m, 111m, 104m, 110.5m);
        var first = h.Broker.StreamTradeUpdatesAsync(None).GetAsyncEnumerator();
        var second = h.Broker.StreamTradeUpdatesAsync(None).GetAsyncEnumerator();

        var parent = await h.SubmitAsync(SimulatedBrokerTests.Bracket(Aapl, 800, "br", 110m, 95m));
        await h.RunUntilAsync(h.Et(9, 33));

        var expected = new[]
        {
            TradeUpdateEvent.New, TradeUpdateEvent.PartialFill, TradeUpdateEvent.Fill, TradeUpdateEvent.New,
            TradeUpdateEvent.New, TradeUpdateEvent.Fill, TradeUpdateEvent.Canceled,
        };
        var seen = await TakeAsync(first, expected.Length);
        Assert.That(seen.Select(e => e.Event), Is.EqualTo(expected));
        Assert.That((await TakeAsync(second, expected.Length)).Select(e => e.Event), Is.EqualTo(expected));

        Assert.That(seen[0].Order.Id, Is.EqualTo(parent.Id));
        Assert.That((seen[1].Price, seen[1].Quantity, seen[1].PositionQuantity), Is.EqualTo((100.05m, 500m, 500m)));
        Assert.That((seen[2].Price, seen[2].Quantity, seen[2].PositionQuantity), Is.EqualTo((100.05m, 300m, 800m)));
        Assert.That((seen[5].Price, seen[5].Quantity, seen[5].PositionQuantity), Is.EqualTo((110m, 800m, 0m)));
        Assert.That(seen[5].Order.Type, Is.EqualTo(OrderType.Limit));
        Assert.That(seen[6].Order.Type, Is.EqualTo(OrderType.Stop));
        var executions = seen.Where(e => e.ExecutionId is not null).Select(e => e.ExecutionId).ToList();
        Assert.That(executions, Has.Count.EqualTo(3).And.Unique);
    }

    [Test]
    public async Task The_clock_and_calendar_follow_the_nyse_calendar()
    {
        using var h = new BrokerTestHarness(start: new TimeOnly(9, 0));
        var clock = await h.Broker.GetClockAsync(None);
        Assert.That(clock.IsOpen, Is.False);
        Assert.That(clock.NextOpen, Is.EqualTo(h.Et(9, 30)));
        Assert.That(clock.NextClose, Is.EqualTo(h.Et(16, 0)));
        Assert.That(clock.Timestamp.Offset, Is.EqualTo(TimeSpan.FromHours(-4)));

        h.Clock.SetUtcNow(h.Et(10, 0));
        Assert.That((await h.Broker.GetClockAsync(None)).IsOpen, Is.True);

        // Good Friday 2025 (April 18) is a holiday.
        var days = await h.Broker.GetCalendarAsync(new DateOnly(2025, 4, 17), new DateOnly(2025, 4, 21), None);
        Assert.That(days.Select(d => d.Date), Is.EqualTo(new[] { new DateOnly(2025, 4, 17), new DateOnly(2025, 4, 21) }));
    }

    [Test]
    public void The_broker_beats_with_the_market_before_the_modules()
    {
        using var h = new BrokerTestHarness();
        Assert.That(h.Heartbeat.Count, Is.EqualTo(1));
        Assert.That(Broker.SimulatedBroker.HeartbeatOrder, Is.InRange(0, 99));
    }

    [Test]
    public async Task Ioc_fills_what_the_first_bar_allows_and_cancels_the_rest()
    {
        using var h = new BrokerTestHarness(startingCash: 1_000_000m);
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100m, 100m, 100m, volume: 2_000);   // 200 of 500
        var order = await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 500, "ioc", TimeInForce.Ioc));
        await h.RunUntilAsync(h.Et(9, 31));

        var done = await h.Broker.GetOrderAsync(order.Id, None);
        Assert.That(done!.Status, Is.EqualTo(BrokerOrderStatus.Canceled));
        Assert.That(done.FilledQuantity, Is.EqualTo(200m));
        Assert.That((await h.Broker.GetPositionAsync(Aapl, None))!.Quantity, Is.EqualTo(200m));
    }

    [Test]
    public async Task Orders_sent_while_minutes_are_processed_keep_the_book_consistent()
    {
        using var h = new BrokerTestHarness(startingCash: 10_000_000m);
        h.Market.SetPrice(Aapl, 100m);
        for (var m = 30; m <= 50; m++) h.Bar(Aapl, 9, m, 100m, 100m, 100m, 100m, volume: 100_000_000);

        var beats = Task.Run(() => h.RunUntilAsync(h.Et(9, 50)));
        var submits = Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1, $"c{i}")))).ToArray();
        var orders = await Task.WhenAll(submits);
        await beats;
        h.Clock.SetUtcNow(h.Et(9, 51));
        await h.Heartbeat.BeatAsync(h.Et(9, 51));

        Assert.That(orders.Select(o => o.Id), Is.Unique);
        var all = await h.Broker.GetOrdersAsync(openOnly: false, None);
        var filled = all.Where(o => o.Status == BrokerOrderStatus.Filled).Sum(o => o.FilledQuantity);
        var position = (await h.Broker.GetPositionAsync(Aapl, None))?.Quantity ?? 0m;
        Assert.That(filled, Is.EqualTo(200m));
        Assert.That(position, Is.EqualTo(filled));
        // Every filled share cost 100.05 (100 plus 5 bps).
        Assert.That((await h.Broker.GetAccountAsync(None)).Cash, Is.EqualTo(10_000_000m - filled * 100.05m));
    }

    private static async Task<List<TradeUpdate>> TakeAsync(IAsyncEnumerator<TradeUpdate> updates, int count)
    {
        var taken = new List<TradeUpdate>();
        for (var i = 0; i < count; i++)
        {
            var next = updates.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(5))) != next || !await next)
                Assert.Fail($"only {taken.Count} of {count} trade updates arrived: {string.Join(", ", taken.Select(t => t.Event))}");
            taken.Add(updates.Current);
        }
        return taken;
    }
}
