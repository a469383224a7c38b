using System.Collections.Frozen;
using System.Globalization;

namespace Catalyst.Modules.Risk.Domain;

/// <summary>How a parameter's value is typed: integers refuse fractions so "max_positions: 5.5" is an error, not 5.</summary>
internal enum ParameterKind { Decimal, Integer }

/// <summary>
/// One parameter of config/risk_parameters.yaml, addressed by its dot path. <paramref name="LockedDuringCycle"/> marks the
/// values a running cycle has already sized positions with (capital, Kelly): changing them mid-day would make the day's
/// sizing inconsistent, so the API refuses them while a cycle is active.
/// </summary>
internal sealed record ParameterDefinition(string Path, ParameterKind Kind, decimal Default, decimal Min, decimal Max,
    bool MinExclusive, bool LockedDuringCycle, string Description)
{
    public string? Check(decimal value)
    {
        if (Kind == ParameterKind.Integer && value != decimal.Truncate(value))
            return $"{Path} must be a whole number";
        if (MinExclusive ? value <= Min : value < Min)
            return $"{Path} must be {(MinExclusive ? "greater than" : "at least")} {Format(Min)}";
        if (value > Max) return $"{Path} must be at most {Format(Max)}";
        return null;
    }

    public static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}

/// <summary>
/// The validated risk parameters: an immutable set of values by dot path, with typed accessors for the rules. A new set is
/// only ever built through <see cref="TryCreate"/>, so an instance in use has passed the type, range and cross-field rules.
/// </summary>
internal sealed class RiskParameters
{
    public static readonly IReadOnlyList<ParameterDefinition> Definitions =
    [
        new("capital", ParameterKind.Decimal, 100_000m, 0m, 1_000_000_000m, true, true,
            "Trading capital in USD: the base for position size limits and risk per trade"),
        new("risk_per_trade_pct", ParameterKind.Decimal, 1m, 0m, 10m, true, false,
            "Fixed-fractional sizing: percent of capital put at risk (entry to stop) per trade"),
        new("risk_reward_ratio", ParameterKind.Decimal, 1.5m, 0m, 20m, false, false,
            "Minimum reward:risk (take profit distance / stop distance); 0 disables the check"),
        new("daily_limits.max_daily_loss_usd", ParameterKind.Decimal, 2_000m, 0m, 1_000_000_000m, true, false,
            "Daily loss limit in USD (equity vs the previous close, unrealized included); entries stop at 100%"),
        new("daily_limits.warning_threshold_pct", ParameterKind.Decimal, 75m, 0m, 100m, true, false,
            "Percent of the daily loss limit that raises a warning alert"),
        new("daily_limits.critical_threshold_pct", ParameterKind.Decimal, 90m, 0m, 100m, true, false,
            "Percent of the daily loss limit that raises a critical alert"),
        new("position_limits.max_positions", ParameterKind.Integer, 5m, 1m, 100m, false, false,
            "Maximum number of open positions"),
        new("position_limits.max_position_pct", ParameterKind.Decimal, 20m, 0m, 100m, true, false,
            "Maximum value of one position as a percent of capital"),
        new("correlation.max_correlation", ParameterKind.Decimal, 0.7m, 0m, 1m, false, false,
            "Maximum correlation of daily returns between a new entry and any open position (same direction)"),
        new("correlation.lookback_days", ParameterKind.Integer, 20m, 5m, 250m, false, false,
            "Trading days of daily returns used for the correlation check"),
        new("stops.atr_multiplier", ParameterKind.Decimal, 2m, 0m, 10m, true, false,
            "Stop distance in daily ATR(14) multiples when no stop is given"),
        new("stops.fallback_stop_pct", ParameterKind.Decimal, 2m, 0m, 50m, true, false,
            "Stop distance in percent of price when neither ATR nor support is known"),
        new("kelly.fraction", ParameterKind.Decimal, 0.25m, 0m, 1m, true, true,
            "Fraction of the full Kelly stake used for sizing"),
        new("kelly.min_trades", ParameterKind.Integer, 30m, 1m, 100_000m, false, true,
            "Closed trades the journal needs before Kelly sizing replaces fixed-fractional"),
        new("order_guards.duplicate_window_seconds", ParameterKind.Integer, 30m, 0m, 3_600m, false, false,
            "An order with the same symbol, side and quantity inside this window is a duplicate; 0 disables"),
        new("order_guards.max_orders_per_minute", ParameterKind.Integer, 10m, 1m, 10_000m, false, false,
            "Approved orders allowed in any rolling minute"),
        new("order_guards.cooldown_after_rejections", ParameterKind.Integer, 3m, 1m, 100m, false, false,
            "Rejections inside the rejection window that start a cool-down"),
        new("order_guards.rejection_window_minutes", ParameterKind.Integer, 5m, 1m, 240m, false, false,
            "Window in which rejections are counted for the cool-down"),
        new("order_guards.cooldown_minutes", ParameterKind.Integer, 5m, 1m, 240m, false, false,
            "Length of the cool-down during which new entries are refused"),
        new("supervision.action_window_minutes", ParameterKind.Integer, 5m, 1m, 120m, false, false,
            "Supervised mode: minutes a pending risk action waits for approval before it executes"),
    ];

