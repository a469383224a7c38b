using Catalyst.Modules.Risk.Domain;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Risk.Tests;

/// <summary>The sizing and stop arithmetic, against numbers worked out by hand in the comments.</summary>
public sealed class PositionSizingTests
{
    private static SizingInput Input(decimal price, decimal stop, JournalStats? journal = null, decimal riskBudget = 2_000m,
        decimal maxPositionValue = 20_000m) =>
        new(price, stop, Capital: 100_000m, RiskPerTradePct: 1m, MaxPositionValue: maxPositionValue, RiskBudget: riskBudget,
            Journal: journal ?? JournalStats.Empty, KellyFraction: 0.25m, KellyMinTrades: 30);

    [Test]
    public void Fixed_fractional_risks_one_percent_of_capital()
    {
        // 1% of 100,000 = 1,000 at risk; 20.00 - 15.00 = 5.00 a share -> 200 shares, 4,000 of stock (under 20,000).
        var result = PositionSizing.Size(Input(20m, 15m));
        Assert.Multiple(() =>
        {
            Assert.That(result.Method, Is.EqualTo("fixed_fractional"));
            Assert.That(result.Shares, Is.EqualTo(200m));
            Assert.That(result.RiskAmount, Is.EqualTo(1_000m));
            Assert.That(result.TargetRisk, Is.EqualTo(1_000m));
            Assert.That(result.CappedBy, Is.Null);
        });
    }

    [Test]
    public void Fixed_fractional_is_capped_by_the_position_value_limit()
    {
        // Seed example: 242.50 entry, 238.00 stop -> 4.50 a share; 1,000 / 4.50 = 222.2 -> 222 shares = 53,835 of stock.
        // 20% of 100,000 = 20,000 / 242.50 = 82.47 -> 82 shares, risking 82 x 4.50 = 369.00.
        var result = PositionSizing.Size(Input(242.50m, 238m));
        Assert.Multiple(() =>
        {
            Assert.That(result.Shares, Is.EqualTo(82m));
            Assert.That(result.RiskAmount, Is.EqualTo(369.00m));
            Assert.That(result.CappedBy, Is.EqualTo("max_position_pct"));
        });
    }

    [Test]
    public void What_is_left_of_the_daily_loss_budget_caps_the_risk()
    {
        // 1,000 wanted at 5.00 a share = 200 shares, but only 300 of the day's budget is left: 300 / 5 = 60 shares.
        var result = PositionSizing.Size(Input(20m, 15m, riskBudget: 300m));
        Assert.That(result.Shares, Is.EqualTo(60m));
        Assert.That(result.RiskAmount, Is.EqualTo(300m));
        Assert.That(result.CappedBy, Is.EqualTo("daily_loss_budget"));
    }

    [Test]
    public void Full_kelly_from_win_rate_and_payoff()
    {
        // 24 wins averaging 300, 16 losses averaging 200: p = 0.6, b = 1.5, f* = 0.6 - 0.4 / 1.5 = 0.3333...
        var journal = new JournalStats(40, 24, 16, 300m, 200m);
        Assert.That(PositionSizing.FullKelly(journal)!.Value, Is.EqualTo(1m / 3m).Within(1e-20m));
    }

    [Test]
    public void Fractional_kelly_sizes_once_the_journal_has_enough_trades()
    {
        // 32 trades (incl. 2 scratches): 18 wins avg 150, 12 losses avg 150 -> p = 0.6, b = 1, f* = 0.6 - 0.4 = 0.2.
        // Quarter Kelly: 0.25 x 0.2 = 0.05 of 100,000 = 5,000 at risk = 5,000 shares at 1.00 a share; the value limit
        // allows 20,000 / 10.00 = 2,000 and what is left of the day's budget (1,500) only 1,500 shares.
        var journal = new JournalStats(32, 18, 12, 150m, 150m);
        var result = PositionSizing.Size(Input(10m, 9m, journal, riskBudget: 1_500m));
        Assert.Multiple(() =>
        {
            Assert.That(result.Method, Is.EqualTo("kelly"));
            Assert.That(result.FullKelly, Is.EqualTo(0.2m));
            Assert.That(result.TargetRisk, Is.EqualTo(5_000m));
            Assert.That(result.Shares, Is.EqualTo(1_500m));
            Assert.That(result.RiskAmount, Is.EqualTo(1_500m));
            Assert.That(result.CappedBy, Is.EqualTo("daily_loss_budget"));
        });
    }

    [Test]
    public void Fractional_kelly_below_the_caps()
    {
        // 35 trades: 14 wins avg 200, 21 losses avg 100 -> p = 0.4, b = 2, f* = 0.4 - 0.6 / 2 = 0.1.
        // 0.25 x 0.1 x 100,000 = 2,500 wanted, budget 5,000, value cap 50,000: 2,500 / 4.00 = 625 shares x 40 = 25,000.
        var journal = new JournalStats(35, 14, 21, 200m, 100m);
        var result = PositionSizing.Size(Input(40m, 36m, journal, riskBudget: 5_000m, maxPositionValue: 50_000m));
        Assert.Multiple(() =>
        {
            Assert.That(result.Method, Is.EqualTo("kelly"));
            Assert.That(result.FullKelly, Is.EqualTo(0.1m));
            Assert.That(result.Shares, Is.EqualTo(625m));
            Assert.That(result.RiskAmount, Is.EqualTo(2_500m));
            Assert.That(result.CappedBy, Is.Null);
        });
    }

