namespace Catalyst.Modules.Risk.Domain;

internal sealed record KillSwitchSnapshot(bool Active, string? Reason, DateTimeOffset ChangedAt, string Actor);

/// <summary>
/// The kill switch as the checks read it: in memory for speed, loaded from and written through to risk.kill_switch_events
/// (KillSwitchService), so a restart does not silently re-enable trading.
/// </summary>
internal sealed class KillSwitchState
{
    private KillSwitchSnapshot? _current;

    /// <summary>Null until read from the database.</summary>
    public KillSwitchSnapshot? Current => Volatile.Read(ref _current);

    public void Set(KillSwitchSnapshot snapshot) => Volatile.Write(ref _current, snapshot);

    public KillSwitchSnapshot SetIfUnset(KillSwitchSnapshot snapshot) =>
        Interlocked.CompareExchange(ref _current, snapshot, null) ?? snapshot;
}
