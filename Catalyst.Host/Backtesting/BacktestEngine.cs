using System.Diagnostics;
using Catalyst.Backtesting.Contracts;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Simulation.Clock;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Mediator;

namespace Catalyst.Host.Backtesting;

/// <summary>What a finished run produced: the summary (summary.json), every closed trade and the equity curve.</summary>
internal sealed record BacktestOutcome(BacktestSummaryDto Summary, IReadOnlyList<JournalEntryDto> Journal,
    IReadOnlyList<EquityPoint> Equity, string ReportDirectory);

/// <summary>A point of the run's equity curve: after each closed trade, and at each day's close.</summary>
internal readonly record struct EquityPoint(DateTimeOffset Time, DateOnly Day, decimal Equity);

/// <summary>
/// Runs a backtest on the real modules: for each day an inner host with the web host's registrations
/// (<see cref="CatalystComposition.AddCatalyst"/>) in Simulation mode at speed manual with an autonomous cycle, stepped
/// minute by minute through <see cref="SimulationSession"/> as fast as the modules answer. Days run in order on one
/// backtest database, so the journal and Risk's history accumulate as in live trading, and each day's broker opens with
/// the previous day's closing equity.
/// </summary>
/// <remarks>
/// One inner host per day rather than a session that rolls over: the simulated day is the unit every module is built and
/// tested for (Workflow's one cycle per day, the broker's day orders, the market's per-day data), so a new host per day
/// is exactly what a live-at-speed day is. Its start-up costs tens of milliseconds once the first day has warmed
/// the process (EF models, JIT); measured in docs/performance.md.
/// </remarks>
internal sealed class BacktestEngine(IConfiguration configuration, IHostEnvironment environment, ILoggerFactory loggers)
{
    /// <summary>Progress is reported every this many virtual minutes, and after each day.</summary>
    private const int ProgressEveryMinutes = 30;

    /// <summary>Last-word changes to every inner host's services (tests instrument the ports here).</summary>
    public Action<IServiceCollection>? ConfigureInnerServices { get; init; }

