using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalyst.Modules.Technical.Persistence;

internal sealed class TechnicalDbContext(DbContextOptions<TechnicalDbContext> options) : DbContext(options)
{
    public const string Schema = "technical";

    public DbSet<IndicatorSnapshotRow> Indicators => Set<IndicatorSnapshotRow>();
    public DbSet<SupportResistanceLevelRow> Levels => Set<SupportResistanceLevelRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TechnicalDbContext).Assembly);
    }
}

internal sealed class TechnicalDbContextFactory() : DesignTimeFactory<TechnicalDbContext>(TechnicalDbContext.Schema),
    IDesignTimeDbContextFactory<TechnicalDbContext>
{
    public TechnicalDbContext CreateDbContext(string[] args) => CreateContext(o => new TechnicalDbContext(o));
}