    [Test]
    public void Too_few_trades_fall_back_to_fixed_fractional()
    {
        var journal = new JournalStats(29, 20, 9, 300m, 100m);
        var result = PositionSizing.Size(Input(20m, 15m, journal));
        Assert.That(result.Method, Is.EqualTo("fixed_fractional"));
        Assert.That(result.Shares, Is.EqualTo(200m));
    }

    [Test]
    public void A_journal_without_both_wins_and_losses_has_no_payoff_and_falls_back()
    {
        var journal = new JournalStats(40, 40, 0, 300m, 0m);
        Assert.That(PositionSizing.FullKelly(journal), Is.Null);
        Assert.That(PositionSizing.Size(Input(20m, 15m, journal)).Method, Is.EqualTo("fixed_fractional"));
    }

    [Test]
    public void A_journal_without_an_edge_sizes_to_zero()
    {
        // p = 0.3, b = 1: f* = 0.3 - 0.7 = -0.4.
        var journal = new JournalStats(30, 9, 21, 100m, 100m);
        var result = PositionSizing.Size(Input(20m, 15m, journal));
        Assert.That(result.Method, Is.EqualTo("kelly"));
        Assert.That(result.FullKelly, Is.EqualTo(-0.4m));
        Assert.That(result.Shares, Is.Zero);
    }

    [Test]
    public void The_tighter_valid_stop_wins_between_atr_and_support()
    {
        // Seed example: 242.50, ATR 4.25 -> 2 x ATR stop 234.00; support 238.00 is tighter and below the price.
        var stop = PositionSizing.ChooseStop(OrderSide.Buy, 242.50m, 4.25m, 2m, 238m, 2m);
        Assert.That(stop, Is.EqualTo(new StopChoice(238m, "support")));
        // Support 230 is looser than 234: the ATR stop stands.
        Assert.That(PositionSizing.ChooseStop(OrderSide.Buy, 242.50m, 4.25m, 2m, 230m, 2m), Is.EqualTo(new StopChoice(234m, "atr")));
        // Support above the price is not a stop for a long.
        Assert.That(PositionSizing.ChooseStop(OrderSide.Buy, 242.50m, 4.25m, 2m, 245m, 2m), Is.EqualTo(new StopChoice(234m, "atr")));
    }

    [Test]
    public void A_short_uses_resistance_above_and_rounds_its_stop_up()
    {
        // 50.00 + 2 x 1.333 = 52.666 -> 52.67 (rounded away from the price); resistance 52.00 is tighter.
        Assert.That(PositionSizing.ChooseStop(OrderSide.Sell, 50m, 1.333m, 2m, null, 2m), Is.EqualTo(new StopChoice(52.67m, "atr")));
        Assert.That(PositionSizing.ChooseStop(OrderSide.Sell, 50m, 1.333m, 2m, 52m, 2m), Is.EqualTo(new StopChoice(52m, "resistance")));
    }

    [Test]
    public void Without_atr_or_level_the_stop_is_a_fixed_percent()
    {
        // 2% under 50.00 = 49.00.
        Assert.That(PositionSizing.ChooseStop(OrderSide.Buy, 50m, null, 2m, null, 2m), Is.EqualTo(new StopChoice(49m, "fallback_pct")));
        // An ATR stop at or below zero is not valid: 3.00 - 2 x 2.00 < 0.
        Assert.That(PositionSizing.ChooseStop(OrderSide.Buy, 3m, 2m, 2m, null, 2m), Is.EqualTo(new StopChoice(2.94m, "fallback_pct")));
    }

    [Test]
    public void Reward_to_risk()
    {
        // Seed: entry 243, target 252, stop 238 -> 9 / 5 = 1.8.
        Assert.That(PositionSizing.RewardRisk(243m, 238m, 252m), Is.EqualTo(1.8m));
    }

    [Test]
    public void Pearson_of_returns()
    {
        // y = 2x + 1 exactly -> r = 1; y = -x -> r = -1; a constant has no correlation.
        double[] x = [0.01, -0.02, 0.03, 0.005, -0.01];
        Assert.That(Correlation.Pearson(x, x.Select(v => 2 * v + 1).ToArray()), Is.EqualTo(1d).Within(1e-12));
        Assert.That(Correlation.Pearson(x, x.Select(v => -v).ToArray()), Is.EqualTo(-1d).Within(1e-12));
        Assert.That(Correlation.Pearson(x, [1, 1, 1, 1, 1]), Is.Null);
        // By hand: x = (1, 2, 3), y = (1, 3, 2): means 2 and 2; cov = (-1)(-1) + 0 + (1)(0) = 1; var 2 and 2 -> r = 0.5.
        Assert.That(Correlation.Pearson([1, 2, 3], [1, 3, 2]), Is.EqualTo(0.5d).Within(1e-12));
        // Closes 100 -> 110 -> 99: returns +10% and -10%.
        Assert.That(Correlation.Returns([100m, 110m, 99m]), Is.EqualTo(new[] { 0.1, -0.1 }).Within(1e-12));
    }
}