    public async Task<BacktestOutcome> RunAsync(BacktestPlan plan, Func<BacktestProgressDto, CancellationToken, Task>? progress,
        CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(plan.OutputDirectory);
        var riskFile = PrepareRiskFile(plan);
        await using var database = BacktestDatabase.For(configuration, plan.ShortId, plan.KeepDatabase);

        var days = new List<BacktestDayDto>();
        var journal = new List<JournalEntryDto>();
        var equity = new List<EquityPoint>();
        var cash = plan.StartingCash;
        long bars = 0;
        var profile = new RunProfile();
        var logger = loggers.CreateLogger<BacktestEngine>();

        for (var i = 0; i < plan.Dates.Count; i++)
        {
            var date = plan.Dates[i];
            var dayWatch = Stopwatch.StartNew();
            if (progress is not null)
                await progress(Progress(plan, i, date, journal, cash, bars, $"day {i + 1}/{plan.Dates.Count} {date:yyyy-MM-dd} starting"), ct);

            var phase = Stopwatch.GetTimestamp();
            using var host = BuildInnerHost(plan, date, cash, database.ConnectionString, riskFile, profile);
            if (i == 0)
            {
                await database.CreateAsync([.. host.Services.GetServices<IModuleDatabase>()], ct);
                profile.Add("migrate", Stopwatch.GetTimestamp() - phase);
                phase = Stopwatch.GetTimestamp();
            }

            await host.StartAsync(ct);
            profile.Add("host_start", Stopwatch.GetTimestamp() - phase);
            try
            {
                var session = host.Services.GetRequiredService<SimulationSession>();
                phase = Stopwatch.GetTimestamp();
                var minutes = 0;
                while (await session.StepAsync(ct))
                {
                    if (progress is not null && ++minutes % ProgressEveryMinutes == 0)
                        await progress(Progress(plan, i, date, journal, cash, bars,
                            $"day {i + 1}/{plan.Dates.Count} {date:yyyy-MM-dd} at {MarketTime.EasternTimeOfDay(session.Clock.GetUtcNow()):HH:mm} ET"), ct);
                }

                profile.Add("step", Stopwatch.GetTimestamp() - phase);
                phase = Stopwatch.GetTimestamp();
                var day = await CloseDayAsync(host.Services, date, cash, dayWatch, ct);
                profile.Add("end_of_day_reads", Stopwatch.GetTimestamp() - phase);
                days.Add(day.Row);
                bars += day.Row.Bars;
                equity.Add(new EquityPoint(MarketTime.AtEastern(date, new TimeOnly(9, 30)), date, cash));
                var running = cash;
                foreach (var trade in day.Trades)
                {
                    running += trade.Pnl;
                    equity.Add(new EquityPoint(trade.ExitTime, date, running));
                }
                journal.AddRange(day.Trades);
                cash = day.Row.EndingEquity;
                equity.Add(new EquityPoint(MarketTime.AtEastern(date, new TimeOnly(16, 0)), date, cash));
                logger.LogInformation("Backtest {Id} day {Date:yyyy-MM-dd}: {Trades} trades, P&L {Pnl}, {Bars} bars in {Seconds:F1}s",
                    plan.Id, date, day.Row.TradesExecuted, day.Row.Pnl, day.Row.Bars, dayWatch.Elapsed.TotalSeconds);
            }
            finally
            {
                phase = Stopwatch.GetTimestamp();
                await host.StopAsync(CancellationToken.None);
                profile.Add("host_stop", Stopwatch.GetTimestamp() - phase);
            }
        }

        stopwatch.Stop();
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var run = new BacktestRunDto(plan.Id, plan.Source, plan.Dates[0], plan.Dates[^1], plan.Source == BacktestPlan.SimulatedSource ? plan.Seed : null,
            plan.DataDir, [.. plan.Symbols.Select(s => s.Value)], days.Count, bars, Math.Round(elapsed, 3),
            elapsed > 0 ? Math.Round(bars / elapsed, 1) : 0, plan.StartingCash, cash, riskFile, profile.Seconds());
        var summary = new BacktestSummaryDto(run, RunMetrics.Compute(plan.Dates[0], plan.Dates[^1], plan.StartingCash, journal, days), days);
        await BacktestReportWriter.WriteAsync(plan.OutputDirectory, summary, journal, equity, ct);
        if (progress is not null)
            await progress(new BacktestProgressDto(days.Count, plan.Dates.Count, 100m, plan.Dates[^1], journal.Count,
                cash - plan.StartingCash, bars, "completed"), ct);
        return new BacktestOutcome(summary, journal, equity, plan.OutputDirectory);
    }

    private sealed record DayResult(BacktestDayDto Row, IReadOnlyList<JournalEntryDto> Trades);

    /// <summary>After 16:05 ET: the day's trades and daily report through Reporting's contracts, the equity from the broker.</summary>
    private static async Task<DayResult> CloseDayAsync(IServiceProvider services, DateOnly date, decimal startingCash,
        Stopwatch dayWatch, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var trades = await sender.Send(new GetTradeJournal(Date: date, Limit: GetTradeJournal.MaxLimit), ct);
        var report = await sender.Send(new GetPerformanceReport(ReportPeriods.Daily, date), ct);
        var broker = scope.ServiceProvider.GetRequiredService<IBrokerPort>();
        var account = await broker.GetAccountAsync(ct);
        var market = scope.ServiceProvider.GetRequiredService<IMarketDataPort>();
        var (symbols, bars) = await CountBarsAsync(market, date, ct);
        var ending = Math.Round(account.Equity, 2);
        var pnl = ending - startingCash;
        return new DayResult(new BacktestDayDto(date, symbols, bars, startingCash, ending, pnl,
            startingCash == 0 ? 0 : Math.Round(pnl / startingCash * 100m, 4), report.TradesExecuted, report.TradesWon,
            report.TradesLost, report.TradesScratch, report.WinRate, report.ProfitFactor, report.MaxDrawdown,
            Math.Round(dayWatch.Elapsed.TotalSeconds, 3)), trades);
    }

    /// <summary>The minute bars the day replayed, counted through the same port the modules read.</summary>
    private static async Task<(int Symbols, long Bars)> CountBarsAsync(IMarketDataPort market, DateOnly date, CancellationToken ct)
    {
        var universe = await market.GetUniverseAsync(int.MaxValue / 2, ct);
        if (universe.Count == 0) return (0, 0);
        var start = MarketTime.AtEastern(date, TimeOnly.MinValue);
        var bars = await market.GetBarsAsync(new BarsRequest([.. universe.Select(u => u.Symbol)], BarTimeframe.OneMinute, start,
            start.AddDays(1)), ct);
        return (bars.Count, bars.Values.Sum(b => (long)b.Count));
    }

