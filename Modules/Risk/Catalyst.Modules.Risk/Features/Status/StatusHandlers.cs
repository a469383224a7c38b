using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Risk.Domain;
using Catalyst.Modules.Risk.Features.KillSwitch;
using Catalyst.Modules.Risk.Features.ValidateTrade;
using Catalyst.Modules.Risk.Parameters;
using Mediator;

namespace Catalyst.Modules.Risk.Features.Status;

/// <summary>Where the day stands against the loss limit; shared by the status query and the loss-limit monitor.</summary>
internal static class LossLevels
{
    public const string Healthy = "healthy";
    public const string Warning = "warning";
    public const string Critical = "critical";
    public const string Halted = "halted";

    /// <summary>Percent of the daily loss limit used (0 when the day is up).</summary>
    public static decimal UsedPct(decimal dailyPnl, decimal maxDailyLoss) =>
        maxDailyLoss <= 0m ? 0m : Math.Round(Math.Max(0m, -dailyPnl) / maxDailyLoss * 100m, 2);

    public static string Level(decimal usedPct, RiskParameters p) => usedPct switch
    {
        _ when usedPct >= 100m => Halted,
        _ when usedPct >= p.CriticalThresholdPct => Critical,
        _ when usedPct >= p.WarningThresholdPct => Warning,
        _ => Healthy,
    };
}

internal sealed class GetRiskStatusHandler(RiskParameterStore store, RiskInputs inputs, KillSwitchService killSwitch)
    : IRequestHandler<GetRiskStatus, RiskStatusDto>
{
    public async ValueTask<RiskStatusDto> Handle(GetRiskStatus request, CancellationToken cancellationToken)
    {
        var p = store.Current;
        var account = await inputs.AccountAsync(cancellationToken);
        var ks = await killSwitch.GetAsync(cancellationToken);
        var used = LossLevels.UsedPct(account.DailyPnl, p.MaxDailyLossUsd);
        var level = LossLevels.Level(used, p);
        var status = ks.Active ? LossLevels.Halted : level;
        var message = ks.Active ? $"Kill switch active: new entries are refused ({ks.Reason})"
            : level switch
            {
                LossLevels.Halted => "Daily loss limit reached: new entries are refused",
                LossLevels.Critical => "Daily loss limit nearly reached",
                LossLevels.Warning => "Approaching daily loss limit",
                _ => "Within risk limits",
            };
        var basis = account.LastEquity > 0m ? account.LastEquity : p.Capital;
        return new RiskStatusDto(
            PositionSizing.Round(account.DailyPnl),
            Math.Round(account.DailyPnl / basis * 100m, 2),
            -p.MaxDailyLossUsd,
            used,
            account.Positions.Count(x => x.Quantity != 0m),
            p.MaxPositions,
            PositionSizing.Round(account.GrossExposure),
            p.Capital,
            status,
            ks.Active,
            p.Capital,
            message);
    }
}

internal sealed class GetRiskLimitsHandler(RiskParameterStore store, RiskInputs inputs, KillSwitchService killSwitch,
    OrderFlowGuard guard, TimeProvider clock) : IRequestHandler<GetRiskLimits, RiskLimitsDto>
{
    public async ValueTask<RiskLimitsDto> Handle(GetRiskLimits request, CancellationToken cancellationToken)
    {
        var p = store.Current;
        var account = await inputs.AccountAsync(cancellationToken);
        var ks = await killSwitch.GetAsync(cancellationToken);
        var loss = PositionSizing.Round(Math.Max(0m, -account.DailyPnl));
        var used = LossLevels.UsedPct(account.DailyPnl, p.MaxDailyLossUsd);
        var open = account.Positions.Count(x => x.Quantity != 0m);
        return new RiskLimitsDto(
            new LimitUseDto(p.MaxDailyLossUsd, loss, Math.Max(0m, p.MaxDailyLossUsd - loss), used),
            new LimitUseDto(p.MaxPositions, open, Math.Max(0, p.MaxPositions - open), Math.Round(100m * open / p.MaxPositions, 2)),
            p.MaxPositionPct, PositionSizing.Round(p.MaxPositionValue), p.RiskPerTradePct,
            PositionSizing.Round(p.Capital * p.RiskPerTradePct / 100m), p.MaxCorrelation, p.CorrelationLookbackDays,
            p.AtrMultiplier, p.MinRiskRewardRatio, p.WarningThresholdPct, p.CriticalThresholdPct, p.KellyFraction,
            p.KellyMinTrades,
            new OrderGuardsDto((int)p.DuplicateWindow.TotalSeconds, p.MaxOrdersPerMinute, p.CooldownAfterRejections,
                (int)p.RejectionWindow.TotalMinutes, (int)p.Cooldown.TotalMinutes, guard.CooldownUntil(clock.GetUtcNow())),
            ks.Active,
            ks.Active ? LossLevels.Halted : LossLevels.Level(used, p));
    }
}

internal sealed class GetRiskExposuresHandler(RiskParameterStore store, RiskInputs inputs)
    : IRequestHandler<GetRiskExposures, RiskExposuresDto>
{
    public async ValueTask<RiskExposuresDto> Handle(GetRiskExposures request, CancellationToken cancellationToken)
    {
        var p = store.Current;
        var account = await inputs.AccountAsync(cancellationToken);
        decimal Pct(decimal value) => p.Capital == 0m ? 0m : Math.Round(value / p.Capital * 100m, 2);
        var positions = account.Positions.Where(x => x.Quantity != 0m)
            .OrderByDescending(x => Math.Abs(x.MarketValue))
            .Select(x => new ExposureDto(x.Symbol.Value, x.IsLong ? "long" : "short", Math.Abs(x.Quantity), x.AverageEntryPrice,
                x.CurrentPrice, PositionSizing.Round(Math.Abs(x.MarketValue)), Pct(Math.Abs(x.MarketValue)),
                PositionSizing.Round(x.UnrealizedPnl)))
            .ToList();
        var longExposure = positions.Where(x => x.Side == "long").Sum(x => x.MarketValue);
        var shortExposure = positions.Where(x => x.Side == "short").Sum(x => x.MarketValue);
        return new RiskExposuresDto(p.Capital, longExposure + shortExposure, longExposure - shortExposure, longExposure,
            shortExposure, Pct(longExposure + shortExposure), positions.Count, positions);
    }
}
