using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalyst.Modules.Workflow.Persistence;

internal sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public const string Schema = "workflow";

    public DbSet<TradingCycleRow> Cycles => Set<TradingCycleRow>();
    public DbSet<CycleEventRow> Events => Set<CycleEventRow>();
    public DbSet<DecisionLogRow> Decisions => Set<DecisionLogRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);
    }
}

internal sealed class WorkflowDbContextFactory() : DesignTimeFactory<WorkflowDbContext>(WorkflowDbContext.Schema),
    IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args) => CreateContext(o => new WorkflowDbContext(o));
}

/// <summary>
/// workflow.trading_cycles: one row per started cycle. At most one is active (running or paused) per trading date — a
/// partial unique index, so two instances or two racing requests can never both start today's cycle.
/// </summary>
internal sealed class TradingCycleRow
{
    public Guid Id { get; set; }
    public DateOnly Date { get; set; }
    public required string SessionMode { get; set; }

    /// <summary>running | paused | stopped | emergency_stopped | closed.</summary>
    public required string Status { get; set; }

    /// <summary>§3.2 cycle_state: scanning | evaluating | trading | monitoring | closed.</summary>
    public required string CycleState { get; set; }

    /// <summary>§3.2 phase: pre-market | opening-range | morning | midday | power-hour | closed.</summary>
    public required string Phase { get; set; }

    /// <summary>Who started it: api, mcp, auto.</summary>
    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? PausedAt { get; set; }
    public DateTimeOffset? PausedUntil { get; set; }
    public string? PauseReason { get; set; }

    public int ScansCompleted { get; set; }
    public DateTimeOffset? LastScanAt { get; set; }
    public DateTimeOffset? PostOpenScanAt { get; set; }

    /// <summary>When the close phase sent the flatten; the cycle closes once the book is flat and reconciled.</summary>
    public DateTimeOffset? FlattenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }
    public string? StopReason { get; set; }
    public int? PositionsClosed { get; set; }
    public decimal? FinalPnl { get; set; }

    /// <summary>Postgres xmin: a write based on a stale read (another instance, a racing request) fails instead of winning.</summary>
    public uint Version { get; set; }
}

/// <summary>workflow.cycle_events: the §3.2 timeline, one row per state change or action of the cycle.</summary>
internal sealed class CycleEventRow
{
    public long Id { get; set; }
    public Guid CycleId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public required string EventType { get; set; }
    public required string Description { get; set; }
    public required string Metadata { get; set; }
}

/// <summary>
/// workflow.decision_logs: every decision with the features known when it was taken (training data for Stage 2).
/// Security by id (§6.4); cycle_id is null for an exit that happened outside any cycle.
/// </summary>
internal sealed class DecisionLogRow
{
    public long Id { get; set; }
    public Guid? CycleId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public required string DecisionType { get; set; }
    public long? SecurityId { get; set; }
    public required string Decision { get; set; }
    public required string Reason { get; set; }
    public Guid? OrderId { get; set; }
    public Guid? PositionId { get; set; }
    public required string Features { get; set; }
}

internal sealed class TradingCycleRowConfiguration : IEntityTypeConfiguration<TradingCycleRow>
{
    public void Configure(EntityTypeBuilder<TradingCycleRow> b)
    {
        b.ToTable("trading_cycles", t =>
        {
            t.HasCheckConstraint("ck_trading_cycles_session_mode", "session_mode IN ('autonomous', 'supervised')");
            t.HasCheckConstraint("ck_trading_cycles_status",
                "status IN ('running', 'paused', 'stopped', 'emergency_stopped', 'closed')");
        });
        b.HasKey(x => x.Id);
        b.Property(x => x.SessionMode).HasMaxLength(16);
        b.Property(x => x.Status).HasMaxLength(24);
        b.Property(x => x.CycleState).HasMaxLength(16);
        b.Property(x => x.Phase).HasMaxLength(16);
        b.Property(x => x.StartedBy).HasMaxLength(16);
        b.Property(x => x.PauseReason).HasMaxLength(500);
        b.Property(x => x.StopReason).HasMaxLength(500);
        b.Property(x => x.FinalPnl).HasPrecision(18, 2);
        b.Property(x => x.Version).IsRowVersion();
        b.HasIndex(x => x.Date).IsUnique().HasFilter("status IN ('running', 'paused')")
            .HasDatabaseName("ux_trading_cycles_one_active_per_date");
        b.HasIndex(x => x.StartedAt).IsDescending();
    }
}

internal sealed class CycleEventRowConfiguration : IEntityTypeConfiguration<CycleEventRow>
{
    public void Configure(EntityTypeBuilder<CycleEventRow> b)
    {
        b.ToTable("cycle_events");
        b.HasKey(x => x.Id);
        b.Property(x => x.EventType).HasMaxLength(40);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.Metadata).HasColumnType("jsonb");
        b.HasOne<TradingCycleRow>().WithMany().HasForeignKey(x => x.CycleId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CycleId, x.Timestamp, x.Id });
    }
}

internal sealed class DecisionLogRowConfiguration : IEntityTypeConfiguration<DecisionLogRow>
{
    public void Configure(EntityTypeBuilder<DecisionLogRow> b)
    {
        b.ToTable("decision_logs", t => t.HasCheckConstraint("ck_decision_logs_type",
            "decision_type IN ('candidate', 'risk', 'entry', 'exit')"));
        b.HasKey(x => x.Id);
        b.Property(x => x.DecisionType).HasMaxLength(16);
        b.Property(x => x.Decision).HasMaxLength(16);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.Features).HasColumnType("jsonb");
        b.HasOne<TradingCycleRow>().WithMany().HasForeignKey(x => x.CycleId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CycleId, x.DecisionType, x.Id });
        b.HasIndex(x => x.PositionId);
        b.HasIndex(x => x.Timestamp);
    }
}
