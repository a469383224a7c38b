using Catalyst.Modules.Workflow.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>Phase boundaries in US/Eastern from the NYSE calendar: DST, early closes, holidays.</summary>
public sealed class TradingDayScheduleTests
{
    private static DateTimeOffset Et(DateOnly date, int hour, int minute) => MarketTime.AtEastern(date, new TimeOnly(hour, minute));

    [TestCase("2026-03-10", Description = "EDT, two days after the DST switch")]
    [TestCase("2026-01-13", Description = "EST")]
    [TestCase("2026-11-02", Description = "EST, the day after the switch back")]
    public void A_regular_day_runs_the_six_phases_at_their_eastern_times(string day)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var s = TradingDaySchedule.For(date);
        Assert.Multiple(() =>
        {
            Assert.That(s.PhaseAt(Et(date, 7, 55)), Is.EqualTo(Phases.PreMarket));
            Assert.That(s.PhaseAt(Et(date, 9, 29)), Is.EqualTo(Phases.PreMarket));
            Assert.That(s.PhaseAt(Et(date, 9, 30)), Is.EqualTo(Phases.OpeningRange));
            Assert.That(s.PhaseAt(Et(date, 9, 44)), Is.EqualTo(Phases.OpeningRange));
            Assert.That(s.PhaseAt(Et(date, 9, 45)), Is.EqualTo(Phases.Morning));
            Assert.That(s.PhaseAt(Et(date, 11, 29)), Is.EqualTo(Phases.Morning));
            Assert.That(s.PhaseAt(Et(date, 11, 30)), Is.EqualTo(Phases.Midday));
            Assert.That(s.PhaseAt(Et(date, 13, 59)), Is.EqualTo(Phases.Midday));
            Assert.That(s.PhaseAt(Et(date, 14, 0)), Is.EqualTo(Phases.PowerHour));
            Assert.That(s.PhaseAt(Et(date, 15, 29)), Is.EqualTo(Phases.PowerHour));
            Assert.That(s.PhaseAt(Et(date, 15, 30)), Is.EqualTo(Phases.Closed));
            Assert.That(s.PhaseAt(Et(date, 16, 5)), Is.EqualTo(Phases.Closed));
            Assert.That(s.InPreMarketScanWindow(Et(date, 7, 59)), Is.False);
            Assert.That(s.InPreMarketScanWindow(Et(date, 8, 0)), Is.True);
            Assert.That(s.InPreMarketScanWindow(Et(date, 9, 24)), Is.True);
            Assert.That(s.InPreMarketScanWindow(Et(date, 9, 25)), Is.False);
            Assert.That(s.EntriesAllowed(Et(date, 9, 44)), Is.False, "no entries in the opening range");
            Assert.That(s.EntriesAllowed(Et(date, 9, 45)), Is.True);
            Assert.That(s.EntriesAllowed(Et(date, 15, 14)), Is.True);
            Assert.That(s.EntriesAllowed(Et(date, 15, 15)), Is.False, "45 minutes before the close");
        });
    }

    [Test]
    public void The_open_is_1330_utc_in_summer_and_1430_utc_in_winter()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TradingDaySchedule.For(new DateOnly(2026, 3, 10)).Open, Is.EqualTo(new DateTimeOffset(2026, 3, 10, 13, 30, 0, TimeSpan.Zero)));
            Assert.That(TradingDaySchedule.For(new DateOnly(2026, 3, 6)).Open, Is.EqualTo(new DateTimeOffset(2026, 3, 6, 14, 30, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public void An_early_close_moves_power_hour_and_the_close_phase_forward()
    {
        var date = new DateOnly(2026, 11, 27); // the day after Thanksgiving: 13:00 close
        var s = TradingDaySchedule.For(date);
        Assert.Multiple(() =>
        {
            Assert.That(s.Session!.EarlyClose, Is.True);
            Assert.That(s.PhaseAt(Et(date, 10, 59)), Is.EqualTo(Phases.Morning));
            Assert.That(s.PhaseAt(Et(date, 11, 0)), Is.EqualTo(Phases.PowerHour), "midday shrinks to nothing");
            Assert.That(s.PhaseAt(Et(date, 12, 29)), Is.EqualTo(Phases.PowerHour));
            Assert.That(s.PhaseAt(Et(date, 12, 30)), Is.EqualTo(Phases.Closed));
            Assert.That(s.EntriesAllowed(Et(date, 12, 14)), Is.True);
            Assert.That(s.EntriesAllowed(Et(date, 12, 15)), Is.False);
            Assert.That(s.MarketStatusAt(Et(date, 13, 30)), Is.EqualTo("after-hours"));
        });
    }

    [TestCase("2026-11-26", Description = "Thanksgiving")]
    [TestCase("2026-07-03", Description = "Independence Day observed (July 4 is a Saturday)")]
    [TestCase("2026-03-07", Description = "Saturday")]
    public void A_closed_day_is_closed_all_day(string day)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var s = TradingDaySchedule.For(date);
        Assert.Multiple(() =>
        {
            Assert.That(s.IsTradingDay, Is.False);
            Assert.That(s.PhaseAt(Et(date, 10, 0)), Is.EqualTo(Phases.Closed));
            Assert.That(s.MarketStatusAt(Et(date, 10, 0)), Is.EqualTo("closed"));
            Assert.That(s.InPreMarketScanWindow(Et(date, 8, 30)), Is.False);
            Assert.That(s.EntriesAllowed(Et(date, 10, 0)), Is.False);
            Assert.That(s.SessionOver(Et(date, 8, 0)), Is.True);
        });
    }

    [Test]
    public void Market_status_follows_extended_hours()
    {
        var date = new DateOnly(2026, 3, 10);
        var s = TradingDaySchedule.For(date);
        Assert.Multiple(() =>
        {
            Assert.That(s.MarketStatusAt(Et(date, 3, 59)), Is.EqualTo("closed"));
            Assert.That(s.MarketStatusAt(Et(date, 4, 0)), Is.EqualTo("pre-market"));
            Assert.That(s.MarketStatusAt(Et(date, 9, 30)), Is.EqualTo("open"));
            Assert.That(s.MarketStatusAt(Et(date, 16, 0)), Is.EqualTo("after-hours"));
            Assert.That(s.MarketStatusAt(Et(date, 20, 0)), Is.EqualTo("closed"));
        });
    }

    [Test]
    public void The_calendar_cross_check_agrees_with_a_matching_broker_and_names_each_disagreement()
    {
        var date = new DateOnly(2026, 11, 27);
        var s = TradingDaySchedule.For(date);
        var now = Et(date, 10, 0);
        var matching = new CalendarDay(date, MarketTime.ToEastern(s.Open), MarketTime.ToEastern(s.Close));
        var clock = new MarketClock(now, true, s.Open.AddDays(3), s.Close);
        Assert.That(CalendarCrossCheck.Compare(s, [matching], clock, now), Is.Empty);

        var fullDay = matching with { Close = MarketTime.ToEastern(Et(date, 16, 0)) };
        var problems = CalendarCrossCheck.Compare(s, [fullDay], clock with { IsOpen = false }, now);
        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.Count.EqualTo(2));
            Assert.That(problems[0], Does.Contain("close differs").And.Contain("13:00").And.Contain("16:00"));
            Assert.That(problems[1], Does.Contain("broker's clock says closed"));
        });

        var holiday = TradingDaySchedule.For(new DateOnly(2026, 11, 26));
        Assert.That(CalendarCrossCheck.Compare(holiday,
                [new CalendarDay(holiday.Date, MarketTime.ToEastern(Et(holiday.Date, 9, 30)), MarketTime.ToEastern(Et(holiday.Date, 16, 0)))], null, now),
            Has.One.Contains("closed"));
        Assert.That(CalendarCrossCheck.Compare(s, [], null, now), Has.One.Contains("the broker lists none"));
    }
}
