namespace Catalyst.SharedKernel.Time;

/// <summary>One NYSE session: regular hours in UTC, and whether it closes early (13:00 ET).</summary>
public sealed record TradingSession(DateOnly Date, DateTimeOffset Open, DateTimeOffset Close, bool EarlyClose);

/// <summary>
/// The NYSE calendar computed from its published rules, so it works offline and for any year: the ten full-day
/// holidays with weekend observance, and 13:00 early closes on July 3, the day after Thanksgiving and Christmas Eve.
/// </summary>
public static class NyseCalendar
{
    private static readonly TimeOnly RegularOpen = new(9, 30);
    private static readonly TimeOnly RegularClose = new(16, 0);
    private static readonly TimeOnly EarlyCloseTime = new(13, 0);

    public static bool IsTradingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && HolidayName(date) is null;

    public static TradingSession? Session(DateOnly date)
    {
        if (!IsTradingDay(date)) return null;
        var early = IsEarlyClose(date);
        return new TradingSession(date, MarketTime.AtEastern(date, RegularOpen),
            MarketTime.AtEastern(date, early ? EarlyCloseTime : RegularClose), early);
    }

    public static DateOnly NextTradingDay(DateOnly date)
    {
        var d = date.AddDays(1);
        while (!IsTradingDay(d)) d = d.AddDays(1);
        return d;
    }

    public static DateOnly PreviousTradingDay(DateOnly date)
    {
        var d = date.AddDays(-1);
        while (!IsTradingDay(d)) d = d.AddDays(-1);
        return d;
    }

    /// <summary>The trading days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IEnumerable<DateOnly> TradingDays(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
            if (IsTradingDay(d)) yield return d;
    }

    /// <summary>The holiday's name when the exchange is closed all day on a weekday, else null.</summary>
    public static string? HolidayName(DateOnly date)
    {
        var y = date.Year;
        // New Year's Day on a Saturday is not observed on the Friday before (NYSE rule 7.2), so only Sunday shifts.
        var newYear = new DateOnly(y, 1, 1);
        if (date == (newYear.DayOfWeek == DayOfWeek.Sunday ? newYear.AddDays(1) : newYear)) return "New Year's Day";
        if (date == NthWeekday(y, 1, DayOfWeek.Monday, 3)) return "Martin Luther King Jr. Day";
        if (date == NthWeekday(y, 2, DayOfWeek.Monday, 3)) return "Washington's Birthday";
        if (date == EasterSunday(y).AddDays(-2)) return "Good Friday";
        if (date == LastWeekday(y, 5, DayOfWeek.Monday)) return "Memorial Day";
        if (y >= 2022 && date == Observed(new DateOnly(y, 6, 19))) return "Juneteenth";
        if (date == Observed(new DateOnly(y, 7, 4))) return "Independence Day";
        if (date == NthWeekday(y, 9, DayOfWeek.Monday, 1)) return "Labor Day";
        if (date == NthWeekday(y, 11, DayOfWeek.Thursday, 4)) return "Thanksgiving Day";
        if (date == Observed(new DateOnly(y, 12, 25))) return "Christmas Day";
        return null;
    }

    public static bool IsEarlyClose(DateOnly date)
    {
        if (!(date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && HolidayName(date) is null)) return false;
        var y = date.Year;
        var july3 = new DateOnly(y, 7, 3);
        if (date == july3 && july3.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) return true;
        if (date == NthWeekday(y, 11, DayOfWeek.Thursday, 4).AddDays(1)) return true;
        var christmasEve = new DateOnly(y, 12, 24);
        return date == christmasEve;
    }

    private static DateOnly Observed(DateOnly holiday) => holiday.DayOfWeek switch
    {
        DayOfWeek.Saturday => holiday.AddDays(-1),
        DayOfWeek.Sunday => holiday.AddDays(1),
        _ => holiday,
    };

    private static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (n - 1) * 7);
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)day + 7) % 7;
        return last.AddDays(-offset);
    }

    /// <summary>Gregorian Easter (anonymous Gregorian algorithm).</summary>
    private static DateOnly EasterSunday(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(y, month, day);
    }
}
