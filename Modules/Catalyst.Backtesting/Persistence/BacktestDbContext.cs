using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalyst.Backtesting.Persistence;

internal sealed class BacktestDbContext(DbContextOptions<BacktestDbContext> options) : DbContext(options)
{
    public const string Schema = "backtest";

    public DbSet<BacktestJobRow> Jobs => Set<BacktestJobRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<BacktestJobRow>(b =>
        {
            b.ToTable("jobs");
            b.HasKey(j => j.Id);
            b.Property(j => j.Status).HasMaxLength(16).IsRequired();
            b.Property(j => j.Parameters).HasColumnType("jsonb").IsRequired();
            b.Property(j => j.Progress).HasColumnType("jsonb").IsRequired();
            b.Property(j => j.Result).HasColumnType("jsonb");
            b.Property(j => j.ReportDirectory).HasMaxLength(1000);
            b.Property(j => j.Error).HasMaxLength(4000);
            b.HasIndex(j => new { j.Status, j.CreatedAt });
        });
    }
}

/// <summary>One backtest job. JSON columns hold the wire shapes (snake_case) of the Backtesting contracts.</summary>
internal sealed class BacktestJobRow
{
    public Guid Id { get; set; }
    public string Status { get; set; } = "";
    public string Parameters { get; set; } = "{}";
    public string Progress { get; set; } = "{}";
    public string? Result { get; set; }
    public string? ReportDirectory { get; set; }
    public string? Error { get; set; }
    public bool CancelRequested { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Renewed while the job runs; a running job whose heartbeat went stale lost its host (a restart).</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
}

internal sealed class BacktestDbContextFactory() : DesignTimeFactory<BacktestDbContext>(BacktestDbContext.Schema),
    IDesignTimeDbContextFactory<BacktestDbContext>
{
    public BacktestDbContext CreateDbContext(string[] args) => CreateContext(o => new BacktestDbContext(o));
}
