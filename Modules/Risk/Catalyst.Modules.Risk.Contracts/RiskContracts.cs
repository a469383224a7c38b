using System.Text.Json.Serialization;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Ports;
using Mediator;

namespace Catalyst.Modules.Risk.Contracts;

// The Risk module's public surface. Other modules (Trading, Workflow, Scanner, Orchestration) talk to Risk only through
// these messages. The Risk module owns this file: it may add members and messages, but must not rename or remove the
// ones below without updating every caller.

/// <summary>
/// §5.3 POST /api/v1/risk/validate. <paramref name="Quantity"/> null → Risk sizes the position (Kelly or fixed-fractional).
/// <paramref name="Price"/> null → the current price from the market data port. <paramref name="StopLoss"/> null → 2×ATR
/// or technical support. <paramref name="IsExit"/> true for orders that reduce a position (allowed even with the kill
/// switch on or the loss limit hit). <paramref name="Preview"/> true for an assessment that is not followed by an order
/// (the Scanner's risk_assessment, a what-if): the same checks, but it does not count towards the order-flow guards
/// (duplicate order, order rate, rejection cool-down). Everything else — Trading before each order — leaves it false.
/// Bad input (malformed symbol, non-positive numbers, a stop or target on the wrong side of the price) is a 400 naming
/// the field; a rejection is never an exception.
/// </summary>
public sealed record ValidateTrade(
    string Symbol,
    OrderSide Side,
    decimal? Quantity = null,
    decimal? Price = null,
    decimal? StopLoss = null,
    decimal? TakeProfit = null,
    bool IsExit = false,
    bool Preview = false) : IRequest<RiskDecision>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (!Catalyst.SharedKernel.Domain.Symbol.TryParse(Symbol, out _))
            yield return ("symbol", $"'{Symbol}' is not a valid symbol: 1-10 characters, an upper-case letter first, then A-Z, 0-9 or '.'");
        if (!Enum.IsDefined(Side)) yield return ("side", "side must be buy or sell");
        if (Quantity is <= 0m) yield return ("quantity", "quantity must be greater than 0");
        if (Price is <= 0m) yield return ("price", "price must be greater than 0");
        if (StopLoss is <= 0m) yield return ("stop_loss", "stop_loss must be greater than 0");
        if (TakeProfit is <= 0m) yield return ("take_profit", "take_profit must be greater than 0");
        if (Price is > 0m && !IsExit)
        {
            foreach (var problem in PriceRules.Check(Side, Price.Value, StopLoss, TakeProfit)) yield return problem;
        }
    }
}

/// <summary>Where a stop and a target must sit for an entry: under and over a buy's price, over and under a sell's.</summary>
public static class PriceRules
{
    public static IEnumerable<(string Field, string Message)> Check(OrderSide side, decimal price, decimal? stopLoss, decimal? takeProfit)
    {
        var buy = side == OrderSide.Buy;
        if (stopLoss is > 0m && (buy ? stopLoss >= price : stopLoss <= price))
            yield return ("stop_loss", $"stop_loss must be {(buy ? "below" : "above")} the price ({price}) for a {(buy ? "buy" : "sell")}");
        if (takeProfit is > 0m && (buy ? takeProfit <= price : takeProfit >= price))
            yield return ("take_profit", $"take_profit must be {(buy ? "above" : "below")} the price ({price}) for a {(buy ? "buy" : "sell")}");
    }
}

/// <summary>
/// The outcome of <see cref="ValidateTrade"/>. Approved: §5.3 200 body (position_size, risk_amount, max_risk,
/// checks_passed). Rejected: reason plus details (details["check_failed"] names the check). Risk never throws for a
/// rejection; the REST endpoint maps Approved=false to 403 with this body.
/// </summary>
public sealed record RiskDecision(
    bool Approved,
    decimal PositionSize,
    decimal RiskAmount,
    decimal MaxRisk,
    IReadOnlyList<string> ChecksPassed,
    decimal? StopLoss,
    decimal? TakeProfit,
    string? Reason,
    IReadOnlyDictionary<string, object?>? Details);

/// <summary>§5.3 GET /api/v1/risk/status.</summary>
public sealed record GetRiskStatus : IRequest<RiskStatusDto>;

