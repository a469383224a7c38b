using Catalyst.SharedKernel.Messaging;
using Mediator;

namespace Catalyst.Modules.Reporting.Contracts;

// The Reporting module's public surface. Reporting owns this file: it may add members and messages, but must not rename
// or remove the ones below without updating every caller (Workflow, Risk, Orchestration, the backtest).
// Member names are chosen so that WireJson (snake_case) gives the seed's §5.6 field names: serialise the DTOs as they are.

/// <summary>Period names accepted by the report requests.</summary>
public static class ReportPeriods
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";

    public static readonly IReadOnlyList<string> All = [Daily, Weekly, Monthly];

    public static bool IsValid(string? period) => period is Daily or Weekly or Monthly;
}

/// <summary>Journal outcomes: win (P&amp;L ≥ threshold), loss (≤ −threshold), scratch (|P&amp;L| below the threshold, default $1).</summary>
public static class TradeOutcomes
{
    public const string Win = "win";
    public const string Loss = "loss";
    public const string Scratch = "scratch";

    public static readonly IReadOnlyList<string> All = [Win, Loss, Scratch];

    public static bool IsValid(string? outcome) => outcome is Win or Loss or Scratch;
}

/// <summary>
/// §5.6 GET /api/v1/journal: closed round trips in exit order (oldest first). Date = the US/Eastern trading day of the
/// exit; From/To an inclusive range of such days; Symbol and Outcome ("win" | "loss" | "scratch") narrow further.
/// No filter at all → the whole journal. Limit keeps the most recent N (still returned oldest first).
/// </summary>
public sealed record GetTradeJournal(DateOnly? Date = null, string? Symbol = null, string? Outcome = null,
    DateOnly? From = null, DateOnly? To = null, int? Limit = null) : IRequest<IReadOnlyList<JournalEntryDto>>, IValidatable
{
    public const int MaxLimit = 10_000;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (Symbol is not null && !Catalyst.SharedKernel.Domain.Symbol.TryParse(Symbol, out _))
            yield return ("symbol", $"'{Symbol}' is not a valid symbol.");
        if (Outcome is not null && !TradeOutcomes.IsValid(Outcome))
            yield return ("outcome", $"outcome must be one of {string.Join(", ", TradeOutcomes.All)}, not '{Outcome}'.");
        if (Date is not null && (From is not null || To is not null))
            yield return ("date", "Give either date or from/to, not both.");
        if (From is { } from && To is { } to && from > to)
            yield return ("from", $"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).");
        if (Limit is < 1 or > MaxLimit)
            yield return ("limit", $"limit must be between 1 and {MaxLimit}.");
    }
}

/// <summary>
/// One §5.6 journal row. TradeId is Trading's position id. PnlPct is percent of the entry cost (−0.62 = −0.62 %).
/// RMultiple = P&amp;L / initial risk (null when the entry had no stop).
/// </summary>
public sealed record JournalEntryDto(Guid TradeId, string Symbol, string Side, DateTimeOffset EntryTime, DateTimeOffset ExitTime,
    decimal EntryPrice, decimal ExitPrice, decimal Quantity, decimal Pnl, decimal PnlPct, decimal? RMultiple, string? Pattern,
    string? Catalyst, string Outcome, int HoldTimeMinutes, string? ExitReason, string? Notes);

/// <summary>PUT /api/v1/journal/{trade_id}/notes: the trader's own notes on a closed trade (replacing the earlier ones).</summary>
public sealed record UpdateJournalNotes(Guid TradeId, string? Notes) : IRequest<JournalEntryDto>, IValidatable
{
    public const int MaxLength = 4000;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (TradeId == Guid.Empty) yield return ("trade_id", "trade_id is required.");
        if (Notes is { Length: > MaxLength }) yield return ("notes", $"notes must be at most {MaxLength} characters.");
    }
}

/// <summary>
/// §5.6 GET /api/v1/reports/{period}; Period "daily" | "weekly" (Monday–Friday) | "monthly" (calendar month); Date picks
/// the period (default today, US/Eastern, on the app's clock).
/// </summary>
public sealed record GetPerformanceReport(string Period = ReportPeriods.Daily, DateOnly? Date = null)
    : IRequest<PerformanceReportDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (!ReportPeriods.IsValid(Period))
            yield return ("period", $"period must be one of {string.Join(", ", ReportPeriods.All)}, not '{Period}'.");
    }
}

/// <summary>
/// The §5.6 metrics. Empty periods give zeros and nulls. Percentages are in percent of the starting equity
/// (−0.45 = −0.45 %); ratios (win_rate) are fractions. max_drawdown is ≤ 0 (USD), max_drawdown_pct ≤ 0 (percent of the
/// peak). sharpe_ratio needs at least two trading days with a non-zero spread of daily returns, else null.
/// best_day / worst_day cover days with closed trades (null for a daily report).
/// </summary>
public sealed record PerformanceReportDto(string Period, DateOnly DateStart, DateOnly DateEnd, decimal StartingEquity,
    decimal Pnl, decimal PnlPct, int TradesExecuted, int TradesWon, int TradesLost, int TradesScratch, decimal? WinRate,
    decimal? ProfitFactor, decimal? SharpeRatio, decimal MaxDrawdown, decimal MaxDrawdownPct, decimal? AvgWin,
    decimal? AvgLoss, decimal? LargestWin, decimal? LargestLoss, decimal? AvgRMultiple, DayPnlDto? BestDay,
    DayPnlDto? WorstDay);

public sealed record DayPnlDto(DateOnly Date, decimal Pnl);

/// <summary>GET /api/v1/reports/{period}/equity.png: the equity curve with drawdown shading, as PNG bytes.</summary>
public sealed record RenderEquityCurve(string Period = ReportPeriods.Daily, DateOnly? Date = null, int Width = 1000, int Height = 500)
    : IRequest<byte[]>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (!ReportPeriods.IsValid(Period))
            yield return ("period", $"period must be one of {string.Join(", ", ReportPeriods.All)}, not '{Period}'.");
        if (Width is < 200 or > 4000) yield return ("width", "width must be between 200 and 4000 pixels.");
        if (Height is < 150 or > 3000) yield return ("height", "height must be between 150 and 3000 pixels.");
    }
}

/// <summary>
/// Builds the daily report, stores it, and sends the §7.5 end-of-day summary to the configured sinks (Workflow, at the
/// close). Safe to call again for the same date: the report is recomputed and only sinks that have not yet received
/// that day's summary are tried again. Delivery failures never throw: they are listed in Failed, stored and alerted.
/// </summary>
public sealed record SendEndOfDaySummary(DateOnly Date, Guid? CycleId = null) : IRequest<EndOfDaySummaryDto>;

/// <summary>DeliveredTo / Failed hold sink names ("email", "webhook"); with no sink configured both are empty.</summary>
public sealed record EndOfDaySummaryDto(DateOnly Date, PerformanceReportDto Report, string Text, IReadOnlyList<string> DeliveredTo,
    IReadOnlyList<string> Failed);

/// <summary>The webhook sink's JSON body (POSTed with the wire naming: date, cycle_id, report, text).</summary>
public sealed record EndOfDayWebhookPayload(string Event, DateOnly Date, Guid? CycleId, PerformanceReportDto Report, string Text,
    IReadOnlyList<JournalEntryDto> Trades)
{
    public const string EventName = "end_of_day_summary";
}
