using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Workflow.Contracts;

/// <summary>A scan candidate as the Stage 1 strategy sees it: the pattern's entry, stop and target (long setups).</summary>
public sealed record StrategyCandidate(string Symbol, decimal? Entry, decimal? Stop, decimal? Target, string? Pattern,
    string? Catalyst);

/// <summary>The rule's knobs (config section Catalyst:Workflow:Strategy). Defaults are the Stage 1 rule.</summary>
public sealed record Stage1Settings
{
    /// <summary>The trigger bar's volume must be at least this multiple of the average of the bars before it.</summary>
    public decimal MinVolumeRatio { get; init; } = 1.5m;

    /// <summary>How many bars before the trigger bar make the volume average.</summary>
    public int VolumeLookbackBars { get; init; } = 20;

    /// <summary>Fewer bars than this before the trigger bar: no volume judgement is possible, so no entry.</summary>
    public int MinLookbackBars { get; init; } = 5;

    /// <summary>No entry when the close is already this far above the entry (percent): the move has gone.</summary>
    public decimal MaxChasePct { get; init; } = 2m;

    /// <summary>Setups whose reward:risk (target − entry) / (entry − stop) is below this are dropped.</summary>
    public decimal MinRewardRisk { get; init; } = 1.5m;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (MinVolumeRatio < 0) yield return ("min_volume_ratio", "min_volume_ratio must not be negative");
        if (VolumeLookbackBars is < 1 or > 390) yield return ("volume_lookback_bars", "volume_lookback_bars must be 1 to 390");
        if (MinLookbackBars < 1 || MinLookbackBars > VolumeLookbackBars)
            yield return ("min_lookback_bars", "min_lookback_bars must be 1 to volume_lookback_bars");
        if (MaxChasePct is < 0 or > 100) yield return ("max_chase_pct", "max_chase_pct must be 0 to 100");
        if (MinRewardRisk is < 0 or > 100) yield return ("min_reward_risk", "min_reward_risk must be 0 to 100");
    }
}

/// <summary>What the strategy concluded about one candidate at one bar.</summary>
public enum StrategyVerdict
{
    /// <summary>The setup itself is unusable (no levels, stop above entry, reward:risk too small): drop the candidate.</summary>
    Invalid,

    /// <summary>A valid setup that did not trigger on this bar: keep watching.</summary>
    Wait,

    /// <summary>Price crossed the entry with volume: buy now with the pattern's stop and target.</summary>
    Enter,
}

/// <summary>
/// The decision and everything it was based on (<see cref="Features"/>), so the decision log can store the inputs and a
/// backtest can explain each trade.
/// </summary>
public sealed record StrategySignal(StrategyVerdict Verdict, string Reason, decimal? Entry, decimal? Stop, decimal? Target,
    decimal? Price, decimal? VolumeRatio, decimal? RewardRisk)
{
    public IReadOnlyDictionary<string, object?> Features => new Dictionary<string, object?>
    {
        ["entry"] = Entry,
        ["stop"] = Stop,
        ["target"] = Target,
        ["price"] = Price,
        ["volume_ratio"] = VolumeRatio,
        ["reward_risk"] = RewardRisk,
    };
}

/// <summary>
/// The rule-based Stage 1 entry (glossary: "Stage 1: rule-based trading with data collection"). Pure and deterministic:
/// the same candidate and bars give the same signal, live, in the simulated day and in a backtest.
/// <para>
/// Enter long when the latest completed minute bar closes at or above the pattern's entry after the previous bar closed
/// below it (the cross), on volume at least <see cref="Stage1Settings.MinVolumeRatio"/> × the average of the bars before
/// it, without having run more than <see cref="Stage1Settings.MaxChasePct"/> past the entry, with the bar's low still
/// above the stop, the close still below the target, and reward:risk from that close (the price actually paid) still at
/// least <see cref="Stage1Settings.MinRewardRisk"/>. Stop and target are the pattern's.
/// </para>
/// </summary>
public sealed class Stage1Strategy(Stage1Settings settings)
{
    public Stage1Settings Settings { get; } = settings;

