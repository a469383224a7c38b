using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalyst.Modules.Reporting.Persistence;

internal sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options)
{
    public const string Schema = "reporting";

    public DbSet<TradeJournalRow> TradeJournal => Set<TradeJournalRow>();
    public DbSet<DailyReportRow> DailyReports => Set<DailyReportRow>();
    public DbSet<EodDeliveryRow> EodDeliveries => Set<EodDeliveryRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReportingDbContext).Assembly);
    }
}

internal sealed class ReportingDbContextFactory() : DesignTimeFactory<ReportingDbContext>(ReportingDbContext.Schema),
    IDesignTimeDbContextFactory<ReportingDbContext>
{
    public ReportingDbContext CreateDbContext(string[] args) => CreateContext(o => new ReportingDbContext(o));
}
