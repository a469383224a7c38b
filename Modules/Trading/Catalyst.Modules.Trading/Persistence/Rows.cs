using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalyst.Modules.Trading.Persistence;

/// <summary>
/// One order as we asked for it and as the broker reports it (trading.orders). The row is written as an intent
/// (status pending_new, our client_order_id) before anything is sent, so a crash between the two leaves a row the
/// reconciler can resolve by client_order_id. Bracket legs are rows of their own, pointing at their entry.
/// </summary>
internal sealed class OrderRow
{
    public Guid Id { get; set; }
    public required string ClientOrderId { get; set; }
    public string? BrokerOrderId { get; set; }
    public Guid? ParentOrderId { get; set; }
    public long SecurityId { get; set; }
    public required string Side { get; set; }
    public required string OrderType { get; set; }
    public required string OrderClass { get; set; }

    /// <summary>take_profit or stop_loss for bracket legs and protective orders; null for entries and exits.</summary>
    public string? LegRole { get; set; }

    public required string TimeInForce { get; set; }
    public decimal Quantity { get; set; }
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    public decimal? TrailPercent { get; set; }

    /// <summary>The bracket's exits as requested with an entry.</summary>
    public decimal? StopLoss { get; set; }

    public decimal? TakeProfit { get; set; }
    public required string Status { get; set; }
    public string? BrokerStatus { get; set; }
    public decimal FilledQty { get; set; }

    /// <summary>Σ quantity × price of the fills applied, so the average stays exact.</summary>
    public decimal FilledNotional { get; set; }

    public decimal? AvgFillPrice { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? FilledAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? RejectReason { get; set; }

    /// <summary>Who asked: api, mcp, strategy, workflow, broker (found at the broker by the reconciler).</summary>
    public required string Source { get; set; }

    /// <summary>entry, exit (reduces a position), close, protect (a stop or target added later), leg, adopted.</summary>
    public required string Purpose { get; set; }

    /// <summary>Why a position is closed when this order flattens it: stop_loss, take_profit, manual, eod, emergency…</summary>
    public string? ExitReason { get; set; }

    public string? Pattern { get; set; }
    public string? Catalyst { get; set; }
}

/// <summary>One execution applied to the book (trading.fills); execution_id makes re-delivered updates harmless.</summary>
internal sealed class FillRow
{
    public long Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid? PositionId { get; set; }
    public long SecurityId { get; set; }
    public required string Side { get; set; }
    public decimal Quantity { get; set; }
    public decimal Price { get; set; }

    /// <summary>P&amp;L this fill realized by reducing a position (0 for fills that open or add).</summary>
    public decimal RealizedPnl { get; set; }

    public DateTimeOffset FilledAt { get; set; }
    public required string ExecutionId { get; set; }

    /// <summary>stream (trade update), sync (order polled), reconcile.</summary>
    public required string Source { get; set; }
}

/// <summary>
/// A position from open to flat (trading.positions): at most one open per security. Cost basis is the exact cost of the
/// shares still held, so the average entry and the P&amp;L of a reduction never accumulate rounding.
/// </summary>
internal sealed class PositionRow
{
    public Guid Id { get; set; }
    public long SecurityId { get; set; }

    /// <summary>long or short.</summary>
    public required string Side { get; set; }

    /// <summary>open or closed.</summary>
    public required string Status { get; set; }

    /// <summary>Shares held now (positive for both sides).</summary>
    public decimal Quantity { get; set; }

    public decimal CostBasis { get; set; }
    public decimal EntryQuantity { get; set; }
    public decimal EntryNotional { get; set; }
    public decimal ExitQuantity { get; set; }
    public decimal ExitNotional { get; set; }
    public decimal RealizedPnl { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public decimal? StopLoss { get; set; }
    public decimal? TakeProfit { get; set; }
    public decimal? TrailingStopPct { get; set; }

    /// <summary>|entry − stop| × quantity when the position opened (for R multiples); null without a stop.</summary>
    public decimal? InitialRisk { get; set; }

    public string? Pattern { get; set; }
    public string? Catalyst { get; set; }
    public string? ExitReason { get; set; }
    public Guid? EntryOrderId { get; set; }
}

/// <summary>Every order, change and close (trading.audit_log), written in the same transaction as the change.</summary>
internal sealed class AuditRow
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Payload { get; set; }
}

/// <summary>One reconciliation with the broker (trading.reconciliations): why, what was repaired, the notes.</summary>
internal sealed class ReconciliationRow
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public required string Reason { get; set; }
    public int OrdersRepaired { get; set; }
    public int PositionsRepaired { get; set; }
    public required string Notes { get; set; }
}

