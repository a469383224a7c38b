using System.Globalization;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation;

/// <summary>How a simulated session starts trading on its own: not at all, with a human approving, or unattended.</summary>
public enum SimulationAutoStart { Off, Supervised, Autonomous }

/// <summary>Configuration section <c>Catalyst:Simulation</c>.</summary>
public sealed record SimulationOptions
{
    public const string SectionName = "Catalyst:Simulation";
    public const string MaxSpeed = "max";

    /// <summary>Speed "manual": nothing steps the clock on its own; tests and the backtest step the session themselves.</summary>
    public const string ManualSpeed = "manual";

    public bool IsManual => string.Equals(Speed?.Trim(), ManualSpeed, StringComparison.OrdinalIgnoreCase);

    /// <summary>Same seed and date give the same market and news, byte for byte.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Virtual seconds per real second ("1" real time, "60" a virtual minute per second), or "max" (no waiting).</summary>
    public string Speed { get; set; } = "60";

    /// <summary>
    /// The simulated trading day; null means the trading day after <see cref="After"/> when that is set, else the next
    /// NYSE trading day on or after today (Eastern).
    /// </summary>
    public DateOnly? Date { get; set; }

    /// <summary>
    /// When <see cref="Date"/> is not set: simulate the first trading day after this one. A local run passes the last day
    /// its database simulated, so each run is the next day instead of replaying a day whose cycle already closed.
    /// </summary>
    public DateOnly? After { get; set; }

    /// <summary>A folder of 1-minute CSV files (Lean or Alpaca layout) to replay instead of the generated market.</summary>
    public string? ReplayDirectory { get; set; }

    public SimulationAutoStart AutoStart { get; set; } = SimulationAutoStart.Supervised;

    /// <summary>Share of simulated days (0–1) that carry catalyst names; 1 means every day.</summary>
    public double CatalystDayShare { get; set; } = 1.0;

    public int UniverseSize { get; set; } = 100;

    /// <summary>Simulated broker: market-order slippage in basis points.</summary>
    public decimal SlippageBps { get; set; } = 5m;

    /// <summary>Each problem as (field, message); empty when the options are usable.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (!IsManual && !TryParseSpeed(Speed, out _))
            yield return (nameof(Speed),
                $"{SectionName}:Speed is '{Speed}'; use a positive number of virtual seconds per real second "
                + "(1 = real time, 60 = one virtual minute per real second, at most 1000000), 'max' (no waiting) or 'manual' (stepped by the caller).");
        if (double.IsNaN(CatalystDayShare) || CatalystDayShare is < 0 or > 1)
            yield return (nameof(CatalystDayShare), $"{SectionName}:CatalystDayShare is {CatalystDayShare}; use a value from 0 to 1.");
        if (UniverseSize is < 20 or > 5000)
            yield return (nameof(UniverseSize), $"{SectionName}:UniverseSize is {UniverseSize}; use 20 to 5000 symbols.");
        if (SlippageBps is < 0 or > 1000)
            yield return (nameof(SlippageBps), $"{SectionName}:SlippageBps is {SlippageBps}; use 0 to 1000 basis points.");
        if (ReplayDirectory is { Length: > 0 } dir && !Directory.Exists(dir))
            yield return (nameof(ReplayDirectory), $"{SectionName}:ReplayDirectory '{dir}' does not exist.");
    }

    /// <summary>Throws a start-up error listing every problem.</summary>
    public void EnsureValid()
    {
        var problems = Validate().Select(p => p.Message).ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
    }

    /// <summary>The real time to wait between virtual minutes; zero for "max".</summary>
    public TimeSpan StepDelay()
    {
        if (IsManual) return Timeout.InfiniteTimeSpan;
        if (!TryParseSpeed(Speed, out var speed)) EnsureValid();
        return speed is null ? TimeSpan.Zero : TimeSpan.FromSeconds(60.0 / speed.Value);
    }

    /// <summary>
    /// The configured date; else the trading day after <see cref="After"/>; else the next trading day on or after today's
    /// Eastern date on <paramref name="systemClock"/>.
    /// </summary>
    public DateOnly ResolveDate(TimeProvider systemClock)
    {
        if (Date is { } date) return date;
        if (After is { } after) return NyseCalendar.NextTradingDay(after);
        var today = systemClock.TodayEastern();
        return NyseCalendar.IsTradingDay(today) ? today : NyseCalendar.NextTradingDay(today);
    }

    /// <summary>null speed means "max".</summary>
    internal static bool TryParseSpeed(string? text, out double? speed)
    {
        speed = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        if (string.Equals(trimmed, MaxSpeed, StringComparison.OrdinalIgnoreCase)) return true;
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value > 0 && value <= 1_000_000)
        {
            speed = value;
            return true;
        }
        return false;
    }
}
