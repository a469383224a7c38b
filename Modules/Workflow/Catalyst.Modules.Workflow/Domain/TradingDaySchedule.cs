using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Workflow.Domain;

/// <summary>The §3.2 phase names.</summary>
internal static class Phases
{
    public const string PreMarket = "pre-market";
    public const string OpeningRange = "opening-range";
    public const string Morning = "morning";
    public const string Midday = "midday";
    public const string PowerHour = "power-hour";

    /// <summary>Close and reconcile (15:30–16:00) and everything after: the sixth phase of §2.2.7.</summary>
    public const string Closed = "closed";

    public static bool IsTrading(string phase) => phase is Morning or Midday or PowerHour;
}

/// <summary>The §3.2 cycle_state names.</summary>
internal static class CycleStates
{
    public const string Scanning = "scanning";
    public const string Evaluating = "evaluating";
    public const string Trading = "trading";
    public const string Monitoring = "monitoring";
    public const string Closed = "closed";
}

internal static class CycleStatuses
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Stopped = "stopped";
    public const string EmergencyStopped = "emergency_stopped";
    public const string Closed = "closed";

    public static readonly string[] Active = [Running, Paused];

    public static bool IsActive(string status) => status is Running or Paused;
}

/// <summary>
/// One trading date's phase boundaries in US/Eastern, from the NYSE calendar: pre-market scan 08:00–09:25, opening range
/// the first 15 minutes, morning to 11:30, midday, power hour the last two hours before the close's half hour, close and
/// reconcile the last 30 minutes. On an early close (13:00) the afternoon phases move forward with the close and midday
/// shrinks to nothing; on a closed day everything is "closed".
/// </summary>
internal sealed class TradingDaySchedule
{
    private static readonly TimeOnly ScanStartTime = new(8, 0);
    private static readonly TimeOnly ScanEndTime = new(9, 25);
    private static readonly TimeOnly MorningEndTime = new(11, 30);
    private static readonly TimeOnly ExtendedOpenTime = new(4, 0);
    private static readonly TimeOnly ExtendedCloseTime = new(20, 0);

    private TradingDaySchedule(DateOnly date, TradingSession? session, int lastEntryMinutesBeforeClose)
    {
        Date = date;
        Session = session;
        ScanStart = MarketTime.AtEastern(date, ScanStartTime);
        ScanEnd = MarketTime.AtEastern(date, ScanEndTime);
        ExtendedOpen = MarketTime.AtEastern(date, ExtendedOpenTime);
        ExtendedClose = MarketTime.AtEastern(date, ExtendedCloseTime);
        if (session is null) return;
        Open = session.Open;
        Close = session.Close;
        OpeningRangeEnd = session.Open.AddMinutes(15);
        CloseStart = session.Close.AddMinutes(-30);
        PowerHourStart = session.Close.AddHours(-2);
        var morningEnd = MarketTime.AtEastern(date, MorningEndTime);
        MorningEnd = morningEnd < PowerHourStart ? morningEnd : PowerHourStart;
        LastEntry = session.Close.AddMinutes(-lastEntryMinutesBeforeClose);
    }

    public static TradingDaySchedule For(DateOnly date, int lastEntryMinutesBeforeClose = 45) =>
        new(date, NyseCalendar.Session(date), lastEntryMinutesBeforeClose);

    public DateOnly Date { get; }
    public TradingSession? Session { get; }
    public bool IsTradingDay => Session is not null;
    public DateTimeOffset ScanStart { get; }
    public DateTimeOffset ScanEnd { get; }
    public DateTimeOffset ExtendedOpen { get; }
    public DateTimeOffset ExtendedClose { get; }
    public DateTimeOffset Open { get; }
    public DateTimeOffset OpeningRangeEnd { get; }
    public DateTimeOffset MorningEnd { get; }
    public DateTimeOffset PowerHourStart { get; }
    public DateTimeOffset CloseStart { get; }
    public DateTimeOffset Close { get; }
    public DateTimeOffset LastEntry { get; }

    public string PhaseAt(DateTimeOffset now)
    {
        if (Session is null) return Phases.Closed;
        if (now < Open) return Phases.PreMarket;
        if (now < OpeningRangeEnd) return Phases.OpeningRange;
        if (now < MorningEnd) return Phases.Morning;
        if (now < PowerHourStart) return Phases.Midday;
        if (now < CloseStart) return Phases.PowerHour;
        return Phases.Closed;
    }

    /// <summary>§3.2 market_status: open | pre-market | after-hours | closed (extended hours 04:00–20:00 ET).</summary>
    public string MarketStatusAt(DateTimeOffset now)
    {
        if (Session is null || now < ExtendedOpen || now >= ExtendedClose) return "closed";
        if (now < Open) return "pre-market";
        return now < Close ? "open" : "after-hours";
    }

    public bool InPreMarketScanWindow(DateTimeOffset now) => Session is not null && now >= ScanStart && now < ScanEnd;

    /// <summary>Strategy entries: after the opening range has set its levels, until the last-entry time.</summary>
    public bool EntriesAllowed(DateTimeOffset now) => Session is not null && now >= OpeningRangeEnd && now < LastEntry && now < CloseStart;

    /// <summary>True once the session's close has passed: a cycle can no longer be started for this date.</summary>
    public bool SessionOver(DateTimeOffset now) => Session is null || now >= Close;
}

/// <summary>
/// Compares our computed calendar with the broker's (Paper/Live). The broker is the authority on the day, but a
/// disagreement means one of the two is wrong about holidays or early closes, which an operator must hear about.
/// </summary>
internal static class CalendarCrossCheck
{
    /// <summary>Each disagreement as a sentence; empty when both agree.</summary>
    public static IReadOnlyList<string> Compare(TradingDaySchedule schedule, IReadOnlyList<CalendarDay> brokerDays,
        MarketClock? brokerClock, DateTimeOffset now)
    {
        var problems = new List<string>();
        var brokerDay = brokerDays.FirstOrDefault(d => d.Date == schedule.Date);
        if (schedule.Session is null && brokerDay is not null)
            problems.Add($"our NYSE calendar says {schedule.Date:yyyy-MM-dd} is closed, the broker lists a session {brokerDay.Open:HH:mm}–{brokerDay.Close:HH:mm}");
        else if (schedule.Session is not null && brokerDay is null)
            problems.Add($"our NYSE calendar has a session on {schedule.Date:yyyy-MM-dd}, the broker lists none");
        else if (schedule.Session is { } session && brokerDay is not null)
        {
            if (session.Open != brokerDay.Open.ToUniversalTime())
                problems.Add($"open differs: ours {MarketTime.ToEastern(session.Open):HH:mm} ET, broker {MarketTime.ToEastern(brokerDay.Open):HH:mm} ET");
            if (session.Close != brokerDay.Close.ToUniversalTime())
                problems.Add($"close differs: ours {MarketTime.ToEastern(session.Close):HH:mm} ET, broker {MarketTime.ToEastern(brokerDay.Close):HH:mm} ET");
        }
        if (brokerClock is not null)
        {
            var oursOpen = schedule.Session is { } s && now >= s.Open && now < s.Close;
            if (oursOpen != brokerClock.IsOpen)
                problems.Add($"at {MarketTime.ToEastern(now):HH:mm} ET we think the market is {(oursOpen ? "open" : "closed")}, the broker's clock says {(brokerClock.IsOpen ? "open" : "closed")}");
            var skew = (brokerClock.Timestamp - now).Duration();
            if (skew > TimeSpan.FromSeconds(5))
                problems.Add($"our clock and the broker's differ by {skew.TotalSeconds:0} s");
        }
        return problems;
    }
}
