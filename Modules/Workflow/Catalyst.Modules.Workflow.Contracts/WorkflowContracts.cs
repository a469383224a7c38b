using System.Text.Json.Serialization;
using Catalyst.SharedKernel.Messaging;
using Mediator;

namespace Catalyst.Modules.Workflow.Contracts;

// The Workflow module's public surface. Workflow owns this file: it may add members and messages, but must not rename
// or remove the ones below without updating every caller (Orchestration, the backtest).

/// <summary>The wire names of the session modes (§4.2).</summary>
public static class SessionModes
{
    public const string Autonomous = "autonomous";
    public const string Supervised = "supervised";

    public static bool IsValid(string? mode) => mode is Autonomous or Supervised;
}

/// <summary>
/// §5.4 POST /api/v1/workflow/start. SessionMode "autonomous" | "supervised". 409 (WORKFLOW_ALREADY_RUNNING) if today's
/// cycle runs; 409 (MARKET_CLOSED) on a day the NYSE is closed or after today's close, naming the next trading day.
/// </summary>
public sealed record StartTradingCycle(string SessionMode = "supervised") : IRequest<CycleStartedDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (!SessionModes.IsValid(SessionMode))
            yield return ("session_mode", $"'{SessionMode}' is not a session mode: use autonomous or supervised");
    }
}

public sealed record CycleStartedDto(Guid CycleId, DateOnly Date, string SessionMode, string Status, string Phase,
    string? Message = null);

/// <summary>§5.4 POST /api/v1/workflow/stop: closes every position, then stops the cycle. 409 when no cycle runs.</summary>
public sealed record StopTradingCycle(string Reason = "Manual stop") : IRequest<CycleStoppedDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Reason)) yield return ("reason", "reason must not be empty");
        else if (Reason.Length > 500) yield return ("reason", "reason must be at most 500 characters");
    }
}

/// <summary>
/// §5.4 stop body; the emergency stop (v5 §3.1) fills <see cref="OrdersCancelled"/> and <see cref="Message"/> too.
/// <see cref="CycleId"/> is null when an emergency stop found no cycle running (it still cancels and flattens).
/// </summary>
public sealed record CycleStoppedDto(Guid? CycleId, string Status, int PositionsClosed, decimal FinalPnl, DateTimeOffset StoppedAt,
    int OrdersCancelled = 0, string? Message = null);

/// <summary>
/// v4.1 pause_trading: no scans and no new entries until resumed, or until <see cref="DurationSeconds"/> (1–86400)
/// have passed; open positions keep their stops and targets, and the 15:30 close still runs. 409 when not running.
/// </summary>
public sealed record PauseTradingCycle(int? DurationSeconds, string Reason) : IRequest<WorkflowStatusDto>, IValidatable
{
    public const int MaxDurationSeconds = 86_400;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (DurationSeconds is < 1 or > MaxDurationSeconds)
            yield return ("duration_seconds", $"duration_seconds must be 1 to {MaxDurationSeconds} (or omitted: until resumed)");
        if (string.IsNullOrWhiteSpace(Reason)) yield return ("reason", "reason must not be empty");
        else if (Reason.Length > 500) yield return ("reason", "reason must be at most 500 characters");
    }
}

/// <summary>v4.1 resume_trading. 409 when the cycle is not paused.</summary>
public sealed record ResumeTradingCycle : IRequest<WorkflowStatusDto>;

/// <summary>
/// Reason ≥ 10 characters: stops the cycle, turns the kill switch on (halt), cancels all orders, closes all positions and
/// raises a critical alert. Works with or without a running cycle.
/// </summary>
public sealed record EmergencyStop(string Reason) : IRequest<CycleStoppedDto>, IValidatable
{
    public const int MinReasonLength = 10;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Reason is null || Reason.Trim().Length < MinReasonLength)
            yield return ("reason", $"an emergency stop needs a reason of at least {MinReasonLength} characters");
        else if (Reason.Length > 500) yield return ("reason", "reason must be at most 500 characters");
    }
}

/// <summary>§5.4 GET /api/v1/workflow/status.</summary>
public sealed record GetWorkflowStatus : IRequest<WorkflowStatusDto>;

