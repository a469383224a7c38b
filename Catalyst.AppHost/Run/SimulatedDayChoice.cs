using System.Collections;
using System.Globalization;
using Npgsql;

namespace Catalyst.AppHost.Run;

/// <summary>
/// Which day a local Simulation run trades when the caller did not name one. The first run of a data directory trades
/// the showcase day (seed 42's catalyst day that the end-to-end test proves trades: scan, entries through risk, stops
/// and targets, the close); every later run trades the day after the last one this database simulated, so a second
/// ./run.sh is a new day instead of a replay of a day whose cycle has already closed.
/// </summary>
internal static class SimulatedDayChoice
{
    public const string DateVariable = "Catalyst__Simulation__Date";
    public const string AfterVariable = "Catalyst__Simulation__After";
    public static readonly DateOnly ShowcaseDay = new(2026, 3, 10);

    /// <summary>The variable to add (none when the caller chose the day or the mode is not Simulation) and a line saying why.</summary>
    public static (string Key, string Value, string Note)? Choose(IDictionary inherited, DateOnly? lastSimulated)
    {
        if (!string.Equals(HostEnvironment.Mode(inherited), "Simulation", StringComparison.OrdinalIgnoreCase)) return null;
        if (inherited[DateVariable] is string { Length: > 0 } || inherited[AfterVariable] is string { Length: > 0 }) return null;
        if (lastSimulated is { } last)
        {
            var text = last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return (AfterVariable, text, $"simulating the trading day after {text}, the last day this data directory simulated ({DateVariable} picks another)");
        }
        var showcase = ShowcaseDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (DateVariable, showcase, $"first run: simulating the showcase day {showcase}; later runs continue day by day ({DateVariable} picks another)");
    }

    /// <summary>The latest trading-cycle date in the database, or null for a fresh one.</summary>
    public static async Task<DateOnly?> LastSimulatedDayAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // Two statements: PostgreSQL resolves table names when it plans, so one query could not guard itself.
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('workflow.trading_cycles') IS NOT NULL", connection))
            if (await exists.ExecuteScalarAsync(ct) is not true) return null;
        await using var command = new NpgsqlCommand("SELECT max(date) FROM workflow.trading_cycles", connection);
        var value = await command.ExecuteScalarAsync(ct);
        return value is DateOnly date ? date : value is DateTime time ? DateOnly.FromDateTime(time) : null;
    }
}