/// <summary>
/// Events other modules must never miss (trading.outbox): written in the same transaction as the change that raised
/// them, published after commit, and retried (each minute, and at start-up) until the in-process handlers take them.
/// </summary>
internal sealed class OutboxRow
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutboxRowConfiguration : IEntityTypeConfiguration<OutboxRow>
{
    public void Configure(EntityTypeBuilder<OutboxRow> b)
    {
        b.ToTable("outbox");
        b.HasKey(x => x.Id);
        b.Property(x => x.EventType).HasMaxLength(64);
        b.Property(x => x.Payload).HasColumnType("jsonb");
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.HasIndex(x => x.Id).HasFilter("dispatched_at IS NULL").HasDatabaseName("ix_outbox_pending");
    }
}

internal sealed class OrderRowConfiguration : IEntityTypeConfiguration<OrderRow>
{
    public void Configure(EntityTypeBuilder<OrderRow> b)
    {
        b.ToTable("orders");
        b.HasKey(x => x.Id);
        b.Property(x => x.ClientOrderId).HasMaxLength(128);
        b.Property(x => x.BrokerOrderId).HasMaxLength(128);
        b.Property(x => x.Side).HasMaxLength(8);
        b.Property(x => x.OrderType).HasMaxLength(16);
        b.Property(x => x.OrderClass).HasMaxLength(16);
        b.Property(x => x.LegRole).HasMaxLength(16);
        b.Property(x => x.TimeInForce).HasMaxLength(8);
        b.Property(x => x.Status).HasMaxLength(24);
        b.Property(x => x.BrokerStatus).HasMaxLength(24);
        b.Property(x => x.RejectReason).HasMaxLength(1000);
        b.Property(x => x.Source).HasMaxLength(32);
        b.Property(x => x.Purpose).HasMaxLength(16);
        b.Property(x => x.ExitReason).HasMaxLength(32);
        b.Property(x => x.Pattern).HasMaxLength(64);
        b.Property(x => x.Catalyst).HasMaxLength(64);
        b.HasIndex(x => x.ClientOrderId).IsUnique();
        b.HasIndex(x => x.BrokerOrderId);
        b.HasIndex(x => x.ParentOrderId);
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => new { x.SecurityId, x.CreatedAt });
    }
}

internal sealed class FillRowConfiguration : IEntityTypeConfiguration<FillRow>
{
    public void Configure(EntityTypeBuilder<FillRow> b)
    {
        b.ToTable("fills");
        b.HasKey(x => x.Id);
        b.Property(x => x.Side).HasMaxLength(8);
        b.Property(x => x.ExecutionId).HasMaxLength(160);
        b.Property(x => x.Source).HasMaxLength(16);
        b.HasIndex(x => x.ExecutionId).IsUnique();
        b.HasIndex(x => x.OrderId);
        b.HasIndex(x => x.FilledAt);
    }
}

internal sealed class PositionRowConfiguration : IEntityTypeConfiguration<PositionRow>
{
    public void Configure(EntityTypeBuilder<PositionRow> b)
    {
        b.ToTable("positions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Side).HasMaxLength(8);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.Pattern).HasMaxLength(64);
        b.Property(x => x.Catalyst).HasMaxLength(64);
        b.Property(x => x.ExitReason).HasMaxLength(32);
        // The book's invariant, enforced where no race can break it: one open position per security.
        b.HasIndex(x => x.SecurityId).IsUnique().HasFilter("status = 'open'").HasDatabaseName("ux_positions_open_security");
        b.HasIndex(x => new { x.Status, x.ClosedAt });
    }
}

internal sealed class AuditRowConfiguration : IEntityTypeConfiguration<AuditRow>
{
    public void Configure(EntityTypeBuilder<AuditRow> b)
    {
        b.ToTable("audit_log");
        b.HasKey(x => x.Id);
        b.Property(x => x.Actor).HasMaxLength(32);
        b.Property(x => x.Action).HasMaxLength(48);
        b.Property(x => x.EntityType).HasMaxLength(16);
        b.Property(x => x.EntityId).HasMaxLength(64);
        b.Property(x => x.Payload).HasColumnType("jsonb");
        b.HasIndex(x => x.OccurredAt);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
    }
}

internal sealed class ReconciliationRowConfiguration : IEntityTypeConfiguration<ReconciliationRow>
{
    public void Configure(EntityTypeBuilder<ReconciliationRow> b)
    {
        b.ToTable("reconciliations");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(200);
        b.Property(x => x.Notes).HasColumnType("jsonb");
        b.HasIndex(x => x.StartedAt);
    }
}