    private static BacktestProgressDto Progress(BacktestPlan plan, int dayIndex, DateOnly date, List<JournalEntryDto> journal,
        decimal cash, long bars, string message) =>
        new(dayIndex, plan.Dates.Count, Math.Round(100m * dayIndex / plan.Dates.Count, 1), date, journal.Count,
            cash - plan.StartingCash, bars, message);

    private IHost BuildInnerHost(BacktestPlan plan, DateOnly date, decimal cash, string connectionString, string riskFile,
        RunProfile profile)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment.EnvironmentName,
            ApplicationName = environment.ApplicationName,
            ContentRootPath = environment.ContentRootPath,
        });
        builder.Configuration.AddConfiguration(configuration, shouldDisposeConfiguration: false);
        builder.Configuration.AddInMemoryCollection(InnerSettings(plan, date, cash, connectionString, riskFile));
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggers));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // EF logs each failed command as an error, first of all the history-table probe of a fresh database's migration;
        // a real failure reaches the module that sent the command, which logs it with its meaning.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Services.AddCatalyst(builder.Configuration);
        builder.Services.RestrictToSymbols(plan.Symbols);
        builder.Services.Decorate<IMarketHeartbeat>((_, inner) => new ProfilingHeartbeat(inner, profile));
        ConfigureInnerServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>The live configuration, overridden only where a backtest must differ: its database, its Redis keys, its day.</summary>
    private Dictionary<string, string?> InnerSettings(BacktestPlan plan, DateOnly date, decimal cash, string connectionString,
        string riskFile)
    {
        var request = plan.Request;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:" + ModuleDbContextRegistration.ConnectionStringName] = connectionString,
            ["Catalyst:Mode"] = "Simulation",
            ["Catalyst:Simulation:Speed"] = Catalyst.Simulation.SimulationOptions.ManualSpeed,
            ["Catalyst:Simulation:AutoStart"] = "Autonomous",
            ["Catalyst:Simulation:Date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Catalyst:Simulation:Seed"] = plan.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Catalyst:Simulation:ReplayDirectory"] = plan.DataDir ?? "",
            ["Catalyst:Simulation:StartingCash"] = cash.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Catalyst:Risk:ParametersFile"] = riskFile,
            ["Catalyst:Redis:InstanceName"] = (configuration["Catalyst:Redis:InstanceName"] ?? "catalyst") + "-bt-" + plan.ShortId,
            ["Catalyst:Redis:ChannelPrefix"] = (configuration["Catalyst:Redis:ChannelPrefix"] ?? "") + "bt-" + plan.ShortId + ":",
        };
        if (request.UniverseSize is { } size) settings["Catalyst:Simulation:UniverseSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.CatalystDayShare is { } share) settings["Catalyst:Simulation:CatalystDayShare"] = share.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.SlippageBps is { } bps) settings["Catalyst:Simulation:SlippageBps"] = bps.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>
    /// The run's risk parameters go into the report folder (risk_parameters.yaml): the --risk-file given, else a copy of the
    /// live file, else Risk writes its defaults there on the first day. A copy, so Risk's hot reload never touches the
    /// live file and the report says exactly what the run used.
    /// </summary>
    private string PrepareRiskFile(BacktestPlan plan)
    {
        var target = Path.Combine(plan.OutputDirectory, "risk_parameters.yaml");
        var source = plan.Request.RiskFile;
        if (source is null)
        {
            var live = configuration["Catalyst:Risk:ParametersFile"];
            var path = Path.GetFullPath(string.IsNullOrWhiteSpace(live) ? "config/risk_parameters.yaml" : live, environment.ContentRootPath);
            if (File.Exists(path)) source = path;
        }
        if (source is not null) File.Copy(source, target, overwrite: true);
        return target;
    }
}

/// <summary>Sends the inner hosts' log lines to the outer host's loggers (the inner host owns no provider of its own).</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory outer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => outer.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
