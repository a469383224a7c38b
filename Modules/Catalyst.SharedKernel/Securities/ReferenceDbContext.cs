using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Catalyst.SharedKernel.Persistence;

namespace Catalyst.SharedKernel.Securities;

/// <summary>Reference data shared by every module (schema <c>reference</c>): the securities master.</summary>
public sealed class ReferenceDbContext(DbContextOptions<ReferenceDbContext> options) : DbContext(options)
{
    public const string Schema = "reference";

    public DbSet<Security> Securities => Set<Security>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<Security>(e =>
        {
            e.ToTable("securities");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.Symbol).HasMaxLength(10).IsRequired();
            e.HasIndex(x => x.Symbol).IsUnique();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Exchange).HasMaxLength(20);
        });
    }
}

internal sealed class ReferenceDbContextFactory() : DesignTimeFactory<ReferenceDbContext>(ReferenceDbContext.Schema),
    IDesignTimeDbContextFactory<ReferenceDbContext>
{
    public ReferenceDbContext CreateDbContext(string[] args) => CreateContext(o => new ReferenceDbContext(o));
}
