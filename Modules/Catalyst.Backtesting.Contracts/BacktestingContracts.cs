using System.Globalization;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Time;
using Mediator;

namespace Catalyst.Backtesting.Contracts;

// The backtest's public surface, handled by the Host (the only project that knows every module). Orchestration's
// run_backtest tool and its result resource call these; REST (POST/GET /api/v1/backtests) sends the same messages.

/// <summary>Job states: queued → running → completed | failed | cancelled.</summary>
public static class BacktestStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string status) => status is Completed or Failed or Cancelled;
}

/// <summary>
/// Queues a backtest: the live Scanner → Pattern → Technical → Risk → Trading → Reporting pipeline replayed day by day on
/// the virtual clock. Without <see cref="DataDir"/> it runs generated (simulated) days from <see cref="StartDate"/> to
/// <see cref="EndDate"/> (both required, NYSE trading days only); with it, the 1-minute CSV files in that server folder
/// (Lean or Alpaca layout), every date in the files or those within the optional range. <see cref="Symbols"/> narrows the
/// market to those names. Returns the queued job (poll <see cref="GetBacktest"/>).
/// </summary>
public sealed record RunBacktest(
    DateOnly? StartDate = null,
    DateOnly? EndDate = null,
    IReadOnlyList<string>? Symbols = null,
    int? Seed = null,
    string? DataDir = null,
    int? UniverseSize = null,
    double? CatalystDayShare = null,
    decimal? StartingCash = null,
    decimal? SlippageBps = null,
    string? RiskFile = null) : IRequest<BacktestJobDto>, IValidatable
{
    /// <summary>A year of calendar days: about 250 simulated sessions, a few minutes of work.</summary>
    public const int MaxCalendarDays = 366;

    public const int MaxSymbols = 500;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        var replay = !string.IsNullOrWhiteSpace(DataDir);
        if (DataDir is not null && !replay)
            yield return ("data_dir", "data_dir must not be empty (omit it to run simulated days)");
        if (!replay && StartDate is null)
            yield return ("start_date", "start_date (YYYY-MM-DD) is required unless data_dir is given");
        if (!replay && EndDate is null)
            yield return ("end_date", "end_date (YYYY-MM-DD) is required unless data_dir is given");
        if (StartDate is { } from && EndDate is { } to)
        {
            if (to < from)
                yield return ("end_date", $"end_date {Day(to)} is before start_date {Day(from)}");
            else if (to.DayNumber - from.DayNumber + 1 > MaxCalendarDays)
                yield return ("end_date", $"the range {Day(from)} to {Day(to)} is longer than {MaxCalendarDays} days; split it into several backtests");
            else if (!replay && !NyseCalendar.TradingDays(from, to).Any())
                yield return ("start_date", $"there is no NYSE trading day from {Day(from)} to {Day(to)}");
        }
        if (replay && !Directory.Exists(DataDir))
            yield return ("data_dir", $"the data folder '{DataDir}' does not exist on the server");
        else if (replay && !Directory.EnumerateFiles(DataDir!, "*.csv").Any())
            yield return ("data_dir", $"the data folder '{DataDir}' holds no *.csv files (1-minute bars, Lean or Alpaca layout)");
        if (Symbols is { } symbols)
        {
            if (symbols.Count > MaxSymbols) yield return ("symbols", $"at most {MaxSymbols} symbols");
            foreach (var s in symbols)
                if (!Symbol.TryParse(s, out _)) yield return ("symbols", $"'{s}' is not a valid symbol");
        }
        if (UniverseSize is < 20 or > 5000) yield return ("universe_size", "universe_size must be 20 to 5000 symbols");
        if (CatalystDayShare is { } share && (double.IsNaN(share) || share is < 0 or > 1))
            yield return ("catalyst_day_share", "catalyst_day_share must be 0 to 1");
        if (StartingCash is <= 0 or > 1_000_000_000m) yield return ("starting_cash", "starting_cash must be above 0 and at most 1,000,000,000");
        if (SlippageBps is < 0 or > 1000) yield return ("slippage_bps", "slippage_bps must be 0 to 1000 basis points");
        if (RiskFile is not null && !File.Exists(RiskFile))
            yield return ("risk_file", $"the risk parameters file '{RiskFile}' does not exist on the server");
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A backtest job by id; 404 when unknown.</summary>
public sealed record GetBacktest(Guid Id) : IRequest<BacktestJobDto>;

/// <summary>The latest jobs first; Limit 1–100.</summary>
public sealed record ListBacktests(int Limit = 20) : IRequest<IReadOnlyList<BacktestJobDto>>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Limit is < 1 or > 100) yield return ("limit", "limit must be 1 to 100");
    }
}

