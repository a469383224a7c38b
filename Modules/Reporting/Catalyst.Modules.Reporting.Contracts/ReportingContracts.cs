using Mediator;

namespace Catalyst.Modules.Reporting.Contracts;

// The Reporting module's public surface. Reporting owns this file: it may add members and messages, but must not rename
// or remove the ones below without updating every caller (Workflow, Risk, Orchestration, the backtest).

/// <summary>§5.6 GET /api/v1/journal. Outcome "win" | "loss" | "scratch".</summary>
public sealed record GetTradeJournal(DateOnly? Date = null, string? Symbol = null, string? Outcome = null,
    DateOnly? From = null, DateOnly? To = null) : IRequest<IReadOnlyList<JournalEntryDto>>;

public sealed record JournalEntryDto(Guid TradeId, string Symbol, string Side, decimal Quantity, decimal EntryPrice,
    decimal ExitPrice, DateTimeOffset EntryTime, DateTimeOffset ExitTime, decimal Pnl, decimal PnlPct, decimal? RMultiple,
    string Outcome, string? Pattern, string? Catalyst, string HoldTime, string? ExitReason, string? Notes);

/// <summary>§5.6 GET /api/v1/reports/{period}; Period "daily" | "weekly" | "monthly"; Date picks the period (default today ET).</summary>
public sealed record GetPerformanceReport(string Period = "daily", DateOnly? Date = null) : IRequest<PerformanceReportDto>;

/// <summary>The §5.6 metrics; empty periods give zeros and nulls.</summary>
public sealed record PerformanceReportDto(string Period, DateOnly StartDate, DateOnly EndDate, decimal TotalPnl, decimal TotalPnlPct,
    int TotalTrades, int Wins, int Losses, int Scratches, decimal? WinRate, decimal? ProfitFactor, decimal? SharpeRatio,
    decimal MaxDrawdown, decimal MaxDrawdownPct, decimal? AvgWin, decimal? AvgLoss, decimal? LargestWin, decimal? LargestLoss,
    decimal? AvgRMultiple, object? BestDay, object? WorstDay);

/// <summary>GET /api/v1/reports/{period}/equity.png: the equity curve with drawdown shading, as PNG bytes.</summary>
public sealed record RenderEquityCurve(string Period = "daily", DateOnly? Date = null) : IRequest<byte[]>;

/// <summary>Builds the daily report and sends the end-of-day summary to the configured sinks (Workflow, at the close).</summary>
public sealed record SendEndOfDaySummary(DateOnly Date, Guid? CycleId) : IRequest<EndOfDaySummaryDto>;

public sealed record EndOfDaySummaryDto(DateOnly Date, PerformanceReportDto Report, string Text, IReadOnlyList<string> DeliveredTo,
    IReadOnlyList<string> Failed);
