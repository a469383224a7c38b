using Catalyst.Modules.Workflow.Contracts;
using Catalyst.Modules.Workflow.Persistence;

namespace Catalyst.Modules.Workflow.Domain;

internal static class CycleRules
{
    /// <summary>
    /// §3.2 cycle_state from the phase and the cycle: scanning before the open, evaluating during the opening range,
    /// trading while an autonomous cycle may enter, monitoring otherwise (supervised, paused, after the last entry, and
    /// while the close flattens and reconciles), closed once the cycle has ended.
    /// </summary>
    public static string StateFor(TradingCycleRow cycle, string phase, TradingDaySchedule schedule, DateTimeOffset now)
    {
        if (!CycleStatuses.IsActive(cycle.Status) || cycle.ClosedAt is not null) return CycleStates.Closed;
        return phase switch
        {
            Phases.PreMarket => CycleStates.Scanning,
            Phases.OpeningRange => CycleStates.Evaluating,
            _ when Phases.IsTrading(phase) => cycle.SessionMode == SessionModes.Autonomous && cycle.Status == CycleStatuses.Running
                                              && schedule.EntriesAllowed(now)
                ? CycleStates.Trading
                : CycleStates.Monitoring,
            _ => CycleStates.Monitoring,
        };
    }
}