/// <summary>Cancels a queued or running job (a running one stops after the current virtual minute). 409 when already finished.</summary>
public sealed record CancelBacktest(Guid Id) : IRequest<BacktestJobDto>;

/// <summary>
/// A job as stored. <see cref="Result"/> is set once completed; <see cref="ReportDirectory"/> holds summary.json,
/// journal.csv, equity.png and index.html; <see cref="Error"/> says why a job failed.
/// </summary>
public sealed record BacktestJobDto(Guid Id, string Status, RunBacktest Parameters, BacktestProgressDto Progress,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? ReportDirectory, string? Error,
    BacktestSummaryDto? Result);

/// <summary>How far a run is: whole days done of the total, the day in progress and the running totals.</summary>
public sealed record BacktestProgressDto(int DaysCompleted, int DaysTotal, decimal Percent, DateOnly? CurrentDate,
    int TradesSoFar, decimal PnlSoFar, long BarsProcessed, string? Message)
{
    public static BacktestProgressDto Queued { get; } = new(0, 0, 0m, null, 0, 0m, 0, "queued");
}

/// <summary>summary.json: what ran, the §5.6 report fields over the whole run, and one row per day.</summary>
public sealed record BacktestSummaryDto(BacktestRunDto Run, BacktestReportDto Report, IReadOnlyList<BacktestDayDto> Days);

/// <summary>
/// Source "simulated" (generated days, <see cref="Seed"/>) or "csv" (<see cref="DataDir"/>). BarsPerSecond counts the
/// 1-minute bars replayed over the wall-clock time of the run (database set-up included). Profile: wall-clock seconds per
/// phase (migrate, host_start, step, end_of_day_reads, host_stop) and per heartbeat subscriber ("heartbeat:&lt;name&gt;",
/// each module's per-minute work), slowest first.
/// </summary>
public sealed record BacktestRunDto(Guid Id, string Source, DateOnly DateStart, DateOnly DateEnd, int? Seed, string? DataDir,
    IReadOnlyList<string> Symbols, int Days, long Bars, double ElapsedSeconds, double BarsPerSecond, decimal StartingCash,
    decimal EndingEquity, string? RiskFile, IReadOnlyDictionary<string, double>? Profile = null);

/// <summary>
/// The §5.6 report over the run (period "backtest"), computed as Reporting computes its periods: win_rate a fraction,
/// percentages in percent of the starting equity, max_drawdown ≤ 0 in USD, Sharpe from daily returns × √252.
/// </summary>
public sealed record BacktestReportDto(string Period, DateOnly DateStart, DateOnly DateEnd, decimal StartingEquity,
    decimal Pnl, decimal PnlPct, int TradesExecuted, int TradesWon, int TradesLost, int TradesScratch, decimal? WinRate,
    decimal? ProfitFactor, decimal? SharpeRatio, decimal MaxDrawdown, decimal MaxDrawdownPct, decimal? AvgWin,
    decimal? AvgLoss, decimal? LargestWin, decimal? LargestLoss, decimal? AvgRMultiple, BacktestDayPnlDto? BestDay,
    BacktestDayPnlDto? WorstDay);

public sealed record BacktestDayPnlDto(DateOnly Date, decimal Pnl);

/// <summary>One trading day of the run: the broker's equity before and after, and that day's §5.6 daily report.</summary>
public sealed record BacktestDayDto(DateOnly Date, int Symbols, long Bars, decimal StartingEquity, decimal EndingEquity,
    decimal Pnl, decimal PnlPct, int TradesExecuted, int TradesWon, int TradesLost, int TradesScratch, decimal? WinRate,
    decimal? ProfitFactor, decimal MaxDrawdown, double ElapsedSeconds);
