using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalyst.Modules.Trading.Persistence;

internal sealed class TradingDbContext(DbContextOptions<TradingDbContext> options) : DbContext(options)
{
    public const string Schema = "trading";

    public DbSet<OrderRow> Orders => Set<OrderRow>();
    public DbSet<FillRow> Fills => Set<FillRow>();
    public DbSet<PositionRow> Positions => Set<PositionRow>();
    public DbSet<AuditRow> AuditLog => Set<AuditRow>();
    public DbSet<ReconciliationRow> Reconciliations => Set<ReconciliationRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TradingDbContext).Assembly);
    }
}

internal sealed class TradingDbContextFactory() : DesignTimeFactory<TradingDbContext>(TradingDbContext.Schema),
    IDesignTimeDbContextFactory<TradingDbContext>
{
    public TradingDbContext CreateDbContext(string[] args) => CreateContext(o => new TradingDbContext(o));
}