/// <summary>
/// §5.3 body. <paramref name="MaxDailyLoss"/> is negative as in §5.3 (-2000.0: the P&amp;L floor). Status: "healthy" below
/// the warning threshold, "warning", "critical" (at or past the critical threshold), "halted" (loss limit reached or kill
/// switch on: entries are refused).
/// </summary>
public sealed record RiskStatusDto(
    decimal DailyPnl,
    decimal DailyPnlPct,
    decimal MaxDailyLoss,
    decimal LossLimitUsedPct,
    int PositionsCount,
    int MaxPositions,
    decimal TotalExposure,
    decimal Capital,
    string Status,
    bool KillSwitchActive,
    decimal MaxExposure = 0m,
    string? Message = null);

/// <summary>Raise an alert from any module (e.g. Workflow's emergency stop, Reporting's failed EOD delivery).</summary>
public sealed record RaiseAlert(string Severity, string AlertType, string Message, IReadOnlyDictionary<string, object?>? Details = null)
    : IRequest<Guid>;

/// <summary>§3.6 alerts/active; Status "active" or "all".</summary>
public sealed record GetAlerts(string Status = "active") : IRequest<IReadOnlyList<AlertDto>>;

/// <summary>§3.6 alert; <paramref name="ActionId"/> names a pending supervised risk action to approve or reject.</summary>
public sealed record AlertDto(Guid AlertId, string Severity, string AlertType, string Message, DateTimeOffset Timestamp,
    bool Acknowledged, Guid? ActionId, IReadOnlyDictionary<string, object?>? Details, bool ActionRequired = false,
    string? SuggestedAction = null, DateTimeOffset? AcknowledgedAt = null, string? AcknowledgedBy = null);

/// <summary>POST /api/v1/alerts/{alert_id}/acknowledge. 404 for an unknown id; acknowledging twice is harmless.</summary>
public sealed record AcknowledgeAlert(Guid AlertId, string Actor = "api") : IRequest<AlertDto>;

/// <summary>Published (in-process and on Redis "alerts:raised") whenever an alert is raised or changes.</summary>
public sealed record AlertRaised(AlertDto Alert) : IIntegrationEvent
{
    public const string ChannelName = "alerts:raised";

    [JsonIgnore]
    public string Channel => ChannelName;
}

/// <summary>Kill switch on (Reason required) or off. While on, entries are rejected; exits are allowed.</summary>
public sealed record SetKillSwitch(bool Active, string? Reason, string Actor = "api") : IRequest<KillSwitchDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Active && string.IsNullOrWhiteSpace(Reason)) yield return ("reason", "a reason is required to activate the kill switch");
        if (Reason is { Length: > 500 }) yield return ("reason", "reason must be at most 500 characters");
    }
}

public sealed record GetKillSwitch : IRequest<KillSwitchDto>;

public sealed record KillSwitchDto(bool Active, string? Reason, DateTimeOffset ChangedAt, string? ChangedBy = null);

/// <summary>The current, validated risk parameters (config/risk_parameters.yaml) for readers in other modules.</summary>
public sealed record GetRiskParameters : IRequest<RiskParametersDto>;

public sealed record RiskParametersDto(decimal Capital, decimal MaxDailyLossUsd, int MaxPositions, decimal MaxPositionPct,
    decimal RiskPerTradePct, decimal AtrMultiplier, decimal MinRiskRewardRatio);

/// <summary>
/// §4.5 update_risk_parameter and POST /api/v1/config/update. <paramref name="ParameterPath"/> is the dot path in
/// config/risk_parameters.yaml (e.g. "daily_limits.max_daily_loss_usd"). Unknown path or bad value → ValidationException
/// (field "parameter_path" or "new_value"); a parameter that must not change while a cycle runs → ForbiddenException.
/// <paramref name="Actor"/> is who asked (the API key name; "mcp:&lt;key name&gt;" from the MCP tool) for the change history.
/// </summary>
public sealed record UpdateRiskParameter(string ParameterPath, decimal NewValue, string Actor = "api")
    : IRequest<RiskParameterChangeDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (string.IsNullOrWhiteSpace(ParameterPath)) yield return ("parameter_path", "parameter_path is required");
    }
}

