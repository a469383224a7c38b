using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalyst.SharedKernel.Persistence;

public sealed record ModuleStatus(string Module, string Schema, bool DatabaseReachable, IReadOnlyList<string> AppliedMigrations,
    IReadOnlyList<string> PendingMigrations);

/// <summary>
/// One per module (and one for the shared reference schema): the smoke query that proves the module is wired to its
/// schema, and the migration step the Migrator runs.
/// </summary>
public interface IModuleDatabase
{
    string Module { get; }
    string Schema { get; }

    /// <summary>The ids of the module's migrations, oldest first (read from its assembly, not from a database).</summary>
    IReadOnlyList<string> Migrations { get; }

    Task<ModuleStatus> ProbeAsync(CancellationToken ct);
    Task MigrateAsync(CancellationToken ct);

    /// <summary>The idempotent SQL script of every migration, for review and for applying by hand in production.</summary>
    string GenerateIdempotentScript();
}

internal sealed class ModuleDatabase<TContext>(string module, string schema, IDbContextFactory<TContext> contexts) : IModuleDatabase
    where TContext : DbContext
{
    public string Module => module;
    public string Schema => schema;

    public IReadOnlyList<string> Migrations
    {
        get
        {
            using var db = contexts.CreateDbContext();
            return db.Database.GetMigrations().ToList();
        }
    }

    public async Task<ModuleStatus> ProbeAsync(CancellationToken ct)
    {
        // No CanConnect first: an unreachable database should surface as the exception it is (the Host answers 503).
        await using var db = await contexts.CreateDbContextAsync(ct);
        // EF's own probe selects from the history table and lets a missing one fail, which PostgreSQL logs as an ERROR
        // for every module of a fresh database; asking the catalog first keeps a first run's server log clean.
        if (!await HistoryTableExistsAsync(db, ct))
            return new ModuleStatus(module, schema, true, [], db.Database.GetMigrations().ToList());
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        return new ModuleStatus(module, schema, true, applied, pending);
    }

    private async Task<bool> HistoryTableExistsAsync(TContext db, CancellationToken ct)
    {
        var name = $"\"{schema}\".\"{ModuleDbContextRegistration.MigrationsHistoryTable}\"";
        var found = await db.Database.SqlQuery<string?>($"SELECT to_regclass({name})::text AS \"Value\"").SingleAsync(ct);
        return found is not null;
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // EF reads the history table before creating it; created first (idempotent script), the read cannot fail.
        if (!await HistoryTableExistsAsync(db, ct))
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        await db.Database.MigrateAsync(ct);
    }

    public string GenerateIdempotentScript()
    {
        using var db = contexts.CreateDbContext();
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }
}
