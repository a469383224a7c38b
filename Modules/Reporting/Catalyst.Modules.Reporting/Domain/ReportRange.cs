using Catalyst.Modules.Reporting.Contracts;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Reporting.Domain;

/// <summary>The dates a report covers (both included), as US/Eastern calendar dates.</summary>
internal sealed record ReportRange(string Period, DateOnly Start, DateOnly End)
{
    /// <summary>
    /// daily: the date itself; weekly: Monday–Friday of the week holding the date (a weekend date belongs to the week
    /// that just ended); monthly: the calendar month.
    /// </summary>
    public static ReportRange For(string period, DateOnly date) => period switch
    {
        ReportPeriods.Daily => new(period, date, date),
        ReportPeriods.Weekly => Week(date),
        ReportPeriods.Monthly => new(period, new DateOnly(date.Year, date.Month, 1),
            new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month))),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown report period."),
    };

    private static ReportRange Week(DateOnly date)
    {
        var sinceMonday = ((int)date.DayOfWeek + 6) % 7; // Monday 0 … Sunday 6
        var monday = date.AddDays(-sinceMonday);
        return new(ReportPeriods.Weekly, monday, monday.AddDays(4));
    }

    /// <summary>
    /// The trading days whose returns feed the Sharpe ratio: NYSE sessions from the start up to the end or today,
    /// whichever is earlier (a day that has not happened yet has no return, a flat day has a return of zero).
    /// </summary>
    public IReadOnlyList<DateOnly> ElapsedTradingDays(DateOnly today)
    {
        var last = End < today ? End : today;
        return last < Start ? [] : NyseCalendar.TradingDays(Start, last).ToList();
    }
}
