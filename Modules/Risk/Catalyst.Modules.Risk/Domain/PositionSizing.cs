using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Risk.Domain;

/// <summary>What the trade journal says about the edge: closed trades, wins and losses (scratches count only as trades).</summary>
internal sealed record JournalStats(int ClosedTrades, int Wins, int Losses, decimal AverageWin, decimal AverageLoss)
{
    public static readonly JournalStats Empty = new(0, 0, 0, 0m, 0m);

    public decimal? WinRate => Wins + Losses == 0 ? null : (decimal)Wins / (Wins + Losses);

    /// <summary>Average win over average loss (both as positive amounts); undefined without both.</summary>
    public decimal? Payoff => Wins == 0 || Losses == 0 || AverageLoss == 0m ? null : AverageWin / AverageLoss;
}

internal sealed record SizingInput(
    decimal Price,
    decimal Stop,
    decimal Capital,
    decimal RiskPerTradePct,
    decimal MaxPositionValue,
    decimal RiskBudget,
    JournalStats Journal,
    decimal KellyFraction,
    int KellyMinTrades);

/// <summary>
/// The size and how it came about. <see cref="Method"/> is "kelly" or "fixed_fractional"; <see cref="CappedBy"/> names the
/// limit that cut the size ("max_position_pct" or "daily_loss_budget"), null when the method's own size stood.
/// </summary>
internal sealed record SizingResult(decimal Shares, decimal RiskPerShare, decimal RiskAmount, string Method, decimal TargetRisk,
    decimal? FullKelly, string? CappedBy);

internal sealed record StopChoice(decimal Stop, string Source);

/// <summary>The sizing and stop arithmetic, free of I/O so every number can be checked by hand.</summary>
internal static class PositionSizing
{
    /// <summary>Full Kelly f* = p − (1 − p) / b, with p the win rate and b the payoff; null when either is undefined.</summary>
    public static decimal? FullKelly(JournalStats journal) =>
        journal.WinRate is { } p && journal.Payoff is { } b ? p - (1m - p) / b : null;

    /// <summary>
    /// Whole shares. Risk per trade comes from fractional Kelly (capital × fraction × f*) once the journal holds
    /// <see cref="SizingInput.KellyMinTrades"/> closed trades with both wins and losses, else from fixed-fractional risk
    /// (capital × risk_per_trade_pct). Shares = that risk / (entry − stop), then capped by the position value limit and by
    /// what is left of the day's loss budget. A journal without an edge (f* ≤ 0) sizes to zero.
    /// </summary>
    public static SizingResult Size(SizingInput input)
    {
        var riskPerShare = Math.Abs(input.Price - input.Stop);
        if (riskPerShare <= 0m || input.Price <= 0m)
            throw new ArgumentException("The stop must differ from a positive price.", nameof(input));

        decimal? fullKelly = null;
        string method;
        decimal targetRisk;
        if (input.Journal.ClosedTrades >= input.KellyMinTrades && FullKelly(input.Journal) is { } f)
        {
            fullKelly = f;
            method = "kelly";
            targetRisk = f <= 0m ? 0m : input.Capital * input.KellyFraction * f;
        }
        else
        {
            method = "fixed_fractional";
            targetRisk = input.Capital * input.RiskPerTradePct / 100m;
        }

        var shares = Math.Floor(targetRisk / riskPerShare);
        string? cappedBy = null;
        var byValue = Math.Floor(input.MaxPositionValue / input.Price);
        if (byValue < shares)
        {
            shares = byValue;
            cappedBy = "max_position_pct";
        }
        var byBudget = Math.Floor(Math.Max(0m, input.RiskBudget) / riskPerShare);
        if (byBudget < shares)
        {
            shares = byBudget;
            cappedBy = "daily_loss_budget";
        }
        shares = Math.Max(0m, shares);
        return new SizingResult(shares, riskPerShare, shares * riskPerShare, method, Round(targetRisk), fullKelly, cappedBy);
    }

    /// <summary>
    /// The stop when none is given: <paramref name="atrMultiplier"/>×ATR from the price, or the technical level (support
    /// under a long, resistance over a short) when that is valid — on the protective side of the price and above zero —
    /// and tighter. Without either, a fixed percent of the price.
    /// </summary>
    public static StopChoice ChooseStop(OrderSide side, decimal price, decimal? atr, decimal atrMultiplier, decimal? level,
        decimal fallbackPct)
    {
        var sign = side == OrderSide.Buy ? -1m : 1m;
        StopChoice? best = null;
        if (atr is > 0m)
        {
            var atrStop = price + sign * atrMultiplier * atr.Value;
            if (atrStop > 0m) best = new StopChoice(RoundAway(atrStop, side), "atr");
        }
        if (level is { } l && l > 0m && (side == OrderSide.Buy ? l < price : l > price))
        {
            var levelStop = RoundAway(l, side);
            if (best is null || Math.Abs(price - levelStop) < Math.Abs(price - best.Stop))
                best = new StopChoice(levelStop, side == OrderSide.Buy ? "support" : "resistance");
        }
        return best ?? new StopChoice(RoundAway(price + sign * price * fallbackPct / 100m, side), "fallback_pct");
    }

    /// <summary>A stop rounded to a tradable tick away from the price (cents; 1/100 cent under a dollar), so rounding never tightens it.</summary>
    public static decimal RoundAway(decimal stop, OrderSide side)
    {
        var scale = stop >= 1m ? 100m : 10_000m;
        return side == OrderSide.Buy ? Math.Floor(stop * scale) / scale : Math.Ceiling(stop * scale) / scale;
    }

    /// <summary>Reward over risk for a stop and a target (both distances from the entry price).</summary>
    public static decimal RewardRisk(decimal price, decimal stop, decimal target) =>
        Math.Abs(target - price) / Math.Abs(price - stop);

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Pearson correlation of daily returns, the overexposure measure between two positions.</summary>
internal static class Correlation
{
    /// <summary>Simple returns of consecutive closes.</summary>
    public static double[] Returns(IReadOnlyList<decimal> closes)
    {
        var returns = new double[Math.Max(0, closes.Count - 1)];
        for (var i = 1; i < closes.Count; i++)
            returns[i - 1] = closes[i - 1] == 0m ? 0d : (double)((closes[i] - closes[i - 1]) / closes[i - 1]);
        return returns;
    }

    /// <summary>Pearson's r of two equally long series; null when either has no variance or fewer than 3 points.</summary>
    public static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = Math.Min(x.Count, y.Count);
        if (n < 3) return null;
        double meanX = 0, meanY = 0;
        for (var i = 0; i < n; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double cov = 0, varX = 0, varY = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            cov += dx * dy;
            varX += dx * dx;
            varY += dy * dy;
        }
        if (varX <= 0 || varY <= 0) return null;
        return cov / Math.Sqrt(varX * varY);
    }
}
