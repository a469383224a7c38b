using Catalyst.Modules.Workflow.Contracts;

namespace Catalyst.Modules.Workflow;

/// <summary>Configuration section <c>Catalyst:Workflow</c>.</summary>
internal sealed class WorkflowOptions
{
    public const string Section = "Catalyst:Workflow";
    public const string DefaultLeaderKey = "catalyst:workflow:leader";

    /// <summary>Seconds between pre-market scans (08:00–09:25 ET); the seed's scan_frequency.</summary>
    public int ScanFrequencySeconds { get; set; } = 900;

    /// <summary>
    /// Minutes between intraday rescans after the post-opening-range scan, while entries are allowed (0: no rescans).
    /// </summary>
    public int IntradayScanMinutes { get; set; } = 15;

    /// <summary>Heartbeat position: after the market (0), the broker (10) and Risk (20), so a minute's fills are known.</summary>
    public int HeartbeatOrder { get; set; } = 50;

    /// <summary>
    /// The Redis key of the leader lock. Empty means <see cref="DefaultLeaderKey"/> behind Catalyst:Redis:ChannelPrefix,
    /// so hosts that share a Redis but not a deployment (tests) do not contend.
    /// </summary>
    public string? LeaderKey { get; set; }

    /// <summary>Lock expiry; the holder renews it every third of this. A dead leader is replaced within this time.</summary>
    public int LeaderTtlSeconds { get; set; } = 30;

    /// <summary>No new strategy entries this many minutes before the close (16:00 → 15:15 by default).</summary>
    public int LastEntryMinutesBeforeClose { get; set; } = 45;

    /// <summary>When a flatten has not left the book flat, it is sent again after this many minutes.</summary>
    public int FlattenRetryMinutes { get; set; } = 5;

    public Stage1Settings Strategy { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (ScanFrequencySeconds is < 60 or > 3600)
            yield return $"{Section}:ScanFrequencySeconds is {ScanFrequencySeconds}; use 60 to 3600 seconds.";
        if (IntradayScanMinutes is < 0 or > 390)
            yield return $"{Section}:IntradayScanMinutes is {IntradayScanMinutes}; use 0 (no rescans) to 390 minutes.";
        if (LeaderTtlSeconds is < 3 or > 600)
            yield return $"{Section}:LeaderTtlSeconds is {LeaderTtlSeconds}; use 3 to 600 seconds.";
        if (LastEntryMinutesBeforeClose is < 30 or > 390)
            yield return $"{Section}:LastEntryMinutesBeforeClose is {LastEntryMinutesBeforeClose}; use 30 (the close phase) to 390.";
        if (FlattenRetryMinutes is < 1 or > 25)
            yield return $"{Section}:FlattenRetryMinutes is {FlattenRetryMinutes}; use 1 to 25.";
        foreach (var (field, message) in Strategy.Validate())
            yield return $"{Section}:Strategy:{field}: {message}.";
    }
}

/// <summary>How the simulated day starts its cycle by itself (Catalyst:Simulation:AutoStart, read here by name so the
/// module does not depend on the simulation adapter).</summary>
internal enum AutoStartMode { Off, Supervised, Autonomous }

internal static class AutoStartSetting
{
    public const string Key = "Catalyst:Simulation:AutoStart";

    /// <summary>Missing means supervised, as the simulation's own default.</summary>
    public static AutoStartMode Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "supervised" => AutoStartMode.Supervised,
        "off" or "false" or "none" => AutoStartMode.Off,
        "autonomous" => AutoStartMode.Autonomous,
        _ => throw new InvalidOperationException($"{Key} is '{text}'; use off, supervised or autonomous."),
    };
}