    public static readonly FrozenDictionary<string, ParameterDefinition> ByPath =
        Definitions.ToFrozenDictionary(d => d.Path, StringComparer.Ordinal);

    public static readonly RiskParameters Defaults = new(Definitions.ToFrozenDictionary(d => d.Path, d => d.Default, StringComparer.Ordinal));

    private readonly FrozenDictionary<string, decimal> _values;

    private RiskParameters(FrozenDictionary<string, decimal> values) => _values = values;

    public IReadOnlyDictionary<string, decimal> Values => _values;

    public decimal this[string path] => _values[path];

    public decimal Capital => _values["capital"];
    public decimal RiskPerTradePct => _values["risk_per_trade_pct"];
    public decimal MinRiskRewardRatio => _values["risk_reward_ratio"];
    public decimal MaxDailyLossUsd => _values["daily_limits.max_daily_loss_usd"];
    public decimal WarningThresholdPct => _values["daily_limits.warning_threshold_pct"];
    public decimal CriticalThresholdPct => _values["daily_limits.critical_threshold_pct"];
    public int MaxPositions => (int)_values["position_limits.max_positions"];
    public decimal MaxPositionPct => _values["position_limits.max_position_pct"];
    public decimal MaxPositionValue => Capital * MaxPositionPct / 100m;
    public decimal MaxCorrelation => _values["correlation.max_correlation"];
    public int CorrelationLookbackDays => (int)_values["correlation.lookback_days"];
    public decimal AtrMultiplier => _values["stops.atr_multiplier"];
    public decimal FallbackStopPct => _values["stops.fallback_stop_pct"];
    public decimal KellyFraction => _values["kelly.fraction"];
    public int KellyMinTrades => (int)_values["kelly.min_trades"];
    public TimeSpan DuplicateWindow => TimeSpan.FromSeconds((double)_values["order_guards.duplicate_window_seconds"]);
    public int MaxOrdersPerMinute => (int)_values["order_guards.max_orders_per_minute"];
    public int CooldownAfterRejections => (int)_values["order_guards.cooldown_after_rejections"];
    public TimeSpan RejectionWindow => TimeSpan.FromMinutes((double)_values["order_guards.rejection_window_minutes"]);
    public TimeSpan Cooldown => TimeSpan.FromMinutes((double)_values["order_guards.cooldown_minutes"]);
    public TimeSpan ActionWindow => TimeSpan.FromMinutes((double)_values["supervision.action_window_minutes"]);

    /// <summary>
    /// Builds a parameter set from values by path (missing paths take their defaults). Every problem is returned as
    /// (path, message); unknown paths are errors, since a misspelt key silently ignored would leave a limit at its default.
    /// </summary>
    public static bool TryCreate(IReadOnlyDictionary<string, decimal> values, out RiskParameters parameters,
        out IReadOnlyList<(string Path, string Message)> errors)
    {
        var problems = new List<(string, string)>();
        foreach (var path in values.Keys)
        {
            if (!ByPath.ContainsKey(path)) problems.Add((path, $"unknown parameter '{path}'"));
        }

        var merged = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var definition in Definitions)
        {
            var value = values.TryGetValue(definition.Path, out var given) ? given : definition.Default;
            if (definition.Check(value) is { } problem) problems.Add((definition.Path, problem));
            merged[definition.Path] = value;
        }

        if (problems.Count == 0) problems.AddRange(CrossFieldProblems(merged));
        errors = problems;
        parameters = problems.Count == 0 ? new RiskParameters(merged.ToFrozenDictionary(StringComparer.Ordinal)) : Defaults;
        return problems.Count == 0;
    }

    /// <summary>This set with one value changed, validated as a whole.</summary>
    public bool TryWith(string path, decimal value, out RiskParameters parameters,
        out IReadOnlyList<(string Path, string Message)> errors)
    {
        var values = new Dictionary<string, decimal>(_values, StringComparer.Ordinal) { [path] = value };
        return TryCreate(values, out parameters, out errors);
    }

    private static IEnumerable<(string, string)> CrossFieldProblems(IReadOnlyDictionary<string, decimal> v)
    {
        if (v["daily_limits.warning_threshold_pct"] >= v["daily_limits.critical_threshold_pct"])
            yield return ("daily_limits.warning_threshold_pct",
                "daily_limits.warning_threshold_pct must be below daily_limits.critical_threshold_pct");
        if (v["daily_limits.max_daily_loss_usd"] > v["capital"])
            yield return ("daily_limits.max_daily_loss_usd", "daily_limits.max_daily_loss_usd must not exceed capital");
        // One trade's planned risk larger than the whole day's loss budget would make the first stop-out end the day.
        var riskPerTrade = v["capital"] * v["risk_per_trade_pct"] / 100m;
        if (riskPerTrade > v["daily_limits.max_daily_loss_usd"])
            yield return ("risk_per_trade_pct",
                $"risk_per_trade_pct of capital ({ParameterDefinition.Format(riskPerTrade)} USD) must not exceed daily_limits.max_daily_loss_usd");
    }
}
