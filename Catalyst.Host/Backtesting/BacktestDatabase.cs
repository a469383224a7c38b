using Catalyst.SharedKernel.Persistence;
using Npgsql;

namespace Catalyst.Host.Backtesting;

/// <summary>
/// A backtest's own PostgreSQL database beside the configured one (same server, name <c>&lt;db&gt;_bt_&lt;short id&gt;</c>),
/// so a run never writes into live trading data; dropped when the run ends unless it is to be kept for inspection.
/// </summary>
internal sealed class BacktestDatabase : IAsyncDisposable
{
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

    public static async Task<BacktestDatabase> CreateAsync(IConfiguration configuration, string shortId, bool keep,
        CancellationToken ct)
    {
        var live = new NpgsqlConnectionStringBuilder(ModuleDbContextRegistration.ConnectionString(configuration));
        var baseName = string.IsNullOrEmpty(live.Database) ? "catalyst" : live.Database;
        var suffix = "_bt_" + shortId;
        // PostgreSQL identifiers stop at 63 bytes.
        var name = (baseName.Length + suffix.Length > 63 ? baseName[..(63 - suffix.Length)] : baseName) + suffix;
        var admin = live.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        // The run is the database's only user and sets no session state, so a pooled connection need not be reset
        // (DISCARD ALL) at each reuse, and the few statements the modules repeat every simulated minute are prepared once:
        // about half of each round trip's cost on the 2-core machine (docs/performance.md).
        var own = new NpgsqlConnectionStringBuilder(live.ConnectionString)
        {
            Database = name,
            NoResetOnClose = true,
            MaxAutoPrepare = Math.Max(live.MaxAutoPrepare, 64),
        };
        return new BacktestDatabase(name, own.ConnectionString, admin, keep);
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
