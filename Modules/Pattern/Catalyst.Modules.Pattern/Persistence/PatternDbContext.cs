using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalyst.Modules.Pattern.Persistence;

internal sealed class PatternDbContext(DbContextOptions<PatternDbContext> options) : DbContext(options)
{
    public const string Schema = "pattern";

    public DbSet<PatternDetectionRow> Detections => Set<PatternDetectionRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PatternDbContext).Assembly);
    }
}

internal sealed class PatternDbContextFactory() : DesignTimeFactory<PatternDbContext>(PatternDbContext.Schema),
    IDesignTimeDbContextFactory<PatternDbContext>
{
    public PatternDbContext CreateDbContext(string[] args) => CreateContext(o => new PatternDbContext(o));
}

/// <summary>
/// One detection (pattern.pattern_detections). Detections of one DetectPatterns call share a run_id; the latest run is
/// what GET /patterns/{symbol} returns. is_best marks the run's §3.3 pattern and pattern_score its score.
/// </summary>
internal sealed class PatternDetectionRow
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public long SecurityId { get; set; }
    public required string Timeframe { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public required string PatternType { get; set; }
    public decimal Confidence { get; set; }
    public decimal Entry { get; set; }
    public decimal Target { get; set; }
    public decimal Stop { get; set; }
    public DateTimeOffset StartTime { get; set; }
    public DateTimeOffset EndTime { get; set; }
    public int StartIndex { get; set; }
    public int EndIndex { get; set; }
    public int BarCount { get; set; }
    public bool VolumeConfirmed { get; set; }
    public bool IsBest { get; set; }
    public decimal PatternScore { get; set; }
    public required string Metadata { get; set; }
}

internal sealed class PatternDetectionRowConfiguration : IEntityTypeConfiguration<PatternDetectionRow>
{
    public void Configure(EntityTypeBuilder<PatternDetectionRow> b)
    {
        b.ToTable("pattern_detections");
        b.HasKey(x => x.Id);
        b.Property(x => x.Timeframe).HasMaxLength(8);
        b.Property(x => x.PatternType).HasMaxLength(32);
        b.Property(x => x.Metadata).HasColumnType("jsonb");
        b.HasIndex(x => new { x.SecurityId, x.DetectedAt }).IsDescending(false, true);
        b.HasIndex(x => x.RunId);
    }
}
