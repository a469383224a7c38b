using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Domain;
using Catalyst.Modules.Workflow.Features.Cycle;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>The §3.4 position status view and the pause arithmetic.</summary>
public sealed class PositionAssessmentTests
{
    private static readonly DateTimeOffset Entry = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);

    private static PositionDto Long(string status = "open", decimal? current = 241.50m) => new(Guid.NewGuid(), "TSLA", "long", 50,
        243.00m, current, -75m, -0.62m, Entry, "2h 30m", 238.00m, 252.00m, 250m, "bull_flag", status, 0m, null);

    [Test]
    public void The_seed_example_holds_near_support_with_the_pattern_intact()
    {
        var view = PositionAssessment.Assess(Long(), 241.50m, technicalSupport: 241.00m, atr: 2.0m, exitReason: null);
        Assert.Multiple(() =>
        {
            Assert.That(view.Status, Is.EqualTo("open"));
            Assert.That(view.DistanceToStop, Is.EqualTo(3.50m));
            Assert.That(view.DistanceToTarget, Is.EqualTo(10.50m));
            Assert.That(view.TechnicalUpdate.SupportLevel, Is.EqualTo(241.00m));
            Assert.That(view.TechnicalUpdate.AtSupport, Is.True);
            Assert.That(view.TechnicalUpdate.PatternIntact, Is.True);
            Assert.That(view.Recommendation, Is.EqualTo("Hold - Pattern intact, near support"));
        });
    }

    [Test]
    public void Without_a_technical_level_the_stop_is_the_support()
    {
        var view = PositionAssessment.Assess(Long(), 241.50m, null, null, null);
        Assert.That(view.TechnicalUpdate.SupportLevel, Is.EqualTo(238.00m));
        Assert.That(view.TechnicalUpdate.AtSupport, Is.False);
        Assert.That(view.Recommendation, Is.EqualTo("Hold - Pattern intact"));
    }

    [TestCase(237.90, "Exit - price is at or through the stop", false)]
    [TestCase(240.00, "Tighten stop or exit", false)]
    [TestCase(250.00, "Consider taking profit", true)]
    [TestCase(252.50, "Take profit - target reached", true)]
    [TestCase(248.20, "Hold - 1R reached, move the stop to breakeven", true)]
    public void The_recommendation_follows_price(double price, string expected, bool intact)
    {
        var view = PositionAssessment.Assess(Long(), (decimal)price, null, null, null);
        Assert.Multiple(() =>
        {
            Assert.That(view.Recommendation, Does.StartWith(expected.Split(" - ")[0]).And.Contain(expected.Split(" - ").Last()));
            Assert.That(view.TechnicalUpdate.PatternIntact, Is.EqualTo(intact));
        });
    }

    [Test]
    public void A_position_closed_by_its_stop_is_stopped_out()
    {
        var view = PositionAssessment.Assess(Long("closed") with { RealizedPnl = -250m }, null, null, null, "stop_loss");
        Assert.Multiple(() =>
        {
            Assert.That(view.Status, Is.EqualTo("stopped_out"));
            Assert.That(view.UnrealizedPnl, Is.EqualTo(-250m));
            Assert.That(view.Recommendation, Is.EqualTo("Closed - stopped out"));
        });
        Assert.That(PositionAssessment.Assess(Long("closed"), null, null, null, "eod").Status, Is.EqualTo("closed"));
    }

    [Test]
    public void A_short_measures_distances_the_other_way()
    {
        var shortPosition = Long() with { Side = "short", EntryPrice = 100m, StopLoss = 102m, TakeProfit = 96m };
        var view = PositionAssessment.Assess(shortPosition, 99m, null, null, null);
        Assert.That(view.DistanceToStop, Is.EqualTo(3m));
        Assert.That(view.DistanceToTarget, Is.EqualTo(3m));
    }

    [Test]
    public void A_pause_across_the_pre_market_window_counts_its_missed_scans()
    {
        var date = new DateOnly(2026, 3, 10);
        var schedule = TradingDaySchedule.For(date);
        var frequency = TimeSpan.FromMinutes(15);
        Assert.Multiple(() =>
        {
            Assert.That(CycleCommands.MissedScans(schedule, schedule.ScanStart, schedule.ScanStart.AddMinutes(31), frequency), Is.EqualTo(3));
            Assert.That(CycleCommands.MissedScans(schedule, schedule.Open.AddHours(1), schedule.Open.AddHours(2), frequency), Is.Zero);
            Assert.That(CycleCommands.MissedScans(schedule, schedule.Open, schedule.OpeningRangeEnd.AddMinutes(1), frequency), Is.EqualTo(1),
                "the post-opening-range scan");
            Assert.That(CycleCommands.FormatDuration(TimeSpan.FromSeconds(930)), Is.EqualTo("15m 30s"));
            Assert.That(CycleCommands.FormatDuration(TimeSpan.FromMinutes(135)), Is.EqualTo("2h 15m"));
        });
    }
}
