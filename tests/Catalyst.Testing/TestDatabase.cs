using Npgsql;

namespace Catalyst.Testing;

/// <summary>A fresh database for one fixture: a clone of the migrated template, or empty; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name) => Name = name;

    public string Name { get; }

    public string ConnectionString => TestEnvironment.ConnectionStringFor(Name);

    public static async Task<TestDatabase> CreateAsync(bool migrated = true, CancellationToken ct = default)
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        var sql = migrated
            ? $"CREATE DATABASE \"{name}\" TEMPLATE \"{TestEnvironment.TemplateDatabase}\""
            : $"CREATE DATABASE \"{name}\"";
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await connection.OpenAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(ct);
                return new TestDatabase(name);
            }
            // 55006: the template is briefly in use by another CREATE DATABASE running in a parallel test process.
            catch (PostgresException ex) when (ex.SqlState == "55006" && attempt < 20)
            {
                await Task.Delay(100 * attempt, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
