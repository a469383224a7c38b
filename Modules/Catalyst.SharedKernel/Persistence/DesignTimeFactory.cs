using Microsoft.EntityFrameworkCore;

namespace Catalyst.SharedKernel.Persistence;

/// <summary>
/// Base for each module's design-time factory (dotnet ef migrations add). Reads ConnectionStrings__catalystdb when set,
/// else a placeholder: generating a migration never connects.
/// </summary>
public abstract class DesignTimeFactory<TContext>(string schema)
    where TContext : DbContext
{
    protected TContext CreateContext(Func<DbContextOptions<TContext>, TContext> create)
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__catalystdb")
            ?? "Host=127.0.0.1;Database=catalyst_design;Username=postgres";
        ModuleDbContextRegistration.Configure(builder, connectionString, schema);
        return create(builder.Options);
    }
}
