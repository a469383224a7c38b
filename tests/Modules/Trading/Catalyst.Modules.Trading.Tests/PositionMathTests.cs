using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Trading.Tests;

public sealed class PositionMathTests
{
    private static PositionRow Open(string side, decimal quantity, decimal price) => new()
    {
        Side = side, Status = "open", Quantity = quantity, CostBasis = quantity * price, EntryQuantity = quantity,
        EntryNotional = quantity * price,
    };

    [Test]
    public void Adding_averages_the_entry_and_a_full_close_realizes_exit_minus_entry_exactly()
    {
        var p = Open("long", 100, 10.01m);
        PositionMath.Apply(p, OrderSide.Buy, 200, 10.02m);
        Assert.That(PositionMath.EntryPrice(p), Is.EqualTo(3005m / 300m));
        var first = PositionMath.Apply(p, OrderSide.Sell, 100, 10.50m);
        var second = PositionMath.Apply(p, OrderSide.Sell, 200, 9.99m);
        // Σ exits − Σ entries: 1050 + 1998 − (1001 + 2004) = 43.00, whatever the order of the partial closes.
        Assert.That(first.RealizedPnl + second.RealizedPnl, Is.EqualTo(43.00m));
        Assert.That(p.RealizedPnl, Is.EqualTo(43.00m));
        Assert.That(second.Closed, Is.True);
        Assert.That(p.Quantity, Is.Zero);
        Assert.That(p.CostBasis, Is.Zero);
        Assert.That(PositionMath.ExitPrice(p), Is.EqualTo(3048m / 300m));
    }

    [Test]
    public void Thirds_of_a_position_realize_to_the_cent_without_drift()
    {
        var p = Open("long", 1, 10.00m);
        PositionMath.Apply(p, OrderSide.Buy, 1, 10.01m);
        PositionMath.Apply(p, OrderSide.Buy, 1, 10.03m);
        var pnl = 0m;
        for (var i = 0; i < 3; i++) pnl += PositionMath.Apply(p, OrderSide.Sell, 1, 11m).RealizedPnl;
        Assert.That(pnl, Is.EqualTo(33m - 30.04m));
    }

    [Test]
    public void A_short_gains_when_the_price_falls()
    {
        var p = Open("short", 50, 243.00m);
        Assert.That(PositionMath.Unrealized(p, 241.50m), Is.EqualTo(75.00m));
        var effect = PositionMath.Apply(p, OrderSide.Buy, 50, 241.50m);
        Assert.That(effect.RealizedPnl, Is.EqualTo(75.00m));
        Assert.That(effect.Closed, Is.True);
    }

    [Test]
    public void The_seed_example_loses_75_dollars_or_0_62_percent()
    {
        var p = Open("long", 50, 243.00m);
        Assert.That(PositionMath.Unrealized(p, 241.50m), Is.EqualTo(-75.00m));
        Assert.That(PositionMath.Percent(-75.00m, p.CostBasis), Is.EqualTo(-0.62m));
    }

    [Test]
    public void A_fill_larger_than_the_position_closes_it_and_returns_the_rest()
    {
        var p = Open("long", 10, 5m);
        var effect = PositionMath.Apply(p, OrderSide.Sell, 15, 6m);
        Assert.That(effect.Closed, Is.True);
        Assert.That(effect.Remainder, Is.EqualTo(5m));
        Assert.That(effect.RealizedPnl, Is.EqualTo(10m));
    }

    [TestCase(0, "0m")]
    [TestCase(45, "45m")]
    [TestCase(150, "2h 30m")]
    [TestCase(1500, "1d 1h")]
    public void Time_in_position_reads_like_the_seed(int minutes, string expected) =>
        Assert.That(PositionMath.Duration(TimeSpan.FromMinutes(minutes)), Is.EqualTo(expected));

    [TestCase("Manual close", "manual")]
    [TestCase("Manual stop", "manual")]
    [TestCase("EOD flatten", "eod")]
    [TestCase("End of day", "eod")]
    [TestCase("Emergency stop: broker outage", "emergency")]
    [TestCase("daily loss limit reached", "risk_limit")]
    [TestCase("stop_loss", "stop_loss")]
    [TestCase("hit the target", "take_profit")]
    [TestCase("", "manual")]
    public void Close_reasons_are_classified_for_the_journal(string reason, string expected) =>
        Assert.That(ExitReasons.Classify(reason), Is.EqualTo(expected));

    [Test]
    public void Contract_validation_names_each_bad_field()
    {
        var problems = new PlaceOrder("AAPL", OrderSide.Buy, 10, OrderType.StopLimit).Validate().Select(p => p.Field).ToList();
        Assert.That(problems, Is.EquivalentTo(new[] { "limit_price", "stop_price" }));
        Assert.That(new PlaceOrder("AAPL", OrderSide.Buy, 10, OrderType.TrailingStop).Validate().Select(p => p.Field), Does.Contain("order_type"));
        Assert.That(new PlaceOrder("AAPL", OrderSide.Buy, 10, OrderType.Limit, LimitPrice: 10, StopLoss: 9, TakeProfit: 12).Validate(), Is.Empty);
        Assert.That(new UpdatePosition("AAPL", TrailingStopPct: 2, StopLoss: 9).Validate().Select(p => p.Field), Does.Contain("trailing_stop_pct"));
        Assert.That(new ClosePosition("AAPL", new string('x', 600)).Validate().Select(p => p.Field), Is.EqualTo(new[] { "reason" }));
    }
}
