namespace Catalyst.SharedKernel.Time;

/// <summary>US/Eastern conversions. Everything is stored in UTC; Eastern is for rules (sessions, phases) and display.</summary>
public static class MarketTime
{
    public static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static DateTimeOffset ToEastern(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Eastern);

    public static DateOnly EasternDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToEastern(instant).DateTime);

    public static TimeOnly EasternTimeOfDay(DateTimeOffset instant) => TimeOnly.FromDateTime(ToEastern(instant).DateTime);

    /// <summary>The UTC instant of a wall-clock time in New York on a date (DST handled by the zone rules).</summary>
    public static DateTimeOffset AtEastern(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var offset = Eastern.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateOnly TodayEastern(this TimeProvider clock) => EasternDate(clock.GetUtcNow());
}
