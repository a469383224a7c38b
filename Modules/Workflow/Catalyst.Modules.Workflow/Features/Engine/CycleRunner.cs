using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.Modules.Workflow.Domain;
using Catalyst.Modules.Workflow.Features.Cycle;
using Catalyst.Modules.Workflow.Persistence;
using Catalyst.SharedKernel;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Time;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Workflow.Features.Engine;

/// <summary>
/// One heartbeat minute of the cycle, on the leader: auto-start, pause expiry, phase changes, scheduled scans, the Stage 1
/// strategy (autonomous only) and the close (flatten → reconcile → end-of-day summary → closed). Everything it does is a
/// timeline event; everything it decides is a decision_logs row.
/// </summary>
internal sealed class CycleRunner(
    CycleStore store,
    CycleCommands commands,
    ISender sender,
    IMarketDataPort market,
    ISecurityRegistry securities,
    WorkflowRuntime runtime,
    IOptions<WorkflowOptions> options,
    IConfiguration configuration,
    ILogger<CycleRunner> logger)
{
    private WorkflowOptions Settings => options.Value;

    /// <summary>The caller holds <see cref="WorkflowRuntime.Gate"/>.</summary>
    public async Task TickAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = MarketTime.EasternDate(now);
        var cycle = await store.ActiveAsync(ct);
        // Today's cycle already running means there is nothing to auto-start; otherwise a start attempt may have changed
        // what is active (or cleared the unit of work), so it is read again.
        if (cycle?.Date != today && await AutoStartIfDueAsync(now, ct)) cycle = await store.ActiveAsync(ct);
        if (cycle is null) return;

        if (cycle.Date < today)
        {
            store.Expire(cycle, now);
            await store.SaveAsync(ct);
            await store.PublishAsync(cycle, now, ct);
            logger.LogWarning("Trading cycle {CycleId} of {Date:yyyy-MM-dd} expired: it was still running on {Today:yyyy-MM-dd}",
                cycle.Id, cycle.Date, today);
            return;
        }

        var before = (cycle.CycleState, cycle.Phase, cycle.Status);
        var schedule = TradingDaySchedule.For(cycle.Date, Settings.LastEntryMinutesBeforeClose);
        if (cycle.Status == CycleStatuses.Paused && cycle.PausedUntil is { } until && until <= now)
        {
            var text = CycleCommands.Resume(store, cycle, now, "pause duration elapsed", Settings);
            logger.LogInformation("Trading cycle {CycleId} {Message}", cycle.Id, text);
        }

        var phase = schedule.PhaseAt(now);
        var state = CycleRules.StateFor(cycle, phase, schedule, now);
        if (phase != cycle.Phase)
        {
            store.AddEvent(cycle, now, "phase_changed", $"Phase {cycle.Phase} → {phase}",
                new Dictionary<string, object?>
                {
                    ["from"] = cycle.Phase, ["to"] = phase, ["market_status"] = schedule.MarketStatusAt(now), ["cycle_state"] = state,
                });
            logger.LogInformation("Workflow phase {From} → {To} at {Time:HH:mm} ET", cycle.Phase, phase, MarketTime.ToEastern(now));
            cycle.Phase = phase;
        }
        else if (state != cycle.CycleState)
        {
            // A state change within a phase (trading → monitoring at the last-entry time) is a state change all the same.
            var why = state == CycleStates.Monitoring && now >= schedule.LastEntry
                ? $": no new entries after {MarketTime.ToEastern(schedule.LastEntry):HH:mm} ET"
                : string.Empty;
            store.AddEvent(cycle, now, "cycle_state_changed", $"Cycle state {cycle.CycleState} → {state}{why}",
                new Dictionary<string, object?> { ["from"] = cycle.CycleState, ["to"] = state, ["phase"] = phase });
            logger.LogInformation("Workflow cycle state {From} → {To} at {Time:HH:mm} ET{Why}", cycle.CycleState, state,
                MarketTime.ToEastern(now), why);
        }
        cycle.CycleState = state;
        // Persist the phase before any slow step, so status readers see it at once.
        await store.SaveAsync(ct);

        if (phase == Phases.Closed)
        {
            await CloseAsync(cycle, schedule, now, ct);
        }
        else if (cycle.Status == CycleStatuses.Running)
        {
            if (ScanDue(cycle, schedule, phase, now, out var kind)) await ScanAsync(cycle, kind, now, ct);
            if (cycle.SessionMode == SessionModes.Autonomous && schedule.EntriesAllowed(now))
                await TradeAsync(cycle, now, ct);
        }

        cycle.CycleState = CycleRules.StateFor(cycle, cycle.Phase, schedule, now);
        await store.SaveAsync(ct);
        if (before != (cycle.CycleState, cycle.Phase, cycle.Status)) await store.PublishAsync(cycle, now, ct);
    }

    // ---- auto-start ------------------------------------------------------------------------------------------------

    /// <summary>True when a start was attempted (started, or refused as a conflict).</summary>
    private async Task<bool> AutoStartIfDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (CatalystModes.Read(configuration) != CatalystMode.Simulation) return false;
        var mode = AutoStartSetting.Parse(configuration[AutoStartSetting.Key]);
        if (mode == AutoStartMode.Off) return false;
        var today = MarketTime.EasternDate(now);
        var schedule = TradingDaySchedule.For(today, Settings.LastEntryMinutesBeforeClose);
        if (!schedule.IsTradingDay || schedule.SessionOver(now) || MarketTime.EasternTimeOfDay(now) < new TimeOnly(7, 55)) return false;
        // Once per day: a cycle that was stopped by hand today stays stopped.
        if (await store.Db.Cycles.AnyAsync(c => c.Date == today, ct)) return false;
        var sessionMode = mode == AutoStartMode.Autonomous ? SessionModes.Autonomous : SessionModes.Supervised;
        try
        {
            await commands.StartCoreAsync(sessionMode, "auto", ct);
        }
        catch (ConflictException ex)
        {
            logger.LogInformation("Auto-start skipped: {Reason}", ex.Message);
            store.Db.ChangeTracker.Clear();
        }
        return true;
    }

    // ---- scans -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Pre-market: at 08:00 and every scan_frequency until 09:25. After the opening range: once (the range has set the
    /// intraday levels), then every IntradayScanMinutes while entries are allowed, because intraday setups (flags,
    /// bases) form and break out after 09:45 and a candidate's levels from an older scan go stale. After a failed scan the next try waits five minutes, so a broken scanner is not hammered.
    /// </summary>
    private bool ScanDue(TradingCycleRow cycle, TradingDaySchedule schedule, string phase, DateTimeOffset now, out string kind)
    {
        if (runtime.ScanFailedAt.TryGetValue(cycle.Id, out var failed) && now - failed < ScanRetryDelay)
        {
            kind = string.Empty;
            return false;
        }
        if (schedule.InPreMarketScanWindow(now))
        {
            kind = "pre_market";
            return cycle.LastScanAt is not { } last || now - last >= TimeSpan.FromSeconds(Settings.ScanFrequencySeconds);
        }
        if (!Phases.IsTrading(phase))
        {
            kind = string.Empty;
            return false;
        }
        if (cycle.PostOpenScanAt is not { } lastIntraday)
        {
            kind = "post_opening_range";
            return true;
        }
        kind = "intraday";
        return Settings.IntradayScanMinutes > 0 && schedule.EntriesAllowed(now)
               && now - lastIntraday >= TimeSpan.FromMinutes(Settings.IntradayScanMinutes);
    }

    private static readonly TimeSpan ScanRetryDelay = TimeSpan.FromMinutes(5);

    private async Task ScanAsync(TradingCycleRow cycle, string kind, DateTimeOffset now, CancellationToken ct)
    {
        var number = cycle.ScansCompleted + 1;
        store.AddEvent(cycle, now, "scan_started", kind switch
            {
                "pre_market" => $"Pre-market scan #{number} initiated",
                "intraday" => $"Intraday rescan #{number} initiated",
                _ => "Post-opening-range scan initiated",
            },
            new Dictionary<string, object?> { ["kind"] = kind, ["scan_number"] = number });
        ScanResultDto result;
        try
        {
            result = await sender.Send(new RunScan(cycle.Id), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var skipped = ex is ConflictException;
            runtime.ScanFailedAt[cycle.Id] = now;
            store.AddEvent(cycle, now, skipped ? "scan_skipped" : "scan_failed",
                skipped ? $"Scan skipped: {ex.Message}" : $"Scan failed: {ex.Message}",
                new Dictionary<string, object?> { ["kind"] = kind, ["error"] = ex.Message });
            logger.LogWarning("Workflow scan ({Kind}) {Outcome}: {Reason}", kind, skipped ? "skipped" : "failed", ex.Message);
            return;
        }

        runtime.ScanFailedAt.TryRemove(cycle.Id, out _);
        cycle.ScansCompleted++;
        cycle.LastScanAt = now;
        if (kind != "pre_market") cycle.PostOpenScanAt = now;
        var symbols = result.Candidates.OrderBy(c => c.Rank).Select(c => c.Symbol).ToList();
        store.AddEvent(cycle, now, "scan_completed", $"{symbols.Count} candidates identified" + (result.Note is { } note ? $" ({note})" : string.Empty),
            new Dictionary<string, object?>
            {
                ["kind"] = kind, ["scan_id"] = result.ScanId, ["universe_size"] = result.UniverseSize,
                ["funnel_counts"] = result.FunnelCounts, ["candidates"] = symbols,
            });
        logger.LogInformation("Scan #{Number} ({Kind}): universe {Universe}, funnel {Funnel}, candidates {Candidates}",
            number, kind, result.UniverseSize, string.Join(" → ", result.FunnelCounts.Select(f => $"{f.Key} {f.Value}")),
            symbols.Count == 0 ? "none" : string.Join(", ", symbols));
        await LogCandidatesAsync(cycle, result.Candidates, now, result.ScanId, ct);
    }

    /// <summary>Keeps or drops each candidate for the strategy (levels and reward:risk), logged once per distinct setup.</summary>
    private async Task LogCandidatesAsync(TradingCycleRow cycle, IReadOnlyList<CandidateDto> candidates, DateTimeOffset now,
        Guid? scanId, CancellationToken ct)
    {
        if (candidates.Count == 0) return;
        var ids = await securities.GetOrCreateIdsAsync(candidates.Select(c => Symbol.Parse(c.Symbol)), ct);
        foreach (var candidate in candidates)
        {
            var setup = $"{candidate.Entry}|{candidate.Stop}|{candidate.Target}|{candidate.Pattern}";
            if (runtime.LoggedSetups.TryGetValue((cycle.Id, candidate.Symbol), out var logged) && logged == setup) continue;
            runtime.LoggedSetups[(cycle.Id, candidate.Symbol)] = setup;
            var assessment = runtime.Strategy.Assess(ToStrategy(candidate));
            var kept = assessment.Verdict != StrategyVerdict.Invalid;
            var reason = kept
                ? $"rank {candidate.Rank}, score {candidate.FinalScore:0.###}: {assessment.Reason}"
                : $"rank {candidate.Rank}: {assessment.Reason}";
            store.Db.Decisions.Add(CycleJournal.Decision(cycle.Id, now, DecisionTypes.Candidate,
                ids.TryGetValue(Symbol.Parse(candidate.Symbol), out var id) ? id : null, kept ? "kept" : "dropped", reason,
                CandidateFeatures(candidate, assessment, scanId, cycle.SessionMode)));
        }
    }

    // ---- Stage 1 strategy ------------------------------------------------------------------------------------------

    private async Task TradeAsync(TradingCycleRow cycle, DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<CandidateDto> candidates;
        try
        {
            candidates = await sender.Send(new GetCandidates(ActiveOnly: true), ct);
        }
        catch (NotFoundException)
        {
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Strategy: active candidates unavailable: {Reason}", ex.Message);
            return;
        }
        if (candidates.Count == 0) return;
        await LogCandidatesAsync(cycle, candidates, now, null, ct);

        var watch = candidates.Where(c => runtime.Strategy.Assess(ToStrategy(c)).Verdict != StrategyVerdict.Invalid).ToList();
        if (watch.Count == 0) return;

        var lookback = runtime.Strategy.Settings.VolumeLookbackBars + 1;
        var symbols = watch.Select(c => Symbol.Parse(c.Symbol)).ToList();
        var bars = await market.GetBarsAsync(new BarsRequest(symbols, BarTimeframe.OneMinute,
            now - TimeSpan.FromMinutes(lookback + 10), now), ct);
        // Read only when a signal fires (a few times a day), not every minute: the strategy is a pure function of the
        // candidate and its bars, and a held or already entered symbol never enters, so whether its bars were looked at
        // first makes no difference.
        HashSet<string>? held = null;
        HashSet<string>? entered = null;
        foreach (var candidate in watch)
        {
            if (!bars.TryGetValue(Symbol.Parse(candidate.Symbol), out var series) || series.Count == 0) continue;
            var recent = series.Count > lookback ? series.Skip(series.Count - lookback).ToList() : series;
            var latest = recent[^1].Time;
            var key = (cycle.Id, candidate.Symbol);
            if (runtime.LastEvaluatedBar.TryGetValue(key, out var seen) && seen >= latest) continue;
            runtime.LastEvaluatedBar[key] = latest;
            var signal = runtime.Strategy.Evaluate(ToStrategy(candidate), recent);
            if (signal.Verdict != StrategyVerdict.Enter) continue;
            held ??= await HeldSymbolsAsync(ct);
            if (held is null) return;
            if (held.Contains(candidate.Symbol)) continue;
            entered ??= await EnteredSymbolsAsync(cycle, ct);
            if (entered.Contains(candidate.Symbol)) continue;
            await EnterAsync(cycle, candidate, signal, now, ct);
            // Saved at once: the order now exists at the broker, so its decision must not wait for the rest of the minute.
            await store.SaveAsync(ct);
        }
    }

    /// <summary>The symbols with an open position; null (logged) when Trading cannot say, and then nothing enters.</summary>
    private async Task<HashSet<string>?> HeldSymbolsAsync(CancellationToken ct)
    {
        try
        {
            return (await sender.Send(new GetPositions("open"), ct)).Select(p => p.Symbol).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Strategy: open positions unavailable ({Reason}); no entries this minute", ex.Message);
            return null;
        }
    }

    /// <summary>One entry per symbol per day: symbols this day's cycles already entered (or tried to, with an order sent).</summary>
    private async Task<HashSet<string>> EnteredSymbolsAsync(TradingCycleRow cycle, CancellationToken ct)
    {
        var cycleIds = store.Db.Cycles.Where(c => c.Date == cycle.Date).Select(c => (Guid?)c.Id);
        var ids = await store.Db.Decisions.AsNoTracking()
            .Where(d => cycleIds.Contains(d.CycleId) && d.DecisionType == DecisionTypes.Entry && d.Decision == "entered")
            .Select(d => d.SecurityId).ToListAsync(ct);
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (id is { } value && await securities.FindSymbolAsync(value, ct) is { } symbol) symbols.Add(symbol.Value);
        // Entries added in this unit of work and not yet saved count too.
        foreach (var pending in store.Db.ChangeTracker.Entries<DecisionLogRow>().Select(e => e.Entity)
                     .Where(d => d.DecisionType == DecisionTypes.Entry && d.Decision == "entered" && d.SecurityId is not null))
            if (await securities.FindSymbolAsync(pending.SecurityId!.Value, ct) is { } symbol) symbols.Add(symbol.Value);
        return symbols;
    }

    private async Task EnterAsync(TradingCycleRow cycle, CandidateDto candidate, StrategySignal signal, DateTimeOffset now,
        CancellationToken ct)
    {
        var securityId = await securities.GetOrCreateIdAsync(Symbol.Parse(candidate.Symbol), ct);
        var features = new Dictionary<string, object?>(CandidateFeatures(candidate, signal, null, cycle.SessionMode))
        {
            ["signal"] = signal.Reason,
        };
        store.AddEvent(cycle, now, "entry_signal", $"{candidate.Symbol}: {signal.Reason}",
            new Dictionary<string, object?> { ["symbol"] = candidate.Symbol, ["price"] = signal.Price, ["volume_ratio"] = signal.VolumeRatio });

        RiskDecision risk;
        try
        {
            risk = await sender.Send(new ValidateTrade(candidate.Symbol, OrderSide.Buy, null, signal.Price, signal.Stop, signal.Target, Preview: true), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDecision(cycle, now, DecisionTypes.Entry, securityId, "failed", $"risk validation unavailable: {ex.Message}", features);
            logger.LogWarning("Entry {Symbol} not taken: risk validation unavailable ({Reason})", candidate.Symbol, ex.Message);
            return;
        }
        features["risk_position_size"] = risk.PositionSize;
        features["risk_amount"] = risk.RiskAmount;
        features["risk_max_risk"] = risk.MaxRisk;
        features["risk_checks_passed"] = risk.ChecksPassed;
        if (!risk.Approved)
        {
            features["risk_details"] = risk.Details;
            LogDecision(cycle, now, DecisionTypes.Risk, securityId, "rejected", risk.Reason ?? "rejected by risk", features);
            store.AddEvent(cycle, now, "risk_rejected", $"{candidate.Symbol}: {risk.Reason}",
                new Dictionary<string, object?> { ["symbol"] = candidate.Symbol, ["details"] = risk.Details });
            logger.LogInformation("Entry {Symbol} rejected by risk: {Reason}", candidate.Symbol, risk.Reason);
            return;
        }
        LogDecision(cycle, now, DecisionTypes.Risk, securityId, "approved",
            $"size {risk.PositionSize}, risk {risk.RiskAmount:0.00} of max {risk.MaxRisk:0.00}; checks {string.Join(", ", risk.ChecksPassed)}", features);

        var quantity = Math.Floor(risk.PositionSize);
        if (quantity < 1)
        {
            LogDecision(cycle, now, DecisionTypes.Entry, securityId, "failed", $"position size {risk.PositionSize} is below one share", features);
            return;
        }
        var stop = risk.StopLoss ?? signal.Stop!.Value;
        var target = risk.TakeProfit ?? signal.Target!.Value;
        features["order_quantity"] = quantity;
        features["order_stop_loss"] = stop;
        features["order_take_profit"] = target;
        try
        {
            var order = await sender.Send(new PlaceOrder(candidate.Symbol, OrderSide.Buy, quantity, OrderType.Market,
                StopLoss: stop, TakeProfit: target, Pattern: candidate.Pattern, Catalyst: candidate.CatalystType, Source: "strategy"), ct);
            features["order_id"] = order.OrderId;
            features["broker_order_id"] = order.AlpacaOrderId;
            features["order_status"] = order.Status;
            LogDecision(cycle, now, DecisionTypes.Entry, securityId, "entered",
                $"buy {quantity} at market (~{signal.Price}), stop {stop}, target {target}: {signal.Reason}", features, order.OrderId);
            store.AddEvent(cycle, now, "entry", $"Bought {quantity} {candidate.Symbol} at market, stop {stop}, target {target}",
                new Dictionary<string, object?>
                {
                    ["symbol"] = candidate.Symbol, ["order_id"] = order.OrderId, ["quantity"] = quantity, ["stop_loss"] = stop,
                    ["take_profit"] = target, ["pattern"] = candidate.Pattern, ["catalyst"] = candidate.CatalystType,
                    ["broker_order_id"] = order.AlpacaOrderId,
                });
            logger.LogInformation("ENTRY {Symbol}: buy {Quantity} at ~{Price}, stop {Stop}, target {Target} ({Pattern}, {Catalyst}); order {OrderId}",
                candidate.Symbol, quantity, signal.Price, stop, target, candidate.Pattern ?? "no pattern", candidate.CatalystType ?? "no catalyst", order.OrderId);
        }
        catch (ForbiddenException ex)
        {
            // Risk is consulted again inside PlaceOrder; a refusal there is a risk decision, not a failure.
            features["risk_details"] = ex.Details;
            LogDecision(cycle, now, DecisionTypes.Risk, securityId, "rejected", ex.Message, features);
            store.AddEvent(cycle, now, "risk_rejected", $"{candidate.Symbol}: {ex.Message}",
                new Dictionary<string, object?> { ["symbol"] = candidate.Symbol, ["code"] = ex.Code });
            logger.LogInformation("Entry {Symbol} rejected at order time: {Reason}", candidate.Symbol, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDecision(cycle, now, DecisionTypes.Entry, securityId, "failed", $"order failed: {ex.Message}", features);
            store.AddEvent(cycle, now, "entry_failed", $"{candidate.Symbol}: order failed: {ex.Message}");
            logger.LogWarning("Entry {Symbol} failed: {Reason}", candidate.Symbol, ex.Message);
        }
    }

    private void LogDecision(TradingCycleRow cycle, DateTimeOffset now, string type, long securityId, string decision, string reason,
        Dictionary<string, object?> features, Guid? orderId = null) =>
        store.Db.Decisions.Add(CycleJournal.Decision(cycle.Id, now, type, securityId, decision, reason,
            new Dictionary<string, object?>(features), orderId));

    // ---- close and reconcile ---------------------------------------------------------------------------------------

    /// <summary>
    /// 15:30 (30 minutes before any close): flatten; once the book is flat (fills arrive on the next minutes), reconcile
    /// with the broker, send the end-of-day summary and close the cycle. A flatten that leaves positions open is sent
    /// again every few minutes; at five minutes before the close the cycle closes regardless, with a critical alert.
    /// </summary>
    private async Task CloseAsync(TradingCycleRow cycle, TradingDaySchedule schedule, DateTimeOffset now, CancellationToken ct)
    {
        if (cycle.FlattenedAt is null)
        {
            store.AddEvent(cycle, now, "close_started", "Close and reconcile: flattening all positions");
            await FlattenAsync(cycle, now, ct);
            return;
        }

        IReadOnlyList<PositionDto> open;
        try
        {
            open = await sender.Send(new GetPositions("open"), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Close: open positions unavailable: {Reason}", ex.Message);
            open = [];
        }
        var deadline = schedule.Close.AddMinutes(-5);
        if (open.Count > 0 && now < deadline)
        {
            if (now - cycle.FlattenedAt.Value >= TimeSpan.FromMinutes(Settings.FlattenRetryMinutes))
            {
                store.AddEvent(cycle, now, "flatten_retry", $"{open.Count} positions still open: flattening again",
                    new Dictionary<string, object?> { ["symbols"] = open.Select(p => p.Symbol).ToList() });
                await FlattenAsync(cycle, now, ct);
            }
            return;
        }
        if (open.Count > 0)
        {
            var symbols = string.Join(", ", open.Select(p => p.Symbol));
            store.AddEvent(cycle, now, "not_flat_at_close", $"Positions still open five minutes before the close: {symbols}");
            await AlertAsync("critical", "not_flat_at_close", $"End of day: positions still open at {MarketTime.ToEastern(now):HH:mm} ET: {symbols}", cycle, ct);
        }

        try
        {
            var reconciliation = await sender.Send(new ReconcileWithBroker("close"), ct);
            store.AddEvent(cycle, now, "reconciled",
                $"Reconciled with the broker: {reconciliation.OrdersRepaired} orders and {reconciliation.PositionsRepaired} positions repaired",
                new Dictionary<string, object?>
                {
                    ["orders_repaired"] = reconciliation.OrdersRepaired, ["positions_repaired"] = reconciliation.PositionsRepaired,
                    ["notes"] = reconciliation.Notes,
                });
            logger.LogInformation("Reconciled with the broker: {Orders} orders, {Positions} positions repaired", reconciliation.OrdersRepaired,
                reconciliation.PositionsRepaired);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            store.AddEvent(cycle, now, "reconcile_failed", $"Reconciliation with the broker failed: {ex.Message}");
            logger.LogWarning("Reconciliation at the close failed: {Reason}", ex.Message);
            await AlertAsync("warning", "reconcile_failed", $"End-of-day reconciliation failed: {ex.Message}", cycle, ct);
        }

        PerformanceReportDto? report = null;
        try
        {
            var summary = await sender.Send(new SendEndOfDaySummary(cycle.Date, cycle.Id), ct);
            report = summary.Report;
            store.AddEvent(cycle, now, "eod_summary_sent",
                $"Daily report: {summary.Report.TradesExecuted} trades, P&L {summary.Report.Pnl:0.00}; delivered to {(summary.DeliveredTo.Count == 0 ? "no sink" : string.Join(", ", summary.DeliveredTo))}"
                + (summary.Failed.Count > 0 ? $"; failed: {string.Join(", ", summary.Failed)}" : string.Empty),
                new Dictionary<string, object?>
                {
                    ["total_pnl"] = summary.Report.Pnl, ["total_trades"] = summary.Report.TradesExecuted, ["wins"] = summary.Report.TradesWon,
                    ["losses"] = summary.Report.TradesLost, ["win_rate"] = summary.Report.WinRate, ["delivered_to"] = summary.DeliveredTo,
                    ["failed"] = summary.Failed,
                });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing was computed or sent: the trader must hear it, not find it in the timeline later.
            store.AddEvent(cycle, now, "eod_summary_failed", $"End-of-day summary failed: {ex.Message}");
            logger.LogError(ex, "End-of-day summary for {Date:yyyy-MM-dd} failed: {Reason}", cycle.Date, ex.Message);
            await AlertAsync("warning", "eod_summary_failed",
                $"The end-of-day summary for {cycle.Date:yyyy-MM-dd} failed: {ex.Message}", cycle, ct);
        }

        decimal? finalPnl = report?.Pnl;
        try
        {
            finalPnl = (await sender.Send(new GetTradingDaySummary(cycle.Date), ct)).RealizedPnl;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Day P&L from Trading unavailable: {Reason}", ex.Message);
        }
        cycle.Status = CycleStatuses.Closed;
        cycle.ClosedAt = now;
        cycle.FinalPnl = finalPnl;
        cycle.CycleState = CycleStates.Closed;
        store.AddEvent(cycle, now, "cycle_closed", $"Trading cycle closed: {cycle.PositionsClosed ?? 0} positions flattened at the close, day P&L {finalPnl:0.00}",
            new Dictionary<string, object?> { ["final_pnl"] = finalPnl, ["scans"] = cycle.ScansCompleted, ["positions_flattened"] = cycle.PositionsClosed });
        runtime.Forget(cycle.Id);
        logger.LogInformation(
            "Close summary {Date:yyyy-MM-dd}: {Trades} trades ({Wins} wins, {Losses} losses), day P&L {Pnl:0.00}, {Scans} scans; cycle {CycleId} closed",
            cycle.Date, report?.TradesExecuted ?? 0, report?.TradesWon ?? 0, report?.TradesLost ?? 0, finalPnl ?? 0m, cycle.ScansCompleted, cycle.Id);
    }

    private async Task FlattenAsync(TradingCycleRow cycle, DateTimeOffset now, CancellationToken ct)
    {
        cycle.FlattenedAt = now;
        try
        {
            var closed = await sender.Send(new CloseAllPositions("eod"), ct);
            cycle.PositionsClosed = (cycle.PositionsClosed ?? 0) + closed.Count;
            store.AddEvent(cycle, now, "positions_flattened", $"End of day: {closed.Count} positions closed",
                new Dictionary<string, object?>
                {
                    ["positions_closed"] = closed.Count, ["symbols"] = closed.Select(c => c.Symbol).ToList(),
                    ["realized_pnl"] = closed.Sum(c => c.RealizedPnl),
                });
            logger.LogInformation("End of day flatten: {Count} positions closed{Symbols}", closed.Count,
                closed.Count > 0 ? ": " + string.Join(", ", closed.Select(c => c.Symbol)) : string.Empty);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            store.AddEvent(cycle, now, "flatten_failed", $"End-of-day flatten failed: {ex.Message}");
            logger.LogError("End-of-day flatten failed: {Reason}", ex.Message);
            await AlertAsync("critical", "flatten_failed", $"End-of-day flatten failed: {ex.Message}", cycle, ct);
        }
    }

    private async Task AlertAsync(string severity, string type, string message, TradingCycleRow cycle, CancellationToken ct)
    {
        try
        {
            await sender.Send(new RaiseAlert(severity, type, message, new Dictionary<string, object?> { ["cycle_id"] = cycle.Id }), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Alert {Type} could not be raised ({Reason}): {Message}", type, ex.Message, message);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static StrategyCandidate ToStrategy(CandidateDto c) => new(c.Symbol, c.Entry, c.Stop, c.Target, c.Pattern, c.CatalystType);

    private static Dictionary<string, object?> CandidateFeatures(CandidateDto c, StrategySignal signal, Guid? scanId, string sessionMode)
    {
        var features = new Dictionary<string, object?>
        {
            ["symbol"] = c.Symbol, ["scan_id"] = scanId, ["session_mode"] = sessionMode, ["rank"] = c.Rank,
            ["final_score"] = c.FinalScore, ["catalyst_score"] = c.CatalystScore, ["technical_score"] = c.TechnicalScore,
            ["pattern_score"] = c.PatternScore, ["candidate_price"] = c.Price, ["gap_pct"] = c.GapPct,
            ["relative_volume"] = c.RelativeVolume, ["volume"] = c.Volume, ["catalyst_type"] = c.CatalystType,
            ["headline"] = c.Headline, ["pattern"] = c.Pattern,
        };
        foreach (var (key, value) in signal.Features) features[key] = value;
        return features;
    }
}
