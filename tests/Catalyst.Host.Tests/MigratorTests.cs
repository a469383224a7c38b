using Catalyst.Migrator;
using Catalyst.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Catalyst.Host.Tests;

public sealed class MigratorTests
{
    private static readonly string[] Schemas =
        ["reference", "orchestration", "scanner", "pattern", "technical", "risk", "trading", "workflow", "news", "reporting", "backtest"];

    [Test]
    public async Task Migrator_is_idempotent_and_creates_every_schema_with_its_own_history_table()
    {
        await using var db = await TestDatabase.CreateAsync(migrated: false);
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:catalystdb"] = db.ConnectionString })
            .Build();

        var first = new StringWriter();
        Assert.That(await MigratorProgram.RunAsync([], first, TextWriter.Null, CancellationToken.None, config), Is.Zero);
        Assert.That(first.ToString(), Does.Contain("applied"));

        var second = new StringWriter();
        Assert.That(await MigratorProgram.RunAsync([], second, TextWriter.Null, CancellationToken.None, config), Is.Zero);
        Assert.That(second.ToString(), Does.Not.Contain("applied").And.Contain("up to date"));

        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        foreach (var schema in Schemas)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = @s AND table_name = '__ef_migrations_history'",
                connection);
            command.Parameters.AddWithValue("s", schema);
            Assert.That((long)(await command.ExecuteScalarAsync())!, Is.EqualTo(1), $"history table in schema {schema}");
        }
    }

    [Test]
    public async Task Missing_connection_string_exits_2_with_a_message_naming_the_setting()
    {
        var error = new StringWriter();
        var config = new ConfigurationBuilder().Build();
        Assert.That(await MigratorProgram.RunAsync([], TextWriter.Null, error, CancellationToken.None, config), Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain("ConnectionStrings__catalystdb"));
    }
}
