using Catalyst.Backtesting;
using Catalyst.Modules.News;
using Catalyst.Modules.Orchestration;
using Catalyst.Modules.Pattern;
using Catalyst.Modules.Reporting;
using Catalyst.Modules.Risk;
using Catalyst.Modules.Scanner;
using Catalyst.Modules.Technical;
using Catalyst.Modules.Trading;
using Catalyst.Modules.Workflow;
using Catalyst.SharedKernel;
using Catalyst.SharedKernel.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalyst.Migrator;

public static class MigratorProgram
{
    // Any constant works; it only has to be the same for every migrator that could run at once.
    private const long AdvisoryLockKey = 0x_CA7A_1157;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct,
        IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a != "--script" && !IsScriptDirectory(args, a)).ToArray())
            .Build();
        var scriptIndex = Array.IndexOf(args, "--script");

        // Checked before the module databases are built: resolving them needs the connection string.
        string connectionString = "";
        if (scriptIndex < 0)
        {
            try { connectionString = ModuleDbContextRegistration.ConnectionString(configuration); }
            catch (InvalidOperationException ex)
            {
                await error.WriteLineAsync($"migrator: {ex.Message}");
                return 2;
            }
        }
        var databases = BuildModuleDatabases(configuration);

        if (scriptIndex >= 0)
        {
            var directory = scriptIndex + 1 < args.Length ? args[scriptIndex + 1] : Path.Combine("migrations", "sql");
            foreach (var db in databases)
            {
                var folder = Path.Combine(directory, db.Schema);
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, "migrations.idempotent.sql");
                await File.WriteAllTextAsync(path, db.GenerateIdempotentScript().ReplaceLineEndings("\n"), ct);
                await output.WriteLineAsync($"wrote {path}");
            }
            return 0;
        }

        try
        {
            // One migrator at a time: a second one waits here, then finds nothing left to do.
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
                await take.ExecuteNonQueryAsync(ct);

            foreach (var db in databases)
            {
                var before = await db.ProbeAsync(ct);
                await db.MigrateAsync(ct);
                await output.WriteLineAsync(before.PendingMigrations.Count == 0
                    ? $"{db.Module,-14} schema {db.Schema,-14} up to date ({before.AppliedMigrations.Count} migrations)"
                    : $"{db.Module,-14} schema {db.Schema,-14} applied {string.Join(", ", before.PendingMigrations)}");
            }

            await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection))
                await release.ExecuteNonQueryAsync(ct);
            await output.WriteLineAsync("migrator: done");
            return 0;
        }
        catch (NpgsqlException ex)
        {
            await error.WriteLineAsync($"migrator: PostgreSQL error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The shared reference schema first (modules refer to it), then the nine modules, then the backtest job store.</summary>
    internal static IReadOnlyList<IModuleDatabase> BuildModuleDatabases(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSharedKernel(configuration)
            .AddOrchestrationModule(configuration)
            .AddScannerModule(configuration)
            .AddPatternModule(configuration)
            .AddTechnicalModule(configuration)
            .AddRiskModule(configuration)
            .AddTradingModule(configuration)
            .AddWorkflowModule(configuration)
            .AddNewsModule(configuration)
            .AddReportingModule(configuration)
            .AddBacktestJobStore(configuration);
        var provider = services.BuildServiceProvider();
        return provider.GetServices<IModuleDatabase>().ToList();
    }

    private static bool IsScriptDirectory(string[] args, string arg)
    {
        var i = Array.IndexOf(args, "--script");
        return i >= 0 && i + 1 < args.Length && args[i + 1] == arg;
    }
}
