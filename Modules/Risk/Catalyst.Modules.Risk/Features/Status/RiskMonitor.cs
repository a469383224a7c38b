using System.Globalization;
using Catalyst.Modules.Risk.Features.Actions;
using Catalyst.Modules.Risk.Features.Alerts;
using Catalyst.Modules.Risk.Features.ValidateTrade;
using Catalyst.Modules.Risk.Parameters;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Risk.Features.Status;

/// <summary>
/// The loss-limit watcher. Each market minute (heartbeat order 20: after the market and the broker have moved, before the
/// strategy modules) it compares the day's P&amp;L with the limit and raises the warning, critical and breach alerts once
/// per day each; at the breach it proposes flattening (supervised: a pending action; autonomous: at once). It also
/// executes supervised actions whose window has ended: each minute while this instance has one scheduled, otherwise in a
/// sweep every <see cref="ActionSweepInterval"/> (and on the first minute) that finds actions no timer here knows of.
/// </summary>
internal sealed class RiskMonitor(IMarketHeartbeat heartbeat, IServiceScopeFactory scopes, RiskParameterStore store,
    RiskActionScheduler scheduler, ILogger<RiskMonitor> logger) : IHostedService
{
    public const int HeartbeatOrder = 20;
    public static readonly TimeSpan ActionSweepInterval = TimeSpan.FromMinutes(15);
    private IDisposable? _subscription;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = heartbeat.Subscribe("risk-monitor", HeartbeatOrder, OnMinuteAsync);
        try
        {
            await store.ReportStartupProblemsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not raise the alert for the invalid risk parameters file at start-up");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task OnMinuteAsync(DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LossLimitWatch>().EvaluateAsync(now, ct);
            if (scheduler.HasPending || now - _lastSweep >= ActionSweepInterval)
            {
                await scope.ServiceProvider.GetRequiredService<RiskActionService>().ExecuteDueAsync(ct);
                _lastSweep = now;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One bad minute (broker timeout) must not stop the heartbeat; the next minute tries again.
            logger.LogError(ex, "Risk monitor failed at {Now:O}", now);
        }
    }
}

/// <summary>One evaluation of the daily loss thresholds.</summary>
internal sealed class LossLimitWatch(RiskParameterStore store, RiskInputs inputs, AlertService alerts, RiskActionService actions)
{
    /// <summary>Returns the level reached (healthy, warning, critical, halted). Only evaluates during the regular session.</summary>
    public async Task<string?> EvaluateAsync(DateTimeOffset now, CancellationToken ct)
    {
        var date = MarketTime.EasternDate(now);
        if (NyseCalendar.Session(date) is not { } session || now < session.Open || now > session.Close) return null;

        var p = store.Current;
        var account = await inputs.AccountAsync(ct);
        var used = LossLevels.UsedPct(account.DailyPnl, p.MaxDailyLossUsd);
        var level = LossLevels.Level(used, p);
        if (level == LossLevels.Healthy) return level;

        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // "-$1,850.00", as the seed writes money.
        var pnl = (account.DailyPnl < 0m ? "-$" : "$") + Math.Abs(account.DailyPnl).ToString("#,##0.00", CultureInfo.InvariantCulture);
        var details = new Dictionary<string, object?>
        {
            ["daily_pnl"] = Math.Round(account.DailyPnl, 2),
            ["max_daily_loss"] = p.MaxDailyLossUsd,
            ["loss_limit_used_pct"] = used,
            ["positions_count"] = account.Positions.Count(x => x.Quantity != 0m),
        };

        if (used >= p.WarningThresholdPct)
        {
            await alerts.RaiseAsync(new NewAlert("warning", "daily_loss_limit",
                $"Daily loss limit approaching: {pnl} ({used:0.#}% of the ${p.MaxDailyLossUsd:#,##0} limit)",
                new Dictionary<string, object?>(details) { ["threshold_pct"] = p.WarningThresholdPct },
                DedupeKey: $"daily_loss:{day}:warning", ActionRequired: false,
                SuggestedAction: "Review losing positions; tighten stops"), ct);
        }
        if (used >= p.CriticalThresholdPct)
        {
            await alerts.RaiseAsync(new NewAlert("critical", "daily_loss_limit",
                $"Daily loss limit nearly reached: {pnl} ({used:0.#}% of the ${p.MaxDailyLossUsd:#,##0} limit)",
                new Dictionary<string, object?>(details) { ["threshold_pct"] = p.CriticalThresholdPct },
                DedupeKey: $"daily_loss:{day}:critical", ActionRequired: true,
                SuggestedAction: "Close losing positions or adjust the risk limit"), ct);
        }
        if (used >= 100m)
        {
            var trigger = $"daily_loss:{day}:breach";
            if (!await alerts.ExistsAsync(trigger, ct))
            {
                await actions.ProposeAsync(ActionTypes.FlattenAll, $"Daily loss limit reached ({used:0.#}% of ${p.MaxDailyLossUsd:#,##0})",
                    trigger,
                    new NewAlert("critical", "daily_loss_limit",
                        $"Daily loss limit reached: {pnl} ({used:0.#}% of the ${p.MaxDailyLossUsd:#,##0} limit). New entries are refused.",
                        new Dictionary<string, object?>(details) { ["threshold_pct"] = 100m }, DedupeKey: trigger), ct);
            }
        }
        return level;
    }
}
