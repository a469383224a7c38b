using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalyst.Modules.Risk.Persistence;

internal sealed class RiskDbContext(DbContextOptions<RiskDbContext> options) : DbContext(options)
{
    public const string Schema = "risk";

    public DbSet<ValidationDecisionRow> Decisions => Set<ValidationDecisionRow>();
    public DbSet<AlertRow> Alerts => Set<AlertRow>();
    public DbSet<KillSwitchEventRow> KillSwitchEvents => Set<KillSwitchEventRow>();
    public DbSet<ParameterChangeRow> ParameterChanges => Set<ParameterChangeRow>();
    public DbSet<RiskActionRow> Actions => Set<RiskActionRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RiskDbContext).Assembly);
    }
}

internal sealed class RiskDbContextFactory() : DesignTimeFactory<RiskDbContext>(RiskDbContext.Schema),
    IDesignTimeDbContextFactory<RiskDbContext>
{
    public RiskDbContext CreateDbContext(string[] args) => CreateContext(o => new RiskDbContext(o));
}
