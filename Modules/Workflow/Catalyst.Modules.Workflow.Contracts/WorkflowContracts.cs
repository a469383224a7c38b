using System.Text.Json.Serialization;
using Catalyst.SharedKernel.Messaging;
using Mediator;

namespace Catalyst.Modules.Workflow.Contracts;

// The Workflow module's public surface. Workflow owns this file: it may add members and messages, but must not rename
// or remove the ones below without updating every caller (Orchestration, the backtest).

/// <summary>§5.4 POST /api/v1/workflow/start. SessionMode "autonomous" | "supervised". 409 if today's cycle runs.</summary>
public sealed record StartTradingCycle(string SessionMode = "supervised") : IRequest<CycleStartedDto>;

public sealed record CycleStartedDto(Guid CycleId, DateOnly Date, string SessionMode, string Status, string Phase);

public sealed record StopTradingCycle(string Reason = "Manual stop") : IRequest<CycleStoppedDto>;

public sealed record CycleStoppedDto(Guid CycleId, string Status, int PositionsClosed, decimal FinalPnl, DateTimeOffset StoppedAt);

public sealed record PauseTradingCycle(int? DurationSeconds, string Reason) : IRequest<WorkflowStatusDto>;

public sealed record ResumeTradingCycle : IRequest<WorkflowStatusDto>;

/// <summary>Reason ≥ 10 characters: cancel all orders, close all positions, halt, critical alert.</summary>
public sealed record EmergencyStop(string Reason) : IRequest<CycleStoppedDto>;

/// <summary>§5.4 GET /api/v1/workflow/status.</summary>
public sealed record GetWorkflowStatus : IRequest<WorkflowStatusDto>;

public sealed record WorkflowStatusDto(Guid? CycleId, DateOnly Date, string CycleState, string Phase, string? SessionMode,
    DateTimeOffset? StartedAt, string Instance);

/// <summary>§3.2 trading-cycle/current.</summary>
public sealed record GetCurrentCycle : IRequest<CurrentCycleDto>;

public sealed record CurrentCycleDto(Guid? CycleId, DateOnly Date, string MarketStatus, string CycleState, string Phase,
    int CandidatesCount, int PositionsCount, decimal DailyPnl, decimal DailyPnlPct, int TradesExecuted, decimal? WinRate);

public sealed record GetCycleHistory(int Limit = 30) : IRequest<IReadOnlyList<WorkflowStatusDto>>;

/// <summary>§3.2 trading-cycle/{cycle_id}/timeline.</summary>
public sealed record GetCycleTimeline(Guid CycleId) : IRequest<IReadOnlyList<TimelineEventDto>>;

public sealed record TimelineEventDto(DateTimeOffset Timestamp, string EventType, string Description,
    IReadOnlyDictionary<string, object?>? Metadata);

/// <summary>§3.4 positions/{position_id}/status (distance to stop/target, pattern intact, recommendation).</summary>
public sealed record GetPositionMonitor(Guid PositionId) : IRequest<object>;

/// <summary>Published on every cycle state or phase change (channel "workflow:cycle").</summary>
public sealed record CycleStateChanged(Guid CycleId, string CycleState, string Phase, DateTimeOffset Timestamp) : IIntegrationEvent
{
    public const string ChannelName = "workflow:cycle";

    [JsonIgnore]
    public string Channel => ChannelName;
}
