using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Domain;

namespace Catalyst.Modules.Reporting.Tests;

public sealed class ReportRangeTests
{
    [TestCase("2025-10-20", "2025-10-20", "2025-10-24")] // Monday
    [TestCase("2025-10-24", "2025-10-20", "2025-10-24")] // Friday
    [TestCase("2025-10-25", "2025-10-20", "2025-10-24")] // Saturday: the week that just ended
    [TestCase("2025-10-26", "2025-10-20", "2025-10-24")] // Sunday
    [TestCase("2025-12-31", "2025-12-29", "2026-01-02")] // across a year end
    public void A_week_is_monday_to_friday_holding_the_date(string date, string start, string end)
    {
        var range = ReportRange.For(ReportPeriods.Weekly, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That((range.Start.ToString("yyyy-MM-dd", null), range.End.ToString("yyyy-MM-dd", null)), Is.EqualTo((start, end)));
    }

    [TestCase("2024-02-10", "2024-02-01", "2024-02-29")]
    [TestCase("2025-12-31", "2025-12-01", "2025-12-31")]
    public void A_month_is_the_calendar_month(string date, string start, string end)
    {
        var range = ReportRange.For(ReportPeriods.Monthly, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That((range.Start.ToString("yyyy-MM-dd", null), range.End.ToString("yyyy-MM-dd", null)), Is.EqualTo((start, end)));
    }

    [Test]
    public void Elapsed_trading_days_skip_holidays_and_stop_at_today()
    {
        // Thanksgiving week 2025: Thursday 27 closed.
        var range = ReportRange.For(ReportPeriods.Weekly, new DateOnly(2025, 11, 24));
        Assert.Multiple(() =>
        {
            Assert.That(range.ElapsedTradingDays(new DateOnly(2025, 12, 1)),
                Is.EqualTo(new[] { new DateOnly(2025, 11, 24), new DateOnly(2025, 11, 25), new DateOnly(2025, 11, 26), new DateOnly(2025, 11, 28) }));
            Assert.That(range.ElapsedTradingDays(new DateOnly(2025, 11, 25)), Has.Count.EqualTo(2));
            Assert.That(range.ElapsedTradingDays(new DateOnly(2025, 11, 1)), Is.Empty);
        });
    }
}
