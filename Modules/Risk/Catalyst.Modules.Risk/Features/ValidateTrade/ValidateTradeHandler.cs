using Catalyst.Modules.Risk.Contracts;
using Catalyst.Modules.Risk.Domain;
using Catalyst.Modules.Risk.Parameters;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Mediator;

namespace Catalyst.Modules.Risk.Features.ValidateTrade;

/// <summary>
/// §5.3 pre-trade validation. Entries go through, in order: kill switch, the order-flow guards (cool-down, duplicate,
/// rate), daily loss limit, max positions, position size vs capital, correlation with each open position, minimum
/// reward:risk. Exits only have to reduce a position and not be duplicates: getting out is allowed with the kill switch
/// on or the loss limit hit. The first failing check rejects; every decision is recorded.
/// </summary>
internal sealed class ValidateTradeHandler(
    RiskParameterStore parameters,
    KillSwitch.KillSwitchService killSwitch,
    OrderFlowGuard guard,
    RiskInputs inputs,
    IDecisionRecorder recorder) : IRequestHandler<Contracts.ValidateTrade, RiskDecision>
{
    public async ValueTask<RiskDecision> Handle(Contracts.ValidateTrade request, CancellationToken cancellationToken)
    {
        var p = parameters.Current;
        var symbol = Symbol.Parse(request.Symbol);
        var evaluation = request.IsExit
            ? await EvaluateExitAsync(request, symbol, p, cancellationToken)
            : await EvaluateEntryAsync(request, symbol, p, cancellationToken);

        var decision = evaluation.Decision;
        if (!request.Preview)
        {
            if (decision.Approved)
            {
                if (guard.TryRecordApproval(symbol.Value, request.Side, decision.PositionSize, request.IsExit, p) is { } lost)
                    decision = Reject(lost.Check, lost.Reason, lost.Details, decision.MaxRisk);
            }
            if (!decision.Approved && decision.Details is { } d && d.TryGetValue("check_failed", out var c) && c is string failed &&
                guard.RecordRejection(failed, p) is { } until)
            {
                var details = new Dictionary<string, object?>(decision.Details) { ["cooldown_until"] = until };
                decision = decision with { Details = details };
            }
        }
        await recorder.RecordAsync(request, symbol, evaluation.Price, decision, cancellationToken);
        return decision;
    }

    private sealed record Evaluation(RiskDecision Decision, decimal? Price);

    private async Task<Evaluation> EvaluateEntryAsync(Contracts.ValidateTrade request, Symbol symbol, RiskParameters p,
        CancellationToken ct)
    {
        var passed = new List<string>();

        if (await killSwitch.GetAsync(ct) is { Active: true } ks)
        {
            return new(Reject("kill_switch", "Kill switch is active: new entries are blocked",
                new() { ["reason"] = ks.Reason, ["activated_at"] = ks.ChangedAt }, 0m), request.Price);
        }
        passed.Add("kill_switch");

        if (!request.Preview && guard.Check(symbol.Value, request.Side, request.Quantity, false, p) is { } refusal)
            return new(Reject(refusal.Check, refusal.Reason, refusal.Details, 0m), request.Price);
        if (!request.Preview) passed.Add("order_flow");

        var accountTask = inputs.AccountAsync(ct);
        var priceTask = request.Price is { } given ? Task.FromResult(given) : inputs.CurrentPriceAsync(symbol, ct);
        var account = await accountTask;
        var price = await priceTask;
        foreach (var (field, message) in PriceRules.Check(request.Side, price, request.StopLoss, request.TakeProfit))
            throw new ValidationException(field, message);

        // 1. Daily loss limit: equity against the previous close, so open losses count before they are realised.
        var maxRisk = PositionSizing.Round(p.MaxDailyLossUsd + Math.Min(account.DailyPnl, 0m));
        if (account.DailyPnl <= -p.MaxDailyLossUsd)
        {
            return new(Reject("daily_loss_limit", "Daily loss limit exceeded",
                new() { ["current_loss"] = PositionSizing.Round(account.DailyPnl), ["max_loss"] = -p.MaxDailyLossUsd }, 0m), price);
        }
        passed.Add("daily_loss_limit");

        // 2. Max positions: adding to a position already held does not open a new one.
        var open = account.Positions.Where(x => x.Quantity != 0m).ToList();
        var held = open.FirstOrDefault(x => x.Symbol == symbol);
        if (held is null && open.Count >= p.MaxPositions)
        {
            return new(Reject("max_positions", $"Maximum open positions reached ({open.Count} of {p.MaxPositions})",
                new() { ["current_positions"] = open.Count, ["max_positions"] = p.MaxPositions }, maxRisk), price);
        }
        passed.Add("max_positions");

        // 3. Stop and size.
        StopChoice stop;
        TechnicalLevels? levels = null;
        if (request.StopLoss is { } givenStop)
        {
            stop = new StopChoice(givenStop, "given");
        }
        else
        {
            levels = await inputs.LevelsAsync(symbol, ct);
            stop = PositionSizing.ChooseStop(request.Side, price, levels.Atr, p.AtrMultiplier,
                request.Side == OrderSide.Buy ? levels.Support : levels.Resistance, p.FallbackStopPct);
        }
        var riskPerShare = Math.Abs(price - stop.Stop);
        var sizingDetails = new Dictionary<string, object?> { ["price"] = price, ["stop_source"] = stop.Source };

        decimal quantity;
        if (request.Quantity is { } q)
        {
            quantity = q;
            sizingDetails["sizing_method"] = "given";
        }
        else
        {
            var journal = await inputs.JournalAsync(ct);
            var sizing = PositionSizing.Size(new SizingInput(price, stop.Stop, p.Capital, p.RiskPerTradePct, p.MaxPositionValue,
                maxRisk, journal, p.KellyFraction, p.KellyMinTrades));
            quantity = sizing.Shares;
            sizingDetails["sizing_method"] = sizing.Method;
            sizingDetails["target_risk"] = sizing.TargetRisk;
            if (sizing.FullKelly is { } f) sizingDetails["kelly_full"] = Math.Round(f, 4);
            if (sizing.CappedBy is not null) sizingDetails["capped_by"] = sizing.CappedBy;
            if (quantity <= 0m)
            {
                var why = sizing.Method == "kelly" && sizing.FullKelly <= 0m
                    ? "the trade journal shows no edge (Kelly fraction is not positive)"
                    : $"the risk per share ({riskPerShare}) exceeds what the limits allow";
                return new(Reject("position_size_limit", $"Position size rounds to zero: {why}",
                    new(sizingDetails) { ["stop_loss"] = stop.Stop, ["max_position_value"] = p.MaxPositionValue }, maxRisk), price);
            }
        }

        // 4. Position size vs capital (a position added to counts with what is already held).
        var heldValue = held is null || (held.Quantity > 0) != (request.Side == OrderSide.Buy) ? 0m : Math.Abs(held.MarketValue);
        var positionValue = PositionSizing.Round(quantity * price + heldValue);
        if (positionValue > p.MaxPositionValue)
        {
            return new(Reject("position_size_limit",
                $"Position value {positionValue:0.00} exceeds {p.MaxPositionPct}% of capital ({p.MaxPositionValue:0.00})",
                new()
                {
                    ["position_value"] = positionValue, ["max_position_value"] = p.MaxPositionValue,
                    ["max_position_pct"] = p.MaxPositionPct, ["quantity"] = quantity, ["price"] = price,
                }, maxRisk), price);
        }
        passed.Add("position_size_limit");

        // 5. Correlation with each open position, direction-adjusted: long A with short B is a hedge, not overexposure.
        var others = open.Where(x => x.Symbol != symbol).ToList();
        if (others.Count > 0 && p.MaxCorrelation < 1m)
        {
            var closes = await inputs.DailyClosesAsync([symbol, .. others.Select(o => o.Symbol)], p.CorrelationLookbackDays + 1, ct);
            var skipped = new List<string>();
            foreach (var other in others)
            {
                var r = CorrelationOf(closes[symbol], closes[other.Symbol]);
                if (r is null)
                {
                    skipped.Add(other.Symbol.Value);
                    continue;
                }
                var direction = (request.Side == OrderSide.Buy ? 1 : -1) * (other.IsLong ? 1 : -1);
                var effective = r.Value * direction;
                if (effective > (double)p.MaxCorrelation)
                {
                    return new(Reject("correlation_check",
                        $"{symbol} is correlated with the open {other.Symbol} position ({effective:0.00} > {p.MaxCorrelation})",
                        new()
                        {
                            ["correlated_with"] = other.Symbol.Value, ["correlation"] = Math.Round((decimal)effective, 4),
                            ["max_correlation"] = p.MaxCorrelation, ["lookback_days"] = p.CorrelationLookbackDays,
                        }, maxRisk), price);
                }
            }
            if (skipped.Count > 0) sizingDetails["correlation_insufficient_data"] = skipped;
        }
        passed.Add("correlation_check");

        // 6. Minimum reward:risk. Without a target, propose the one at exactly the minimum.
        var takeProfit = request.TakeProfit;
        if (takeProfit is { } target)
        {
            var ratio = PositionSizing.RewardRisk(price, stop.Stop, target);
            sizingDetails["risk_reward_ratio"] = Math.Round(ratio, 2);
            if (ratio < p.MinRiskRewardRatio)
            {
                return new(Reject("risk_reward_ratio",
                    $"Reward:risk {ratio:0.00} is below the minimum {p.MinRiskRewardRatio}",
                    new()
                    {
                        ["risk_reward_ratio"] = Math.Round(ratio, 2), ["min_risk_reward_ratio"] = p.MinRiskRewardRatio,
                        ["stop_loss"] = stop.Stop, ["take_profit"] = target, ["price"] = price,
                    }, maxRisk), price);
            }
        }
        else if (p.MinRiskRewardRatio > 0m)
        {
            var sign = request.Side == OrderSide.Buy ? 1m : -1m;
            takeProfit = PositionSizing.Round(price + sign * p.MinRiskRewardRatio * riskPerShare);
            sizingDetails["risk_reward_ratio"] = p.MinRiskRewardRatio;
            sizingDetails["take_profit_source"] = "minimum_risk_reward";
        }
        passed.Add("risk_reward_ratio");

        var decision = new RiskDecision(true, quantity, PositionSizing.Round(quantity * riskPerShare), maxRisk, passed,
            stop.Stop, takeProfit, null, sizingDetails);
        return new(decision, price);
    }

    private async Task<Evaluation> EvaluateExitAsync(Contracts.ValidateTrade request, Symbol symbol, RiskParameters p,
        CancellationToken ct)
    {
        if (!request.Preview && guard.Check(symbol.Value, request.Side, request.Quantity, true, p) is { } refusal)
            return new(Reject(refusal.Check, refusal.Reason, refusal.Details, 0m), request.Price);

        var account = await inputs.AccountAsync(ct);
        var held = account.Positions.FirstOrDefault(x => x.Symbol == symbol && x.Quantity != 0m);
        var reduces = held is not null && (held.Quantity > 0m) == (request.Side == OrderSide.Sell);
        var maxRisk = PositionSizing.Round(p.MaxDailyLossUsd + Math.Min(account.DailyPnl, 0m));
        if (held is null || !reduces)
        {
            return new(Reject("exit_reduces_position",
                held is null
                    ? $"No open {symbol} position to exit"
                    : $"A {request.Side.ToString().ToLowerInvariant()} does not reduce the {(held.IsLong ? "long" : "short")} {symbol} position",
                new() { ["symbol"] = symbol.Value, ["position_quantity"] = held?.Quantity ?? 0m }, maxRisk), request.Price);
        }
        var available = Math.Abs(held.Quantity);
        var quantity = request.Quantity ?? available;
        if (quantity > available)
        {
            return new(Reject("exit_reduces_position",
                $"Exit quantity {quantity} exceeds the {available} {symbol} shares held",
                new() { ["symbol"] = symbol.Value, ["quantity"] = quantity, ["position_quantity"] = held.Quantity }, maxRisk),
                request.Price);
        }
        List<string> passed = request.Preview ? ["exit_reduces_position"] : ["order_flow", "exit_reduces_position"];
        return new(new RiskDecision(true, quantity, 0m, maxRisk, passed, request.StopLoss, request.TakeProfit, null,
            new Dictionary<string, object?> { ["exit"] = true, ["position_quantity"] = held.Quantity }), request.Price ?? held.CurrentPrice);
    }

    private static double? CorrelationOf(IReadOnlyList<(DateOnly Date, decimal Close)> a, IReadOnlyList<(DateOnly Date, decimal Close)> b)
    {
        var bByDate = b.ToDictionary(x => x.Date, x => x.Close);
        var common = a.Where(x => bByDate.ContainsKey(x.Date)).ToList();
        // Fewer than five returns say nothing about co-movement.
        if (common.Count < 6) return null;
        var ra = Correlation.Returns(common.Select(x => x.Close).ToList());
        var rb = Correlation.Returns(common.Select(x => bByDate[x.Date]).ToList());
        return Correlation.Pearson(ra, rb);
    }

    internal static RiskDecision Reject(string check, string reason, Dictionary<string, object?> details, decimal maxRisk)
    {
        details["check_failed"] = check;
        return new RiskDecision(false, 0m, 0m, maxRisk, [], null, null, reason, details);
    }
}
