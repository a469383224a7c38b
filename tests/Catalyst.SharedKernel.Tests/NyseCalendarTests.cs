using Catalyst.SharedKernel.Time;

namespace Catalyst.SharedKernel.Tests;

public sealed class NyseCalendarTests
{
    // The exchange's published holiday lists for 2024–2027.
    [TestCase("2024-01-01")] [TestCase("2024-01-15")] [TestCase("2024-02-19")] [TestCase("2024-03-29")]
    [TestCase("2024-05-27")] [TestCase("2024-06-19")] [TestCase("2024-07-04")] [TestCase("2024-09-02")]
    [TestCase("2024-11-28")] [TestCase("2024-12-25")]
    [TestCase("2025-01-01")] [TestCase("2025-01-20")] [TestCase("2025-02-17")] [TestCase("2025-04-18")]
    [TestCase("2025-05-26")] [TestCase("2025-06-19")] [TestCase("2025-07-04")] [TestCase("2025-09-01")]
    [TestCase("2025-11-27")] [TestCase("2025-12-25")]
    [TestCase("2026-01-01")] [TestCase("2026-01-19")] [TestCase("2026-02-16")] [TestCase("2026-04-03")]
    [TestCase("2026-05-25")] [TestCase("2026-06-19")] [TestCase("2026-07-03")] [TestCase("2026-09-07")]
    [TestCase("2026-11-26")] [TestCase("2026-12-25")]
    [TestCase("2027-01-01")] [TestCase("2027-01-18")] [TestCase("2027-02-15")] [TestCase("2027-03-26")]
    [TestCase("2027-05-31")] [TestCase("2027-06-18")] [TestCase("2027-07-05")] [TestCase("2027-09-06")]
    [TestCase("2027-11-25")] [TestCase("2027-12-24")]
    public void Holidays_are_closed(string date) =>
        Assert.That(NyseCalendar.IsTradingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), Is.False);

    [TestCase("2024-07-03")] [TestCase("2024-11-29")] [TestCase("2024-12-24")]
    [TestCase("2025-07-03")] [TestCase("2025-11-28")] [TestCase("2025-12-24")]
    [TestCase("2026-11-27")] [TestCase("2026-12-24")]
    [TestCase("2027-11-26")]
    public void Early_closes_end_at_13_00_eastern(string date)
    {
        var session = NyseCalendar.Session(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(session, Is.Not.Null);
        Assert.That(session!.EarlyClose, Is.True);
        Assert.That(MarketTime.EasternTimeOfDay(session.Close), Is.EqualTo(new TimeOnly(13, 0)));
    }

    [Test]
    public void New_years_day_on_a_saturday_is_not_observed_on_the_friday_before()
    {
        // 2022-01-01 was a Saturday; the exchange was open on Friday 2021-12-31.
        Assert.That(NyseCalendar.IsTradingDay(new DateOnly(2021, 12, 31)), Is.True);
    }

    [Test]
    public void Regular_session_follows_daylight_saving_time()
    {
        var winter = NyseCalendar.Session(new DateOnly(2026, 1, 5))!;
        var summer = NyseCalendar.Session(new DateOnly(2026, 7, 6))!;
        Assert.That(winter.Open, Is.EqualTo(new DateTimeOffset(2026, 1, 5, 14, 30, 0, TimeSpan.Zero)));
        Assert.That(summer.Open, Is.EqualTo(new DateTimeOffset(2026, 7, 6, 13, 30, 0, TimeSpan.Zero)));
        Assert.That(summer.Close, Is.EqualTo(new DateTimeOffset(2026, 7, 6, 20, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Weekends_are_closed_and_next_trading_day_skips_them() =>
        Assert.That(NyseCalendar.NextTradingDay(new DateOnly(2026, 11, 25)), Is.EqualTo(new DateOnly(2026, 11, 27)));
}
