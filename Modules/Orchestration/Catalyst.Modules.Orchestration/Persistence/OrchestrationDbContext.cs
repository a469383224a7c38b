using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalyst.Modules.Orchestration.Persistence;

internal sealed class OrchestrationDbContext(DbContextOptions<OrchestrationDbContext> options) : DbContext(options)
{
    public const string Schema = "orchestration";

    public DbSet<ToolCallRow> ToolCalls => Set<ToolCallRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrchestrationDbContext).Assembly);
    }
}

internal sealed class OrchestrationDbContextFactory() : DesignTimeFactory<OrchestrationDbContext>(OrchestrationDbContext.Schema),
    IDesignTimeDbContextFactory<OrchestrationDbContext>
{
    public OrchestrationDbContext CreateDbContext(string[] args) => CreateContext(o => new OrchestrationDbContext(o));
}
