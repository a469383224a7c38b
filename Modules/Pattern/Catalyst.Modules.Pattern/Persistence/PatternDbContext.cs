using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalyst.Modules.Pattern.Persistence;

internal sealed class PatternDbContext(DbContextOptions<PatternDbContext> options) : DbContext(options)
{
    public const string Schema = "pattern";

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
