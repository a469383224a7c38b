using System.Globalization;
using Catalyst.Backtesting.Contracts;
using Catalyst.Simulation;
using Catalyst.Simulation.Clock;
using Catalyst.Simulation.Replay;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;

namespace Catalyst.Host.Backtesting;

/// <summary>A validated backtest: the days to replay, in order, and everything each day's inner host is configured with.</summary>
internal sealed record BacktestPlan(
    Guid Id,
    RunBacktest Request,
    string Source,
    IReadOnlyList<DateOnly> Dates,
    int Seed,
    string? DataDir,
    IReadOnlyList<Symbol> Symbols,
    decimal StartingCash,
    string OutputDirectory,
    bool KeepDatabase)
{
    public const string SimulatedSource = "simulated";
    public const string CsvSource = "csv";

    public string ShortId => Id.ToString("N")[^8..];
}

/// <summary>Turns a <see cref="RunBacktest"/> into a plan, or a <see cref="ValidationException"/> naming the problem.</summary>
internal static class BacktestPlanner
{
    public const decimal DefaultStartingCash = 100_000m;

    public static BacktestPlan Plan(RunBacktest request, Guid id, string outputDirectory, bool keepDatabase,
        IConfiguration configuration)
    {
        foreach (var (field, message) in request.Validate()) throw new ValidationException(field, message);
        var seed = request.Seed ?? configuration.GetValue<int?>("Catalyst:Simulation:Seed") ?? 42;
        var cash = request.StartingCash ?? configuration.GetValue<decimal?>("Catalyst:Simulation:StartingCash") ?? DefaultStartingCash;
        var wanted = (request.Symbols ?? []).Select(s => Symbol.Parse(s)).Distinct().ToList();

        if (!string.IsNullOrWhiteSpace(request.DataDir))
        {
            var dir = Path.GetFullPath(request.DataDir);
            CsvBarReplay replay;
            try { replay = CsvBarReplay.Load(dir); }
            catch (CsvReplayFormatException ex) { throw new ValidationException("data_dir", ex.Message); }
            var all = replay.Dates;
            if (all.Count == 0) throw new ValidationException("data_dir", $"the data folder '{dir}' holds no bars");
            var dates = all.Where(d => (request.StartDate is null || d >= request.StartDate)
                                       && (request.EndDate is null || d <= request.EndDate)).ToList();
            if (wanted.Count > 0)
            {
                var missing = wanted.Where(s => !replay.Symbols.Contains(s)).Select(s => s.Value).ToList();
                if (missing.Count > 0)
                    throw new ValidationException("symbols",
                        $"{string.Join(", ", missing)} not in the data folder; it holds {string.Join(", ", replay.Symbols.Select(s => s.Value))}");
                dates = dates.Where(d => wanted.Any(s => replay.MinuteBars(s, d).Count > 0)).ToList();
            }
            if (dates.Count == 0)
                throw new ValidationException(request.StartDate is null && request.EndDate is null ? "symbols" : "start_date",
                    $"no trading day of the data folder falls in the range; the files hold {Day(all[0])} to {Day(all[^1])} ({all.Count} days)");
            return new BacktestPlan(id, request, BacktestPlan.CsvSource, dates, seed, dir, wanted, cash, outputDirectory, keepDatabase);
        }

        var days = Catalyst.SharedKernel.Time.NyseCalendar.TradingDays(request.StartDate!.Value, request.EndDate!.Value).ToList();
        if (wanted.Count > 0) CheckSimulatedSymbols(wanted, seed, days[0], request);
        return new BacktestPlan(id, request, BacktestPlan.SimulatedSource, days, seed, null, wanted, cash, outputDirectory, keepDatabase);
    }

    /// <summary>The generated universe depends only on the seed (and size): its names are the same every day.</summary>
    private static void CheckSimulatedSymbols(IReadOnlyList<Symbol> wanted, int seed, DateOnly date, RunBacktest request)
    {
        var options = new SimulationOptions { Seed = seed, Date = date, Speed = SimulationOptions.ManualSpeed };
        if (request.UniverseSize is { } size) options.UniverseSize = size;
        using var session = SimulationSession.Create(options);
        var found = session.MarketData.GetSnapshotsAsync(wanted, CancellationToken.None).GetAwaiter().GetResult();
        var missing = wanted.Where(s => !found.ContainsKey(s)).Select(s => s.Value).ToList();
        if (missing.Count == 0) return;
        var examples = session.MarketData.GetUniverseAsync(10, CancellationToken.None).GetAwaiter().GetResult()
            .Select(u => u.Symbol.Value);
        throw new ValidationException("symbols",
            $"{string.Join(", ", missing)} not in the simulated universe of seed {seed} (its names include {string.Join(", ", examples)})");
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
