namespace Catalyst.Modules.Reporting.Persistence;

/// <summary>
/// reporting.trade_journal: one row per closed round trip, keyed by Trading's position id (which makes the insert from
/// RoundTripClosed idempotent). The symbol is kept next to the security id because the journal is a read model.
/// </summary>
internal sealed class TradeJournalRow
{
    public Guid PositionId { get; set; }
    public long SecurityId { get; set; }
    public required string Symbol { get; set; }
    public required string Side { get; set; }
    public decimal Quantity { get; set; }
    public decimal EntryPrice { get; set; }
    public decimal ExitPrice { get; set; }
    public DateTimeOffset EntryTime { get; set; }
    public DateTimeOffset ExitTime { get; set; }

    /// <summary>The US/Eastern date of the exit: the trading day the P&amp;L counts for.</summary>
    public DateOnly TradingDate { get; set; }

    public decimal Pnl { get; set; }
    public decimal PnlPct { get; set; }
    public decimal? InitialRisk { get; set; }
    public decimal? RMultiple { get; set; }

    /// <summary>Classified once, with the scratch threshold in force when the trade closed: the journal records what was concluded then.</summary>
    public required string Outcome { get; set; }

    public int HoldTimeMinutes { get; set; }
    public string? Pattern { get; set; }
    public string? Catalyst { get; set; }
    public string? ExitReason { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>reporting.daily_reports: the report computed at the close (one per trading day; a re-run replaces it).</summary>
internal sealed class DailyReportRow
{
    public DateOnly ReportDate { get; set; }
    public Guid? CycleId { get; set; }
    public decimal StartingEquity { get; set; }
    public decimal Pnl { get; set; }
    public decimal PnlPct { get; set; }
    public int TradesExecuted { get; set; }
    public int TradesWon { get; set; }
    public int TradesLost { get; set; }
    public decimal? WinRate { get; set; }
    public decimal? ProfitFactor { get; set; }
    public decimal MaxDrawdown { get; set; }

    /// <summary>The whole report as served on the wire (jsonb), so later format changes never lose a field.</summary>
    public required string ReportJson { get; set; }

    public required string SummaryText { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
}

/// <summary>reporting.eod_deliveries: every attempt to deliver a day's summary to a sink, with its error when it failed.</summary>
internal sealed class EodDeliveryRow
{
    public Guid Id { get; set; }
    public DateOnly ReportDate { get; set; }
    public required string Sink { get; set; }

    /// <summary>Where it went (recipients, or the webhook's scheme://host/path — never credentials or query strings).</summary>
    public required string Target { get; set; }

    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
}

internal static class DeliveryStatus
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