    /// <summary>Checks the setup alone (levels and reward:risk), before any bar is seen.</summary>
    public StrategySignal Assess(StrategyCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Entry is not { } entry || candidate.Stop is not { } stop || candidate.Target is not { } target)
            return new StrategySignal(StrategyVerdict.Invalid, "no pattern levels (entry, stop and target are required)",
                candidate.Entry, candidate.Stop, candidate.Target, null, null, null);
        if (entry <= 0 || stop <= 0 || target <= 0)
            return new StrategySignal(StrategyVerdict.Invalid, "pattern levels must be positive", entry, stop, target, null, null, null);
        if (!(stop < entry && entry < target))
            return new StrategySignal(StrategyVerdict.Invalid, $"not a long setup: stop {stop} < entry {entry} < target {target} does not hold",
                entry, stop, target, null, null, null);
        var rewardRisk = Math.Round((target - entry) / (entry - stop), 4);
        if (rewardRisk < Settings.MinRewardRisk)
            return new StrategySignal(StrategyVerdict.Invalid,
                $"reward:risk {rewardRisk:0.##} is below the minimum {Settings.MinRewardRisk:0.##}", entry, stop, target, null, null, rewardRisk);
        return new StrategySignal(StrategyVerdict.Wait, "valid setup: waiting for the entry trigger", entry, stop, target, null, null, rewardRisk);
    }

    /// <summary>
    /// Evaluates the latest completed minute bar (<paramref name="bars"/>[^1]) against the setup; the bars before it
    /// give the previous close and the volume average. Bars must be in time order.
    /// </summary>
    public StrategySignal Evaluate(StrategyCandidate candidate, IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var setup = Assess(candidate);
        if (setup.Verdict == StrategyVerdict.Invalid) return setup;
        decimal entry = setup.Entry!.Value, stop = setup.Stop!.Value, target = setup.Target!.Value;
        if (bars.Count < 2)
            return setup with { Reason = "not enough bars yet" };

        var latest = bars[^1];
        var previous = bars[^2];
        var lookback = Math.Min(Settings.VolumeLookbackBars, bars.Count - 1);
        decimal volumeSum = 0;
        for (var i = bars.Count - 1 - lookback; i < bars.Count - 1; i++) volumeSum += bars[i].Volume;
        var average = lookback > 0 ? volumeSum / lookback : 0m;
        decimal? ratio = average > 0 ? Math.Round(latest.Volume / average, 4) : null;
        var seen = setup with { Price = latest.Close, VolumeRatio = ratio };

        if (lookback < Settings.MinLookbackBars)
            return seen with { Reason = $"only {lookback} bars of volume history (need {Settings.MinLookbackBars})" };
        if (latest.Close < entry)
            return seen with { Reason = $"close {latest.Close} below entry {entry}" };
        if (previous.Close >= entry)
            return seen with { Reason = $"no cross: the previous close {previous.Close} was already at or above entry {entry}" };
        if (latest.Low <= stop)
            return seen with { Reason = $"bar low {latest.Low} touched the stop {stop}" };
        if (latest.Close >= target)
            return seen with { Reason = $"close {latest.Close} already at or above target {target}" };
        var chasePct = (latest.Close - entry) / entry * 100m;
        if (chasePct > Settings.MaxChasePct)
            return seen with { Reason = $"close is {chasePct:0.##}% above entry (max {Settings.MaxChasePct:0.##}%)" };
        // Bought at this close, not at the pattern's entry: the setup must still pay enough for its stop from here.
        var rewardRiskNow = Math.Round((target - latest.Close) / (latest.Close - stop), 4);
        if (rewardRiskNow < Settings.MinRewardRisk)
            return seen with { Reason = $"reward:risk at {latest.Close} is {rewardRiskNow:0.##}, below the minimum {Settings.MinRewardRisk:0.##}" };
        if (ratio is null || ratio < Settings.MinVolumeRatio)
            return seen with { Reason = $"volume ratio {ratio?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} below {Settings.MinVolumeRatio:0.##}" };

        return seen with
        {
            Verdict = StrategyVerdict.Enter,
            Reason = $"close {latest.Close} crossed entry {entry} on {ratio:0.##}x volume",
        };
    }
}
