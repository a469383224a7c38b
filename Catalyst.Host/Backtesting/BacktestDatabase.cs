using System.Security.Cryptography;
using System.Text;
using Catalyst.SharedKernel.Persistence;
using Npgsql;

namespace Catalyst.Host.Backtesting;

/// <summary>
/// A backtest's own PostgreSQL database beside the configured one (same server, name <c>&lt;db&gt;_bt_&lt;short id&gt;</c>),
/// so a run never writes into live trading data; dropped when the run ends unless it is to be kept for inspection.
/// </summary>
/// <remarks>
/// Migrating every module's schema costs a few seconds per run, so the first run on a server keeps a migrated copy,
/// <c>catalyst_bt_template_&lt;hash of every module's migrations&gt;</c>, and later runs clone it (CREATE DATABASE …
/// TEMPLATE): the same schema, built by the same migrations. A new migration changes the hash, so a stale template is
/// never used; the older ones are dropped when the new one is saved.
/// </remarks>
internal sealed class BacktestDatabase : IAsyncDisposable
{
    private const string TemplatePrefix = "catalyst_bt_template_";

    private readonly string _adminConnectionString;
    private readonly bool _keep;

    private BacktestDatabase(string name, string connectionString, string adminConnectionString, bool keep)
    {
        Name = name;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        _keep = keep;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>Names the run's database; nothing exists on the server until <see cref="CreateAsync"/>.</summary>
    public static BacktestDatabase For(IConfiguration configuration, string shortId, bool keep)
    {
        var live = new NpgsqlConnectionStringBuilder(ModuleDbContextRegistration.ConnectionString(configuration));
        var baseName = string.IsNullOrEmpty(live.Database) ? "catalyst" : live.Database;
        var suffix = "_bt_" + shortId;
        // PostgreSQL identifiers stop at 63 bytes.
        var name = (baseName.Length + suffix.Length > 63 ? baseName[..(63 - suffix.Length)] : baseName) + suffix;
        // The run is the database's only user and sets no session state, so a pooled connection need not be reset
        // (DISCARD ALL) at each reuse, and the few statements the modules repeat every simulated minute are prepared once:
        // about half of each round trip's cost on the 2-core machine (docs/performance.md).
        var own = new NpgsqlConnectionStringBuilder(live.ConnectionString)
        {
            Database = name,
            NoResetOnClose = true,
            MaxAutoPrepare = Math.Max(live.MaxAutoPrepare, 64),
        };
        return new BacktestDatabase(name, own.ConnectionString, live.ConnectionString, keep);
    }

    /// <summary>
    /// Creates the database with every module's schema: a clone of the template for these migrations when the server has
    /// one, else migrated here and then kept as that template. Returns true when it was cloned.
    /// </summary>
    public async Task<bool> CreateAsync(IReadOnlyList<IModuleDatabase> modules, CancellationToken ct)
    {
        var template = TemplatePrefix + MigrationsHash(modules);
        await using (var connection = await OpenAdminAsync(ct))
        {
            if (await ExistsAsync(connection, template, ct))
            {
                try
                {
                    await ExecuteAsync(connection, $"CREATE DATABASE \"{Name}\" TEMPLATE \"{template}\"", ct);
                    return true;
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.ObjectInUse or PostgresErrorCodes.InvalidCatalogName)
                {
                    // Someone is connected to the template (never a backtest), or it was just replaced: migrate instead.
                }
            }
            await ExecuteAsync(connection, $"CREATE DATABASE \"{Name}\"", ct);
        }

        foreach (var module in modules) await module.MigrateAsync(ct);
        await SaveAsTemplateAsync(template, ct);
        return false;
    }

    /// <summary>Copies the freshly migrated database (nothing else has touched it yet) into the template.</summary>
    private async Task SaveAsTemplateAsync(string template, CancellationToken ct)
    {
        await using (var own = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(own);
        await using var connection = await OpenAdminAsync(ct);
        // Built under a name of its own and renamed, so a concurrent run never clones a half-made template.
        var building = template + "_" + Name[^8..];
        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE \"{building}\" TEMPLATE \"{Name}\"", ct);
            await ExecuteAsync(connection, $"ALTER DATABASE \"{building}\" RENAME TO \"{template}\"", ct);
        }
        catch (PostgresException)
        {
            // Another run saved it first, or the server refused: the template is only a shortcut for the next run, and
            // this run is migrated either way.
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{building}\"", ct);
            return;
        }
        await DropOlderTemplatesAsync(connection, template, ct);
    }

    private static async Task DropOlderTemplatesAsync(NpgsqlConnection connection, string current, CancellationToken ct)
    {
        var older = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix) AND datname <> @current", connection))
        {
            command.Parameters.AddWithValue("prefix", TemplatePrefix);
            command.Parameters.AddWithValue("current", current);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) older.Add(reader.GetString(0));
        }
        foreach (var name in older)
        {
            try { await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\"", ct); }
            catch (PostgresException) { /* being cloned by a run on the previous version right now: next time */ }
        }
    }

    /// <summary>Every module's schema and migration ids, hashed: equal hashes mean equal schemas.</summary>
    private static string MigrationsHash(IEnumerable<IModuleDatabase> modules)
    {
        var text = new StringBuilder();
        foreach (var module in modules.OrderBy(m => m.Schema, StringComparer.Ordinal))
            text.Append(module.Schema).Append(':').AppendJoin(',', module.Migrations).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private async Task<NpgsqlConnection> OpenAdminAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string database, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", connection);
        command.Parameters.AddWithValue("name", database);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep) return;
        await using (var own = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(own);
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