/// <summary>§4.5 body: parameter, old_value, new_value, message (plus who and when; updated_at is §5.3's name for when).</summary>
public sealed record RiskParameterChangeDto(string Parameter, decimal? OldValue, decimal NewValue, string Actor,
    DateTimeOffset ChangedAt, string Message)
{
    public DateTimeOffset UpdatedAt => ChangedAt;
}

/// <summary>
/// §7.4 supervised window: approve runs the pending risk action now, reject cancels it. NotFoundException for an
/// unknown id; ConflictException when it already ran, expired or was decided.
/// </summary>
public sealed record RespondToRiskAction(Guid ActionId, bool Approve, string Actor = "api") : IRequest<RiskActionDto>;

/// <summary>
/// A risk action (e.g. flatten_all at the daily loss limit). Status "pending" (supervised, waiting for a decision or the
/// end of its window), "executing", "executed", "rejected" or "failed". DecidedBy says how it was decided: the approving
/// actor, "timeout" (the window ended without a decision) or "autonomous" (executed at once). Result: what the action did.
/// </summary>
public sealed record RiskActionDto(Guid ActionId, string ActionType, string Status, string Description,
    DateTimeOffset CreatedAt, DateTimeOffset ExecuteAt, DateTimeOffset? DecidedAt, string? DecidedBy,
    string? SessionMode = null, DateTimeOffset? ExecutedAt = null, IReadOnlyDictionary<string, object?>? Result = null);

/// <summary>GET /api/v1/config: the mode, every risk parameter (by dot path), where they come from, recent changes.</summary>
public sealed record GetRiskConfig(int RecentChanges = 20) : IRequest<RiskConfigDto>;

public sealed record RiskConfigDto(string Mode, IReadOnlyDictionary<string, decimal> RiskParameters, string ParametersFile,
    DateTimeOffset LoadedAt, IReadOnlyList<string> FileErrors, IReadOnlyList<string> LockedDuringCycle,
    IReadOnlyDictionary<string, object?> Settings, IReadOnlyList<ParameterChangeDto> RecentChanges);

public sealed record ParameterChangeDto(string Parameter, decimal OldValue, decimal NewValue, string Actor, DateTimeOffset ChangedAt);

/// <summary>v5 §2.3 risk/limits: each limit, its use and what is left.</summary>
public sealed record GetRiskLimits : IRequest<RiskLimitsDto>;

public sealed record RiskLimitsDto(LimitUseDto DailyLoss, LimitUseDto Positions, decimal MaxPositionPct, decimal MaxPositionValue,
    decimal RiskPerTradePct, decimal RiskPerTradeUsd, decimal MaxCorrelation, int CorrelationLookbackDays, decimal AtrMultiplier,
    decimal MinRiskRewardRatio, decimal WarningThresholdPct, decimal CriticalThresholdPct, decimal KellyFraction,
    int KellyMinTrades, OrderGuardsDto OrderGuards, bool KillSwitchActive, string Status);

public sealed record LimitUseDto(decimal Limit, decimal Used, decimal Available, decimal UsedPct);

public sealed record OrderGuardsDto(int DuplicateWindowSeconds, int MaxOrdersPerMinute, int CooldownAfterRejections,
    int RejectionWindowMinutes, int CooldownMinutes, DateTimeOffset? CooldownUntil);

/// <summary>v5 §2.3 risk/exposures: open exposure per symbol from the broker.</summary>
public sealed record GetRiskExposures : IRequest<RiskExposuresDto>;

public sealed record RiskExposuresDto(decimal Capital, decimal GrossExposure, decimal NetExposure, decimal LongExposure,
    decimal ShortExposure, decimal GrossExposurePct, int PositionsCount, IReadOnlyList<ExposureDto> Positions);

public sealed record ExposureDto(string Symbol, string Side, decimal Quantity, decimal AvgEntryPrice, decimal CurrentPrice,
    decimal MarketValue, decimal PctOfCapital, decimal UnrealizedPnl);

/// <summary>Risk actions, newest first; Status "pending" or "all".</summary>
public sealed record GetRiskActions(string Status = "pending") : IRequest<IReadOnlyList<RiskActionDto>>;

