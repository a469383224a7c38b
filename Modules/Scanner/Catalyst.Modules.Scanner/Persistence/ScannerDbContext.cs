using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalyst.Modules.Scanner.Persistence;

internal sealed class ScannerDbContext(DbContextOptions<ScannerDbContext> options) : DbContext(options)
{
    public const string Schema = "scanner";

    public DbSet<ScanRow> Scans => Set<ScanRow>();
    public DbSet<ScanResultRow> Results => Set<ScanResultRow>();
    public DbSet<ScanCriteriaRow> Criteria => Set<ScanCriteriaRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScannerDbContext).Assembly);
    }
}

internal sealed class ScannerDbContextFactory() : DesignTimeFactory<ScannerDbContext>(ScannerDbContext.Schema),
    IDesignTimeDbContextFactory<ScannerDbContext>
{
    public ScannerDbContext CreateDbContext(string[] args) => CreateContext(o => new ScannerDbContext(o));
}
