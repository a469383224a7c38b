using System.CommandLine;
using System.Globalization;
using Catalyst.Backtesting.Contracts;
using Catalyst.SharedKernel.Errors;

namespace Catalyst.Host.Backtesting;

/// <summary>
/// <c>dotnet Catalyst.Host.dll backtest --from 2026-11-02 --to 2026-11-27 [--symbols A,B] [--seed 42] [--data DIR]
/// [--risk-file FILE] [--output DIR] [--keep-database]</c>: runs the backtest in this process, prints a line per day,
/// and exits 0 with the report folder's path on the last line; 2 on bad arguments (with the reason); 1 when the run
/// itself fails (e.g. the database is unreachable); 130 when interrupted.
/// </summary>
internal static class BacktestCommand
{
    public const string Name = "backtest";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var from = new Option<string?>("--from") { Description = "First day, YYYY-MM-DD (required for simulated days; with --data it narrows the files' dates)" };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD, included" };
        var symbols = new Option<string?>("--symbols") { Description = "Comma-separated symbols: the market shows only these names" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the simulated market (default Catalyst:Simulation:Seed, else 42)" };
        var data = new Option<string?>("--data") { Description = "A folder of 1-minute CSV files (Lean or Alpaca layout) to replay instead of simulated days" };
        var riskFile = new Option<string?>("--risk-file") { Description = "A risk_parameters.yaml to run with (default: a copy of the live one)" };
        var outputDir = new Option<string?>("--output") { Description = "Report folder (default ./backtests/<from>_<to>_<id>)" };
        var keep = new Option<bool>("--keep-database") { Description = "Keep the backtest's database for inspection instead of dropping it" };
        var universe = new Option<int?>("--universe-size") { Description = "Simulated symbols per day (20–5000, default 100)" };
        var catalystShare = new Option<double?>("--catalyst-day-share") { Description = "Share of simulated days with catalyst names (0–1, default 1)" };
        var cash = new Option<decimal?>("--starting-cash") { Description = "The simulated broker's cash on the first day (default 100000)" };
        var slippage = new Option<decimal?>("--slippage-bps") { Description = "Market and stop fill slippage in basis points (default 5)" };

        var command = new RootCommand("catalyst backtest: the live Scanner → Pattern → Technical → Risk → Trading → Reporting " +
                                      "pipeline replayed day by day on the virtual clock, as fast as it runs; writes a report folder.")
        {
            from, to, symbols, seed, data, riskFile, outputDir, keep, universe, catalystShare, cash, slippage,
        };
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) await error.WriteLineAsync($"catalyst backtest: {problem.Message}");
            await error.WriteLineAsync("Try 'backtest --help'.");
            return 2;
        }
        if (args.Any(a => a is "--help" or "-h" or "-?"))
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);

        RunBacktest request;
        try
        {
            request = new RunBacktest(
                Date(parsed.GetValue(from), "--from"), Date(parsed.GetValue(to), "--to"),
                parsed.GetValue(symbols) is { } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
                parsed.GetValue(seed), parsed.GetValue(data), parsed.GetValue(universe), parsed.GetValue(catalystShare),
                parsed.GetValue(cash), parsed.GetValue(slippage), parsed.GetValue(riskFile) is { } rf ? Path.GetFullPath(rf) : null);
        }
        catch (ValidationException ex)
        {
            await error.WriteLineAsync($"catalyst backtest: {ex.Message}");
            return 2;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var outer = builder.Build();
        var configuration = outer.Services.GetRequiredService<IConfiguration>();
        var id = Guid.NewGuid();

        BacktestPlan plan;
        try
        {
            var folder = parsed.GetValue(outputDir) is { Length: > 0 } o
                ? Path.GetFullPath(o)
                : Path.GetFullPath(Path.Combine("backtests", DefaultFolderName(request, id)));
            plan = BacktestPlanner.Plan(request, id, folder, parsed.GetValue(keep), configuration);
        }
        catch (ValidationException ex)
        {
            await error.WriteLineAsync($"catalyst backtest: {Flag(ex)}: {ex.Message}");
            return 2;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"backtest {plan.ShortId}: {plan.Dates.Count} {(plan.Source == BacktestPlan.CsvSource ? "replayed" : "simulated")} day(s) " +
            $"{plan.Dates[0]:yyyy-MM-dd} to {plan.Dates[^1]:yyyy-MM-dd}{(plan.Symbols.Count > 0 ? ", symbols " + string.Join(",", plan.Symbols) : "")}, report in {plan.OutputDirectory}"));
        var engine = new BacktestEngine(configuration, outer.Services.GetRequiredService<IHostEnvironment>(),
            outer.Services.GetRequiredService<ILoggerFactory>());
        var printedDays = 0;
        try
        {
            var outcome = await engine.RunAsync(plan, async (p, _) =>
            {
                // One line per finished day: the day count moves when the next day starts (and at the end).
                if (p.DaysCompleted == printedDays) return;
                printedDays = p.DaysCompleted;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"day {p.DaysCompleted}/{p.DaysTotal} done: {p.TradesSoFar} trades so far, P&L {p.PnlSoFar:+#,##0.00;-#,##0.00;0.00} USD, {p.BarsProcessed} bars"));
            }, ct);
            var s = outcome.Summary;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"done: {s.Report.TradesExecuted} trades, P&L {s.Report.Pnl:+#,##0.00;-#,##0.00;0.00} USD ({s.Report.PnlPct}%), win rate {s.Report.WinRate?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}, " +
                $"max drawdown {s.Report.MaxDrawdown}, {s.Run.Bars} bars in {s.Run.ElapsedSeconds:F1} s ({s.Run.BarsPerSecond:F0} bars/s)"));
            if (s.Run.Profile is { Count: > 0 } profile)
                await output.WriteLineAsync("time: " + string.Join(", ", profile.Take(8).Select(kv =>
                    string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F1}s"))));
            await output.WriteLineAsync(outcome.ReportDirectory);
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync("catalyst backtest: interrupted");
            return 130;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"catalyst backtest: failed: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    internal static string DefaultFolderName(RunBacktest request, Guid id) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{request.StartDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "all"}_{request.EndDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "all"}_{id.ToString("N")[^8..]}");

    private static DateOnly? Date(string? text, string flag)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ValidationException(flag, $"{flag} '{text}' is not a date (YYYY-MM-DD)");
    }

    /// <summary>The command-line flag for a request field, so the message names what the user typed.</summary>
    private static string Flag(ValidationException ex) => ex.Field switch
    {
        "start_date" => "--from",
        "end_date" => "--to",
        "data_dir" => "--data",
        "risk_file" => "--risk-file",
        "universe_size" => "--universe-size",
        "catalyst_day_share" => "--catalyst-day-share",
        "starting_cash" => "--starting-cash",
        "slippage_bps" => "--slippage-bps",
        var other => "--" + other.Replace('_', '-'),
    };
}
