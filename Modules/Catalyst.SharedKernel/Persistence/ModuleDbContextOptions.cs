using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.SharedKernel.Persistence;

public static class ModuleDbContextRegistration
{
    public const string ConnectionStringName = "catalystdb";

    /// <summary>
    /// Registers a module's DbContext on the shared Postgres database: its own schema, the migrations history table in
    /// that schema, snake_case names. Each module owns exactly one of these.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services,
        string moduleName, string schema)
        where TContext : DbContext
    {
        // Read when first used, not now: test hosts and the AppHost supply the connection string after registration.
        services.AddPooledDbContextFactory<TContext>((sp, options) =>
            Configure(options, ConnectionString(sp.GetRequiredService<IConfiguration>()), schema), poolSize: 64);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddSingleton<IModuleDatabase>(sp => new ModuleDatabase<TContext>(moduleName, schema,
            sp.GetRequiredService<IDbContextFactory<TContext>>()));
        return services;
    }

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)
        ?? throw new InvalidOperationException(
            $"ConnectionStrings:{ConnectionStringName} is not set (environment: ConnectionStrings__{ConnectionStringName}).");

    /// <summary>Each module's migrations history table, in the module's own schema.</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public static void Configure(DbContextOptionsBuilder options, string connectionString, string schema) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable, schema)
                .EnableRetryOnFailure(2, TimeSpan.FromMilliseconds(200), null)
                .CommandTimeout(15))
            .UseSnakeCaseNamingConvention();
}
