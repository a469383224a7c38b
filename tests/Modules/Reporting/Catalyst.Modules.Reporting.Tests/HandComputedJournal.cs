using Catalyst.Modules.Trading.Contracts;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Reporting.Tests;

/// <summary>
/// A week of round trips whose metrics are worked out by hand below (starting equity $100,000; the week of Monday
/// 2025-10-20, no holiday). Times are US/Eastern.
/// <code>
/// day  time   symbol  P&amp;L      outcome  equity after   peak       drawdown
/// Mon  10:00  AAPL    +500.00   win      100,500.00    100,500.00     0.00
/// Mon  11:00  NVDA    −200.00   loss     100,300.00    100,500.00  −200.00
/// Tue  10:00  AMD       +0.50   scratch  100,300.50    100,500.00  −199.50
/// Tue  11:00  TSLA    −300.00   loss     100,000.50    100,500.00  −499.50  (−0.49701 % of the peak: deepest in %)
/// Wed  —                                                             (flat day: a return of 0)
/// Thu  10:00  AAPL    +800.00   win      100,800.50    100,800.50     0.00
/// Thu  11:00  META    −100.00   loss     100,700.50    100,800.50  −100.00
/// Fri  10:00  NVDA    −400.00   loss     100,300.50    100,800.50  −500.00  (−0.49603 %: deepest in USD)
/// </code>
/// pnl = +300.50 (0.3005 %); trades 7: 2 wins, 4 losses, 1 scratch; win rate 2/6 = 0.3333;
/// profit factor 1,300 / 1,000 = 1.3; avg win 650, avg loss −250; largest win 800, largest loss −400;
/// best day Thu +700, worst day Fri −400; R multiples (risk 250, 200, —, 150, 400, —, —): 2, −1, −2, 2 → avg 0.25.
/// Daily returns (day P&amp;L / equity at the day's start): Mon 300/100,000 = 0.003; Tue −299.5/100,300;
/// Wed 0/100,000.5 = 0; Thu 700/100,000.5; Fri −400/100,700.5. Mean 6.0835e-4, sample stdev 4.49566e-3 →
/// Sharpe = mean/stdev × √252 = 2.1481 (the population stdev 4.02104e-3 would give 2.4017).
/// </summary>
internal static class HandComputedJournal
{
    public static readonly DateOnly Monday = new(2025, 10, 20);
    public const decimal StartingEquity = 100_000m;

    public static readonly IReadOnlyList<RoundTripClosed> Trades =
    [
        Trip(1, 0, "AAPL", new(10, 0), 500.00m, 250m, "bull_flag", "Earnings beat", "take_profit"),
        Trip(2, 0, "NVDA", new(11, 0), -200.00m, 200m, "abcd", null, "stop_loss"),
        Trip(3, 1, "AMD", new(10, 0), 0.50m, null, null, null, "manual"),
        Trip(4, 1, "TSLA", new(11, 0), -300.00m, 150m, "bull_flag", "FDA approval", "stop_loss"),
        Trip(5, 3, "AAPL", new(10, 0), 800.00m, 400m, "cup_and_handle", "Analyst upgrade", "take_profit"),
        Trip(6, 3, "META", new(11, 0), -100.00m, null, null, null, "trailing_stop"),
        Trip(7, 4, "NVDA", new(10, 0), -400.00m, null, "orb", null, "end_of_day"),
    ];

    public const decimal Pnl = 300.50m;
    public const decimal WinRate = 0.3333m;
    public const decimal ProfitFactor = 1.3m;
    public const decimal Sharpe = 2.1481m;
    public const decimal SharpeWithPopulationStdev = 2.4017m;
    public const decimal MaxDrawdown = -500.00m;
    public const decimal MaxDrawdownPct = -0.4970m;

    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    /// <summary>100 shares held 45 minutes, long; the exit price follows from the P&amp;L.</summary>
    private static RoundTripClosed Trip(int n, int dayOffset, string symbol, TimeOnly exitEt, decimal pnl, decimal? risk,
        string? pattern, string? catalyst, string exitReason)
    {
        var exit = MarketTime.AtEastern(Monday.AddDays(dayOffset), exitEt);
        const decimal quantity = 100m, entry = 50m;
        return new RoundTripClosed(Id(n), symbol, "long", quantity, entry, entry + pnl / quantity, exit.AddMinutes(-45), exit, pnl,
            risk, pattern, catalyst, exitReason);
    }
}