/// <summary>
/// §5.4 status body plus what an operator needs: <see cref="Status"/> running | paused | stopped | emergency_stopped |
/// closed | none; <see cref="Instance"/> leader | standby (only the leader drives the cycle, a standby serves reads);
/// <see cref="ResumeAt"/> when a timed pause ends.
/// </summary>
public sealed record WorkflowStatusDto(Guid? CycleId, DateOnly Date, string CycleState, string Phase, string? SessionMode,
    DateTimeOffset? StartedAt, string Instance, string Status = "none", string MarketStatus = "closed",
    DateTimeOffset? PausedAt = null, DateTimeOffset? ResumeAt = null, string? PauseReason = null,
    DateTimeOffset? StoppedAt = null, string? StopReason = null, int ScansCompleted = 0, int? PositionsHeld = null,
    string? Message = null);

/// <summary>§3.2 trading-cycle/current.</summary>
public sealed record GetCurrentCycle : IRequest<CurrentCycleDto>;

/// <summary>
/// §3.2 trading-cycle/current. daily_pnl is realized + unrealized today; daily_pnl_pct is in percent of the account's
/// equity at the previous close; trades_executed counts closed round trips today; win_rate is wins / (wins + losses).
/// </summary>
public sealed record CurrentCycleDto(Guid? CycleId, DateOnly Date, string MarketStatus, string CycleState, string Phase,
    int CandidatesCount, int PositionsCount, decimal DailyPnl, decimal DailyPnlPct, int TradesExecuted, decimal? WinRate);

/// <summary>The latest cycles first; Limit 1–365.</summary>
public sealed record GetCycleHistory(int Limit = 30) : IRequest<IReadOnlyList<WorkflowStatusDto>>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Limit is < 1 or > 365) yield return ("limit", "limit must be 1 to 365");
    }
}

/// <summary>§3.2 trading-cycle/{cycle_id}/timeline. 404 for an unknown cycle.</summary>
public sealed record GetCycleTimeline(Guid CycleId) : IRequest<IReadOnlyList<TimelineEventDto>>;

public sealed record TimelineEventDto(DateTimeOffset Timestamp, string EventType, string Description,
    IReadOnlyDictionary<string, object?>? Metadata);

/// <summary>
/// The cycle's decision log (candidate kept/dropped, risk approved/rejected, entry, exit), oldest first, each with the
/// features known when it was taken. 404 for an unknown cycle. DecisionType filters ("candidate", "risk", "entry", "exit").
/// </summary>
public sealed record GetDecisionLog(Guid CycleId, string? DecisionType = null) : IRequest<IReadOnlyList<DecisionLogDto>>,
    IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (DecisionType is not null && !DecisionTypes.All.Contains(DecisionType))
            yield return ("decision_type", $"'{DecisionType}' is not a decision type: use {string.Join(", ", DecisionTypes.All)}");
    }
}

public static class DecisionTypes
{
    public const string Candidate = "candidate";
    public const string Risk = "risk";
    public const string Entry = "entry";
    public const string Exit = "exit";

    public static readonly IReadOnlyList<string> All = [Candidate, Risk, Entry, Exit];
}

/// <summary>
/// One decision: <see cref="Decision"/> is kept | dropped (candidate), approved | rejected (risk), entered | failed
/// (entry), exited (exit).
/// </summary>
public sealed record DecisionLogDto(long Id, Guid? CycleId, DateTimeOffset Timestamp, string DecisionType, string? Symbol,
    string Decision, string Reason, Guid? OrderId, Guid? PositionId, IReadOnlyDictionary<string, object?> Features);

/// <summary>§3.4 positions/{position_id}/status (distance to stop/target, pattern intact, recommendation). 404 if unknown.</summary>
public sealed record GetPositionMonitor(Guid PositionId) : IRequest<PositionMonitorDto>;

/// <summary>§3.4 positions/{position_id}/status. Status open | closed | stopped_out. Distances are in price units.</summary>
public sealed record PositionMonitorDto(Guid PositionId, string Symbol, string Status, decimal? CurrentPrice,
    decimal? UnrealizedPnl, decimal? DistanceToStop, decimal? DistanceToTarget, TechnicalUpdateDto TechnicalUpdate,
    string Recommendation);

public sealed record TechnicalUpdateDto(bool AtSupport, decimal? SupportLevel, bool PatternIntact);

/// <summary>Published on every cycle state or phase change (channel "cycle:changed", CONTRACT §1).</summary>
public sealed record CycleStateChanged(Guid CycleId, string CycleState, string Phase, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public const string ChannelName = "cycle:changed";

    [JsonIgnore]
    public string Channel => ChannelName;
}
