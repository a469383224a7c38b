using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Domain;
using Catalyst.Modules.Reporting.Features.Journal;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Reporting.Tests;

/// <summary>The metric definitions against the hand-computed week (see <see cref="HandComputedJournal"/>), without a database.</summary>
public sealed class PerformanceCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 27, 14, 0, 0, TimeSpan.Zero);

    private static List<ClosedTrade> Trades() =>
        HandComputedJournal.Trades.Select(e => RoundTripClosedHandler.ToRow(e, Symbol.Parse(e.Symbol), 1, 1m, Now))
            .Select(r => new ClosedTrade(r.PositionId, r.TradingDate, r.ExitTime, r.Pnl, r.RMultiple, r.Outcome)).ToList();

    private static PerformanceReportDto Week(IReadOnlyList<ClosedTrade> trades)
    {
        var range = ReportRange.For(ReportPeriods.Weekly, HandComputedJournal.Monday.AddDays(2));
        return PerformanceCalculator.Compute(range, HandComputedJournal.StartingEquity, trades,
            range.ElapsedTradingDays(MarketTime.EasternDate(Now)));
    }

    [Test]
    public void The_hand_computed_week_gives_exactly_the_expected_metrics()
    {
        var r = Week(Trades());
        Assert.Multiple(() =>
        {
            Assert.That(r.DateStart, Is.EqualTo(new DateOnly(2025, 10, 20)));
            Assert.That(r.DateEnd, Is.EqualTo(new DateOnly(2025, 10, 24)));
            Assert.That(r.Pnl, Is.EqualTo(HandComputedJournal.Pnl));
            Assert.That(r.PnlPct, Is.EqualTo(0.3005m));
            Assert.That(r.TradesExecuted, Is.EqualTo(7));
            Assert.That(r.TradesWon, Is.EqualTo(2));
            Assert.That(r.TradesLost, Is.EqualTo(4));
            Assert.That(r.TradesScratch, Is.EqualTo(1));
            Assert.That(r.WinRate, Is.EqualTo(HandComputedJournal.WinRate));
            Assert.That(r.ProfitFactor, Is.EqualTo(HandComputedJournal.ProfitFactor));
            Assert.That(r.SharpeRatio, Is.EqualTo(HandComputedJournal.Sharpe));
            Assert.That(r.MaxDrawdown, Is.EqualTo(HandComputedJournal.MaxDrawdown));
            Assert.That(r.MaxDrawdownPct, Is.EqualTo(HandComputedJournal.MaxDrawdownPct));
            Assert.That(r.AvgWin, Is.EqualTo(650m));
            Assert.That(r.AvgLoss, Is.EqualTo(-250m));
            Assert.That(r.LargestWin, Is.EqualTo(800m));
            Assert.That(r.LargestLoss, Is.EqualTo(-400m));
            Assert.That(r.AvgRMultiple, Is.EqualTo(0.25m));
            Assert.That(r.BestDay, Is.EqualTo(new DayPnlDto(new DateOnly(2025, 10, 23), 700m)));
            Assert.That(r.WorstDay, Is.EqualTo(new DayPnlDto(new DateOnly(2025, 10, 24), -400m)));
        });
    }

    [Test]
    public void Sharpe_uses_the_sample_standard_deviation_not_the_population_one()
    {
        var r = Week(Trades());
        Assert.That(r.SharpeRatio, Is.EqualTo(HandComputedJournal.Sharpe).And.Not.EqualTo(HandComputedJournal.SharpeWithPopulationStdev));
    }

    [Test]
    public void Trades_arriving_in_any_order_give_the_same_report()
    {
        var shuffled = Trades();
        shuffled.Reverse();
        Assert.That(Week(shuffled), Is.EqualTo(Week(Trades())));
    }

    [Test]
    public void An_empty_period_is_zeros_and_nulls()
    {
        var r = Week([]);
        Assert.Multiple(() =>
        {
            Assert.That(r.Pnl, Is.Zero);
            Assert.That(r.PnlPct, Is.Zero);
            Assert.That(r.TradesExecuted, Is.Zero);
            Assert.That(r.WinRate, Is.Null);
            Assert.That(r.ProfitFactor, Is.Null);
            Assert.That(r.SharpeRatio, Is.Null, "five flat days have no spread");
            Assert.That(r.MaxDrawdown, Is.Zero);
            Assert.That(r.MaxDrawdownPct, Is.Zero);
            Assert.That(r.AvgWin, Is.Null);
            Assert.That(r.AvgLoss, Is.Null);
            Assert.That(r.LargestWin, Is.Null);
            Assert.That(r.LargestLoss, Is.Null);
            Assert.That(r.AvgRMultiple, Is.Null);
            Assert.That(r.BestDay, Is.Null);
            Assert.That(r.WorstDay, Is.Null);
        });
    }

    [Test]
    public void Only_wins_leave_the_profit_factor_undefined_and_the_win_rate_at_one()
    {
        var wins = Trades().Where(t => t.Outcome == TradeOutcomes.Win).ToList();
        var r = Week(wins);
        Assert.Multiple(() =>
        {
            Assert.That(r.WinRate, Is.EqualTo(1m));
            Assert.That(r.ProfitFactor, Is.Null);
            Assert.That(r.MaxDrawdown, Is.Zero);
        });
    }

    [Test]
    public void A_daily_report_has_no_sharpe_and_no_best_or_worst_day()
    {
        var monday = Trades().Where(t => t.TradingDate == HandComputedJournal.Monday).ToList();
        var range = ReportRange.For(ReportPeriods.Daily, HandComputedJournal.Monday);
        var r = PerformanceCalculator.Compute(range, 100_000m, monday, range.ElapsedTradingDays(MarketTime.EasternDate(Now)));
        Assert.Multiple(() =>
        {
            Assert.That(r.Pnl, Is.EqualTo(300m));
            Assert.That(r.PnlPct, Is.EqualTo(0.3m));
            Assert.That(r.WinRate, Is.EqualTo(0.5m));
            Assert.That(r.ProfitFactor, Is.EqualTo(2.5m));
            Assert.That(r.MaxDrawdown, Is.EqualTo(-200m));
            Assert.That(r.SharpeRatio, Is.Null);
            Assert.That(r.BestDay, Is.Null);
            Assert.That(r.WorstDay, Is.Null);
        });
    }

    [TestCase(0.99, 1, TradeOutcomes.Scratch)]
    [TestCase(-0.99, 1, TradeOutcomes.Scratch)]
    [TestCase(1.00, 1, TradeOutcomes.Win)]
    [TestCase(-1.00, 1, TradeOutcomes.Loss)]
    [TestCase(0.01, 0, TradeOutcomes.Win)]
    [TestCase(0, 0, TradeOutcomes.Scratch)]
    [TestCase(4.99, 5, TradeOutcomes.Scratch)]
    public void Outcome_follows_the_scratch_threshold(decimal pnl, decimal threshold, string expected) =>
        Assert.That(PerformanceCalculator.Classify(pnl, threshold), Is.EqualTo(expected));

    [Test]
    public void The_journal_row_carries_percent_r_multiple_and_hold_time()
    {
        var e = HandComputedJournal.Trades[3]; // TSLA −300 on 100 × $50, risk $150, held 45 minutes
        var row = RoundTripClosedHandler.ToRow(e, Symbol.Parse(e.Symbol), 7, 1m, Now);
        Assert.Multiple(() =>
        {
            Assert.That(row.PnlPct, Is.EqualTo(-6m));
            Assert.That(row.RMultiple, Is.EqualTo(-2m));
            Assert.That(row.HoldTimeMinutes, Is.EqualTo(45));
            Assert.That(row.Outcome, Is.EqualTo(TradeOutcomes.Loss));
            Assert.That(row.TradingDate, Is.EqualTo(new DateOnly(2025, 10, 21)));
            Assert.That(row.Notes, Is.EqualTo("Exit: stop_loss"));
        });
    }
}
