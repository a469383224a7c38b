using System.Collections;
using Catalyst.AppHost.Run;
using Npgsql;

namespace Catalyst.AppHost.Tests;

[TestFixture]
internal sealed class SimulatedDayChoiceTests
{
    [Test]
    public void A_fresh_data_directory_trades_the_showcase_day_and_later_runs_the_next_day()
    {
        var first = SimulatedDayChoice.Choose(new Hashtable(), lastSimulated: null);
        var later = SimulatedDayChoice.Choose(new Hashtable(), new DateOnly(2026, 3, 10));
        Assert.Multiple(() =>
        {
            Assert.That(first?.Key, Is.EqualTo("Catalyst__Simulation__Date"));
            Assert.That(first?.Value, Is.EqualTo("2026-03-10"));
            Assert.That(first?.Note, Does.Contain("showcase"));
            Assert.That(later?.Key, Is.EqualTo("Catalyst__Simulation__After"));
            Assert.That(later?.Value, Is.EqualTo("2026-03-10"));
        });
    }

    [Test]
    public void The_callers_date_and_other_modes_are_left_alone()
    {
        Assert.That(SimulatedDayChoice.Choose(new Hashtable { ["Catalyst__Simulation__Date"] = "2026-11-27" }, null), Is.Null);
        Assert.That(SimulatedDayChoice.Choose(new Hashtable { ["Catalyst__Simulation__After"] = "2026-11-27" }, null), Is.Null);
        Assert.That(SimulatedDayChoice.Choose(new Hashtable { ["Catalyst__Mode"] = "Paper" }, null), Is.Null);
    }

    [Test]
    public async Task The_last_simulated_day_is_read_from_the_workflow_cycles_and_null_before_the_first()
    {
        var server = Environment.GetEnvironmentVariable("CATALYST_TEST_PG");
        if (string.IsNullOrEmpty(server)) Assert.Ignore("CATALYST_TEST_PG is not set (./test.sh sets it)");
        var name = "apphost_day_" + Guid.NewGuid().ToString("N")[..8];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        var database = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        await Execute(admin, $"CREATE DATABASE {name}");
        try
        {
            Assert.That(await SimulatedDayChoice.LastSimulatedDayAsync(database, CancellationToken.None), Is.Null, "no workflow schema yet");
            await Execute(database, "CREATE SCHEMA workflow; CREATE TABLE workflow.trading_cycles (date date NOT NULL)");
            Assert.That(await SimulatedDayChoice.LastSimulatedDayAsync(database, CancellationToken.None), Is.Null, "no cycle yet");
            await Execute(database, "INSERT INTO workflow.trading_cycles VALUES ('2026-03-10'), ('2026-03-11')");
            Assert.That(await SimulatedDayChoice.LastSimulatedDayAsync(database, CancellationToken.None), Is.EqualTo(new DateOnly(2026, 3, 11)));
        }
        finally
        {
            await Execute(admin, $"DROP DATABASE {name} WITH (FORCE)");
        }
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
