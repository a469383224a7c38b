using Catalyst.SharedKernel.Ports;
using static Catalyst.Simulation.Tests.BrokerTestHarness;

namespace Catalyst.Simulation.Tests;

/// <summary>The fill rule of each order type, and the cash and position arithmetic behind it (numbers worked by hand).</summary>
[TestFixture]
public sealed class SimulatedBrokerTests
{
    private static CancellationToken None => CancellationToken.None;

    [Test]
    public async Task Market_buy_fills_at_the_next_bar_open_plus_slippage_and_books_cash_to_the_cent()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, open: 100.00m, high: 101m, low: 99.50m, close: 100.50m);

        var order = await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 100, "m1"));
        Assert.That(order.Status, Is.EqualTo(BrokerOrderStatus.New));
        await h.RunUntilAsync(h.Et(9, 31));

        var filled = await h.Broker.GetOrderAsync(order.Id, None);
        // 100.00 × (1 + 5 bps) = 100.05
        Assert.That(filled!.Status, Is.EqualTo(BrokerOrderStatus.Filled));
        Assert.That(filled.FilledAveragePrice, Is.EqualTo(100.05m));
        Assert.That(filled.FilledAt, Is.EqualTo(h.Et(9, 31)));

        var position = await h.Broker.GetPositionAsync(Aapl, None);
        Assert.That(position!.Quantity, Is.EqualTo(100m));
        Assert.That(position.AverageEntryPrice, Is.EqualTo(100.05m));
        Assert.That(position.CostBasis, Is.EqualTo(10_005.00m));
        Assert.That(position.CurrentPrice, Is.EqualTo(100.50m));
        Assert.That(position.MarketValue, Is.EqualTo(10_050.00m));
        Assert.That(position.UnrealizedPnl, Is.EqualTo(45.00m));

        var account = await h.Broker.GetAccountAsync(None);
        Assert.That(account.Cash, Is.EqualTo(89_995.00m));
        Assert.That(account.Equity, Is.EqualTo(100_045.00m));
        Assert.That(account.BuyingPower, Is.EqualTo(89_995.00m));
        Assert.That(account.LastEquity, Is.EqualTo(100_000m));
    }

    [Test]
    public async Task An_order_sent_during_a_minute_waits_for_the_next_bar_not_the_one_under_way()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100.00m, 101m, 99.50m, 100.50m);
        h.Bar(Aapl, 9, 31, 101.00m, 101.50m, 100.80m, 101.20m);
        h.Clock.SetUtcNow(h.Et(9, 30, 30));

        var order = await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 10, "late"));
        await h.RunUntilAsync(h.Et(9, 31));
        Assert.That((await h.Broker.GetOrderAsync(order.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.New));

        await h.RunUntilAsync(h.Et(9, 32));
        // 101.00 × 1.0005 = 101.0505, rounded up to the cent against the buyer
        Assert.That((await h.Broker.GetOrderAsync(order.Id, None))!.FilledAveragePrice, Is.EqualTo(101.06m));
    }

    [Test]
    public async Task Limit_orders_fill_at_the_limit_on_a_touch_at_the_open_on_a_favourable_gap_and_not_at_all_when_missed()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Market.SetPrice(Tsla, 200m);
        h.Bar(Aapl, 9, 30, open: 100m, high: 100.5m, low: 98.90m, close: 99.5m);   // touches 99
        h.Bar(Tsla, 9, 30, open: 195m, high: 196m, low: 194m, close: 195.5m);       // opens below 198

        var touch = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 10, OrderType.Limit, TimeInForce.Gtc, "l1", LimitPrice: 99m));
        var gap = await h.SubmitAsync(new OrderRequest(Tsla, OrderSide.Buy, 10, OrderType.Limit, TimeInForce.Gtc, "l2", LimitPrice: 198m));
        var missed = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 10, OrderType.Limit, TimeInForce.Gtc, "l3", LimitPrice: 98.89m));
        await h.RunUntilAsync(h.Et(9, 31));

        Assert.That((await h.Broker.GetOrderAsync(touch.Id, None))!.FilledAveragePrice, Is.EqualTo(99m));
        Assert.That((await h.Broker.GetOrderAsync(gap.Id, None))!.FilledAveragePrice, Is.EqualTo(195m));
        var open = await h.Broker.GetOrderAsync(missed.Id, None);
        Assert.That(open!.Status, Is.EqualTo(BrokerOrderStatus.New));
        Assert.That(open.FilledQuantity, Is.Zero);
        // 100000 − 990 − 1950
        Assert.That((await h.Broker.GetAccountAsync(None)).Cash, Is.EqualTo(97_060m));
    }

    [Test]
    public async Task Sell_limit_touched_realises_the_gain_in_cash()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100.00m, 101m, 99.50m, 100.50m);
        h.Bar(Aapl, 9, 31, 101.00m, 102.50m, 100.90m, 102.20m);
        await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 100, "buy"));
        await h.RunUntilAsync(h.Et(9, 31));

        await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Sell, 100, OrderType.Limit, TimeInForce.Day, "sell", LimitPrice: 102m));
        await h.RunUntilAsync(h.Et(9, 32));

        // 100000 − 100 × 100.05 + 100 × 102 = 100195
        var account = await h.Broker.GetAccountAsync(None);
        Assert.That(account.Cash, Is.EqualTo(100_195.00m));
        Assert.That(account.Equity, Is.EqualTo(100_195.00m));
        Assert.That(await h.Broker.GetPositionsAsync(None), Is.Empty);
    }

    [Test]
    public async Task Sell_stop_fills_at_the_stop_when_crossed_and_at_the_open_when_the_bar_gaps_through()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Market.SetPrice(Tsla, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100.2m, 99.8m, 100m);
        h.Bar(Tsla, 9, 30, 100m, 100.2m, 99.8m, 100m);
        await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 10, "b1"));
        await h.SubmitAsync(MarketOrder(Tsla, OrderSide.Buy, 10, "b2"));
        await h.RunUntilAsync(h.Et(9, 31));

        var crossed = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Sell, 10, OrderType.Stop, TimeInForce.Gtc, "s1", StopPrice: 95m));
        var gapped = await h.SubmitAsync(new OrderRequest(Tsla, OrderSide.Sell, 10, OrderType.Stop, TimeInForce.Gtc, "s2", StopPrice: 95m));
        h.Bar(Aapl, 9, 31, 99m, 99m, 98m, 98.5m);            // above the stop: nothing
        h.Bar(Tsla, 9, 31, 99m, 99m, 98m, 98.5m);
        h.Bar(Aapl, 9, 32, 96m, 96.5m, 94.8m, 95.5m);        // crosses 95
        h.Bar(Tsla, 9, 32, 93m, 93.5m, 92m, 92.5m);          // opens below 95
        await h.RunUntilAsync(h.Et(9, 32));
        Assert.That((await h.Broker.GetOrderAsync(crossed.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.New));

        await h.RunUntilAsync(h.Et(9, 33));
        // 95 × 0.9995 = 94.9525 → 94.95; 93 × 0.9995 = 92.9535 → 92.95 (rounded down against the seller)
        Assert.That((await h.Broker.GetOrderAsync(crossed.Id, None))!.FilledAveragePrice, Is.EqualTo(94.95m));
        Assert.That((await h.Broker.GetOrderAsync(gapped.Id, None))!.FilledAveragePrice, Is.EqualTo(92.95m));
    }

    [Test]
    public async Task Buy_stop_limit_triggers_on_the_cross_and_rests_as_a_limit_when_it_gaps_past_the_limit()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        var order = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 10, OrderType.StopLimit, TimeInForce.Day, "sl",
            LimitPrice: 102m, StopPrice: 101m));
        h.Bar(Aapl, 9, 30, 103m, 104m, 102.5m, 103.5m);      // gaps over stop and limit, never back to 102
        h.Bar(Aapl, 9, 31, 102.6m, 102.8m, 101.9m, 102.1m);  // comes back to the limit
        await h.RunUntilAsync(h.Et(9, 31));
        Assert.That((await h.Broker.GetOrderAsync(order.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.New));

        await h.RunUntilAsync(h.Et(9, 32));
        Assert.That((await h.Broker.GetOrderAsync(order.Id, None))!.FilledAveragePrice, Is.EqualTo(102m));
    }

    [Test]
    public async Task Trailing_stop_follows_the_high_water_mark_and_triggers_at_hwm_less_the_trail()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100m, 100m, 100m);
        await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 10, "b"));
        await h.RunUntilAsync(h.Et(9, 31));

        var trail = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Sell, 10, OrderType.TrailingStop, TimeInForce.Gtc, "t",
            TrailPercent: 5m));
        Assert.That(trail.StopPrice, Is.EqualTo(95m));
        Assert.That(trail.HighWaterMark, Is.EqualTo(100m));

        h.Bar(Aapl, 9, 31, 101m, 110m, 99m, 109m);   // low 99 stays above 95; new high 110 → stop 104.50
        h.Bar(Aapl, 9, 32, 106m, 106.5m, 104m, 104.2m);
        await h.RunUntilAsync(h.Et(9, 32));
        var moved = await h.Broker.GetOrderAsync(trail.Id, None);
        Assert.That(moved!.Status, Is.EqualTo(BrokerOrderStatus.New));
        Assert.That(moved.HighWaterMark, Is.EqualTo(110m));
        Assert.That(moved.StopPrice, Is.EqualTo(104.50m));

        await h.RunUntilAsync(h.Et(9, 33));
        // 104.50 × 0.9995 = 104.44775 → 104.44
        Assert.That((await h.Broker.GetOrderAsync(trail.Id, None))!.FilledAveragePrice, Is.EqualTo(104.44m));
        // 100000 − 10 × 100.05 + 10 × 104.44 = 100043.90
        Assert.That((await h.Broker.GetAccountAsync(None)).Cash, Is.EqualTo(100_043.90m));
    }

    [Test]
    public async Task Bracket_take_profit_fill_cancels_the_stop_loss()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100.5m, 99.5m, 100m);
        h.Bar(Aapl, 9, 31, 105m, 111m, 104m, 110.5m);
        var parent = await h.SubmitAsync(Bracket(Aapl, 100, "br", takeProfit: 110m, stopLoss: 95m));
        Assert.That(parent.Legs.Select(l => l.Status), Is.All.EqualTo(BrokerOrderStatus.Held));

        await h.RunUntilAsync(h.Et(9, 31));
        var afterEntry = await h.Broker.GetOrderAsync(parent.Id, None);
        Assert.That(afterEntry!.Status, Is.EqualTo(BrokerOrderStatus.Filled));
        Assert.That(afterEntry.Legs.Select(l => l.Status), Is.All.EqualTo(BrokerOrderStatus.New));

        await h.RunUntilAsync(h.Et(9, 32));
        var legs = (await h.Broker.GetOrderAsync(parent.Id, None))!.Legs;
        var takeProfit = legs.Single(l => l.Type == OrderType.Limit);
        var stopLoss = legs.Single(l => l.Type == OrderType.Stop);
        Assert.That(takeProfit.Status, Is.EqualTo(BrokerOrderStatus.Filled));
        Assert.That(takeProfit.FilledAveragePrice, Is.EqualTo(110m));
        Assert.That(stopLoss.Status, Is.EqualTo(BrokerOrderStatus.Canceled));
        // 100000 − 100 × 100.05 + 100 × 110 = 100995
        Assert.That((await h.Broker.GetAccountAsync(None)).Cash, Is.EqualTo(100_995m));
        Assert.That(await h.Broker.GetOrdersAsync(openOnly: true, None), Is.Empty);
    }

    [Test]
    public async Task Bracket_stop_loss_fill_cancels_the_take_profit_and_a_bar_reaching_both_is_taken_as_the_stop()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100.5m, 99.5m, 100m);
        h.Bar(Aapl, 9, 31, 100m, 111m, 94m, 100m);    // reaches 110 and 95: which came first is unknowable
        var parent = await h.SubmitAsync(Bracket(Aapl, 100, "br", takeProfit: 110m, stopLoss: 95m));
        await h.RunUntilAsync(h.Et(9, 32));

        var legs = (await h.Broker.GetOrderAsync(parent.Id, None))!.Legs;
        Assert.That(legs.Single(l => l.Type == OrderType.Stop).Status, Is.EqualTo(BrokerOrderStatus.Filled));
        Assert.That(legs.Single(l => l.Type == OrderType.Stop).FilledAveragePrice, Is.EqualTo(94.95m));
        Assert.That(legs.Single(l => l.Type == OrderType.Limit).Status, Is.EqualTo(BrokerOrderStatus.Canceled));
        // 100000 − 10005 + 9495 = 99490
        Assert.That((await h.Broker.GetAccountAsync(None)).Cash, Is.EqualTo(99_490m));
    }

    [Test]
    public async Task Bracket_take_profit_gapped_through_at_the_open_wins_over_the_stop()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100.5m, 99.5m, 100m);
        h.Bar(Aapl, 9, 31, 112m, 113m, 94m, 95m);
        var parent = await h.SubmitAsync(Bracket(Aapl, 100, "br", takeProfit: 110m, stopLoss: 95m));
        await h.RunUntilAsync(h.Et(9, 32));

        var legs = (await h.Broker.GetOrderAsync(parent.Id, None))!.Legs;
        Assert.That(legs.Single(l => l.Type == OrderType.Limit).FilledAveragePrice, Is.EqualTo(112m));
        Assert.That(legs.Single(l => l.Type == OrderType.Stop).Status, Is.EqualTo(BrokerOrderStatus.Canceled));
    }

    [Test]
    public async Task Day_orders_expire_at_the_close_and_gtc_orders_stay()
    {
        using var h = new BrokerTestHarness(start: new TimeOnly(15, 57));
        h.Market.SetPrice(Aapl, 100m);
        var day = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 10, OrderType.Limit, TimeInForce.Day, "d", LimitPrice: 90m));
        var gtc = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 10, OrderType.Limit, TimeInForce.Gtc, "g", LimitPrice: 90m));
        for (var m = 57; m < 60; m++) h.Bar(Aapl, 15, m, 100m, 100m, 99m, 100m);

        await h.RunUntilAsync(h.Et(15, 59));
        Assert.That((await h.Broker.GetOrderAsync(day.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.New));
        await h.RunUntilAsync(h.Et(16, 0));
        Assert.That((await h.Broker.GetOrderAsync(day.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.Expired));
        Assert.That((await h.Broker.GetOrderAsync(gtc.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.New));
    }

    [Test]
    public async Task Day_orders_expire_at_one_on_an_early_close()
    {
        // The day after Thanksgiving 2025 closes at 13:00.
        using var h = new BrokerTestHarness(day: new DateOnly(2025, 11, 28), start: new TimeOnly(12, 58));
        h.Market.SetPrice(Aapl, 100m);
        var day = await h.SubmitAsync(new OrderRequest(Aapl, OrderSide.Buy, 10, OrderType.Limit, TimeInForce.Day, "d", LimitPrice: 90m));

        await h.RunUntilAsync(h.Et(12, 59));
        Assert.That((await h.Broker.GetOrderAsync(day.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.New));
        await h.RunUntilAsync(h.Et(13, 0));
        Assert.That((await h.Broker.GetOrderAsync(day.Id, None))!.Status, Is.EqualTo(BrokerOrderStatus.Expired));
    }

    [Test]
    public async Task An_order_larger_than_a_tenth_of_the_bar_volume_fills_partially_and_finishes_next_minute()
    {
        using var h = new BrokerTestHarness(startingCash: 1_000_000m);
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 9, 30, 100m, 100.5m, 99.5m, 100m, volume: 10_000);
        h.Bar(Aapl, 9, 31, 101m, 101.5m, 100.5m, 101m, volume: 10_000);
        var order = await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 1_500, "big"));

        await h.RunUntilAsync(h.Et(9, 31));
        var partial = await h.Broker.GetOrderAsync(order.Id, None);
        Assert.That(partial!.Status, Is.EqualTo(BrokerOrderStatus.PartiallyFilled));
        Assert.That(partial.FilledQuantity, Is.EqualTo(1_000m));
        Assert.That(partial.FilledAveragePrice, Is.EqualTo(100.05m));

        await h.RunUntilAsync(h.Et(9, 32));
        var done = await h.Broker.GetOrderAsync(order.Id, None);
        Assert.That(done!.Status, Is.EqualTo(BrokerOrderStatus.Filled));
        // (1000 × 100.05 + 500 × 101.06) / 1500 = 150580 / 1500
        Assert.That(done.FilledAveragePrice, Is.EqualTo(150_580m / 1_500m));
        var position = await h.Broker.GetPositionAsync(Aapl, None);
        Assert.That(position!.CostBasis, Is.EqualTo(150_580m));
        Assert.That((await h.Broker.GetAccountAsync(None)).Cash, Is.EqualTo(849_420m));
    }

    [Test]
    public async Task Short_sale_and_cover_book_cash_to_the_cent()
    {
        using var h = new BrokerTestHarness();
        h.Market.SetPrice(Tsla, 200m);
        h.Bar(Tsla, 9, 30, 200m, 201m, 199m, 200m);
        h.Bar(Tsla, 9, 31, 190m, 191m, 189m, 190m);
        await h.SubmitAsync(MarketOrder(Tsla, OrderSide.Sell, 10, "short"));
        await h.RunUntilAsync(h.Et(9, 31));

        // 200 × 0.9995 = 199.90
        var position = await h.Broker.GetPositionAsync(Tsla, None);
        Assert.That(position!.Quantity, Is.EqualTo(-10m));
        Assert.That(position.AverageEntryPrice, Is.EqualTo(199.90m));
        Assert.That(position.MarketValue, Is.EqualTo(-2_000m));
        Assert.That(position.UnrealizedPnl, Is.EqualTo(-1m));
        var account = await h.Broker.GetAccountAsync(None);
        Assert.That(account.Cash, Is.EqualTo(101_999m));
        Assert.That(account.Equity, Is.EqualTo(99_999m));
        // 1× equity less the gross short exposure
        Assert.That(account.BuyingPower, Is.EqualTo(97_999m));

        await h.Broker.ClosePositionAsync(Tsla, None);
        await h.RunUntilAsync(h.Et(9, 32));
        // 190 × 1.0005 = 190.095 → 190.10; 101999 − 1901 = 100098
        Assert.That((await h.Broker.GetAccountAsync(None)).Cash, Is.EqualTo(100_098m));
        Assert.That(await h.Broker.GetPositionAsync(Tsla, None), Is.Null);
    }

    [Test]
    public async Task Last_equity_is_the_equity_at_the_start_of_the_day()
    {
        using var h = new BrokerTestHarness(start: new TimeOnly(15, 58));
        h.Market.SetPrice(Aapl, 100m);
        h.Bar(Aapl, 15, 58, 100m, 100m, 100m, 100m);
        h.Bar(Aapl, 15, 59, 102m, 102m, 102m, 102m);
        await h.SubmitAsync(MarketOrder(Aapl, OrderSide.Buy, 10, "b"));
        await h.RunUntilAsync(h.Et(16, 0));
        Assert.That((await h.Broker.GetAccountAsync(None)).LastEquity, Is.EqualTo(100_000m));

        var nextOpen = h.Et(9, 31).AddDays(1);
        h.Clock.SetUtcNow(nextOpen.AddMinutes(-1));
        await h.RunUntilAsync(nextOpen);
        // 100000 − 1000.50 + 10 × 102
        Assert.That((await h.Broker.GetAccountAsync(None)).LastEquity, Is.EqualTo(100_019.50m));
    }

    internal static OrderRequest Bracket(SharedKernel.Domain.Symbol symbol, decimal qty, string clientId, decimal takeProfit,
        decimal stopLoss) =>
        new(symbol, OrderSide.Buy, qty, OrderType.Market, TimeInForce.Day, clientId, Bracket: new BracketLegs(takeProfit, stopLoss));
}
