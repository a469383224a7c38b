using Catalyst.SharedKernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Catalyst.Modules.News.Persistence;

internal sealed class NewsDbContext(DbContextOptions<NewsDbContext> options) : DbContext(options)
{
    public const string Schema = "news";

    public DbSet<NewsSentimentRow> NewsSentiment => Set<NewsSentimentRow>();
    public DbSet<CatalystEventRow> CatalystEvents => Set<CatalystEventRow>();
    public DbSet<SourceReliabilityRow> SourceReliability => Set<SourceReliabilityRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NewsDbContext).Assembly);
    }
}

internal sealed class NewsDbContextFactory() : DesignTimeFactory<NewsDbContext>(NewsDbContext.Schema),
    IDesignTimeDbContextFactory<NewsDbContext>
{
    public NewsDbContext CreateDbContext(string[] args) => CreateContext(o => new NewsDbContext(o));
}
