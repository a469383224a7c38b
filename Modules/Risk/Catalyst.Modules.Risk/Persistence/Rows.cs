using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalyst.Modules.Risk.Persistence;

/// <summary>Every ValidateTrade decision (risk.validation_decisions): the data behind "why was this trade refused".</summary>
internal sealed class ValidationDecisionRow
{
    public long Id { get; set; }
    public long SecurityId { get; set; }
    public required string Side { get; set; }
    public decimal? Quantity { get; set; }
    public decimal? Price { get; set; }
    public decimal? StopLoss { get; set; }
    public decimal? TakeProfit { get; set; }
    public bool IsExit { get; set; }
    public bool Preview { get; set; }
    public bool Approved { get; set; }
    public string? CheckFailed { get; set; }
    public string? Reason { get; set; }
    public decimal PositionSize { get; set; }
    public decimal RiskAmount { get; set; }
    public required string Details { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>An alert (risk.alerts). <see cref="DedupeKey"/> makes "once per day" alerts (loss thresholds) race-free.</summary>
internal sealed class AlertRow
{
    public Guid Id { get; set; }
    public required string Severity { get; set; }
    public required string AlertType { get; set; }
    public required string Message { get; set; }
    public required string Details { get; set; }
    public Guid? ActionId { get; set; }
    public string? DedupeKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
}

/// <summary>Each kill switch change (risk.kill_switch_events); the latest row is the state.</summary>
internal sealed class KillSwitchEventRow
{
    public long Id { get; set; }
    public bool Active { get; set; }
    public string? Reason { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>Each applied parameter change (risk.parameter_changes), from the API or from an edited file.</summary>
internal sealed class ParameterChangeRow
{
    public long Id { get; set; }
    public required string ParameterPath { get; set; }
    public decimal OldValue { get; set; }
    public decimal NewValue { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// A risk action (risk.risk_actions), e.g. flatten at the loss limit. Supervised: pending until approved, rejected or its
/// window ends; autonomous: executed at once. <see cref="TriggerKey"/> keeps one action per trigger and day.
/// </summary>
internal sealed class RiskActionRow
{
    public Guid Id { get; set; }
    public required string ActionType { get; set; }
    public required string Status { get; set; }
    public required string SessionMode { get; set; }
    public required string Reason { get; set; }
    public required string Details { get; set; }
    public required string TriggerKey { get; set; }
    public Guid? AlertId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExecuteAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? ExecutedAt { get; set; }
    public string? Result { get; set; }
}

internal sealed class ValidationDecisionRowConfiguration : IEntityTypeConfiguration<ValidationDecisionRow>
{
    public void Configure(EntityTypeBuilder<ValidationDecisionRow> b)
    {
        b.ToTable("validation_decisions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Side).HasMaxLength(4);
        b.Property(x => x.CheckFailed).HasMaxLength(64);
        b.Property(x => x.Details).HasColumnType("jsonb");
        b.HasIndex(x => x.DecidedAt);
        b.HasIndex(x => new { x.SecurityId, x.DecidedAt });
    }
}

internal sealed class AlertRowConfiguration : IEntityTypeConfiguration<AlertRow>
{
    public void Configure(EntityTypeBuilder<AlertRow> b)
    {
        b.ToTable("alerts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Severity).HasMaxLength(16);
        b.Property(x => x.AlertType).HasMaxLength(64);
        b.Property(x => x.Details).HasColumnType("jsonb");
        b.Property(x => x.DedupeKey).HasMaxLength(128);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(128);
        b.HasIndex(x => x.DedupeKey).IsUnique();
        b.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class KillSwitchEventRowConfiguration : IEntityTypeConfiguration<KillSwitchEventRow>
{
    public void Configure(EntityTypeBuilder<KillSwitchEventRow> b)
    {
        b.ToTable("kill_switch_events");
        b.HasKey(x => x.Id);
        b.Property(x => x.Actor).HasMaxLength(128);
        b.HasIndex(x => x.ChangedAt);
    }
}

internal sealed class ParameterChangeRowConfiguration : IEntityTypeConfiguration<ParameterChangeRow>
{
    public void Configure(EntityTypeBuilder<ParameterChangeRow> b)
    {
        b.ToTable("parameter_changes");
        b.HasKey(x => x.Id);
        b.Property(x => x.ParameterPath).HasMaxLength(128);
        b.Property(x => x.Actor).HasMaxLength(128);
        b.HasIndex(x => x.ChangedAt);
    }
}

internal sealed class RiskActionRowConfiguration : IEntityTypeConfiguration<RiskActionRow>
{
    public void Configure(EntityTypeBuilder<RiskActionRow> b)
    {
        b.ToTable("risk_actions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ActionType).HasMaxLength(32);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.SessionMode).HasMaxLength(16);
        b.Property(x => x.TriggerKey).HasMaxLength(128);
        b.Property(x => x.DecidedBy).HasMaxLength(128);
        b.Property(x => x.Details).HasColumnType("jsonb");
        b.Property(x => x.Result).HasColumnType("jsonb");
        b.HasIndex(x => x.TriggerKey).IsUnique();
        b.HasIndex(x => new { x.Status, x.ExecuteAt });
    }
}
