namespace Catalyst.Modules.Risk.Domain;

internal sealed record KillSwitchSnapshot(bool Active, string? Reason, DateTimeOffset ChangedAt, string Actor);

/// <summary>
/// The kill switch as the checks read it: in memory for speed, loaded from and written through to the risk schema
/// (KillSwitchService), so a restart does not silently re-enable trading.
/// </summary>
internal sealed class KillSwitchState
{
    private volatile KillSwitchSnapshot? _current;

    /// <summary>Null until loaded; the checks treat "unknown" via <see cref="KillSwitchService"/>, never as off.</summary>
    public KillSwitchSnapshot? Current => _current;

    public void Set(KillSwitchSnapshot snapshot) => _current = snapshot;
}
