using System.Text.Json;
using Catalyst.Backtesting.Contracts;
using Catalyst.Host.Backtesting;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Backtesting.Tests;

/// <summary>The engine as the CLI runs it: inner hosts on the real modules, a database of its own, the report folder.</summary>
[NonParallelizable]
public sealed class EngineTests
{
    private BacktestHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _harness = await BacktestHarness.CreateAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    [Test]
    public async Task A_simulated_day_runs_to_the_close_on_its_own_database_with_no_bar_read_before_it_completed()
    {
        var log = new LookaheadLog();
        var engine = _harness.Engine(services => services.Decorate<IMarketDataPort>((sp, inner) =>
            new LookaheadProbe(inner, sp.GetRequiredService<TimeProvider>(), log)));
        var plan = _harness.Plan(new RunBacktest(new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 4), Seed: 42), "simulated");
        var progress = new List<BacktestProgressDto>();

        var outcome = await engine.RunAsync(plan, (p, _) => { progress.Add(p); return Task.CompletedTask; }, CancellationToken.None);

        var day = outcome.Summary.Days.Single();
        Assert.Multiple(() =>
        {
            Assert.That(day.Date, Is.EqualTo(new DateOnly(2026, 11, 4)));
            Assert.That(day.Symbols, Is.EqualTo(100), "the generated universe");
            Assert.That(day.Bars, Is.GreaterThan(100 * 300), "a whole session of minute bars per symbol");
            Assert.That(outcome.Summary.Run.Bars, Is.EqualTo(day.Bars));
            Assert.That(day.EndingEquity, Is.EqualTo(day.StartingEquity + day.Pnl));
            Assert.That(outcome.Summary.Report.TradesExecuted, Is.EqualTo(outcome.Journal.Count));
            Assert.That(progress.Select(p => p.Message), Has.Some.Contains("12:55 ET"), "progress during the day");
            Assert.That(progress[^1].Percent, Is.EqualTo(100m));
            Assert.That(log.Reads, Is.GreaterThan(0), "the modules read market data through the probed port");
            Assert.That(log.BarsHandedOut, Is.GreaterThan(0));
            Assert.That(log.Violations, Is.Empty, "no decision at minute t may see the bar of minute t+1");
        });
        foreach (var file in BacktestReportWriter.Files) Assert.That(File.Exists(Path.Combine(plan.OutputDirectory, file)), file);
        Assert.That(await _harness.BacktestDatabasesAsync(), Is.Empty, "the backtest's database is dropped at the end");
    }

    [Test]
    public async Task Two_days_of_the_Lean_reference_files_write_all_four_report_files()
    {
        var plan = _harness.Plan(new RunBacktest(new DateOnly(2013, 10, 7), new DateOnly(2013, 10, 8),
            DataDir: BacktestHarness.LeanFolder), "lean");
        Assert.That(plan.Dates, Is.EqualTo(new[] { new DateOnly(2013, 10, 7), new DateOnly(2013, 10, 8) }));

        var outcome = await _harness.Engine().RunAsync(plan, null, CancellationToken.None);

        Assert.That(outcome.Summary.Days.Select(d => d.Symbols), Is.All.EqualTo(4), "AIG, BAC, IBM and SPY trade both days");
        Assert.That(outcome.Summary.Days.Select(d => d.Bars), Is.All.GreaterThanOrEqualTo(4 * 380));
        var dir = plan.OutputDirectory;

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, BacktestReportWriter.SummaryFile)));
        var report = summary.RootElement.GetProperty("report");
        foreach (var field in new[] { "pnl", "pnl_pct", "trades_executed", "trades_won", "trades_lost", "win_rate", "profit_factor",
                     "sharpe_ratio", "max_drawdown", "avg_win", "avg_loss" })
            Assert.That(report.TryGetProperty(field, out _), field);
        Assert.That(report.GetProperty("date_start").GetString(), Is.EqualTo("2013-10-07"));
        Assert.That(summary.RootElement.GetProperty("days").GetArrayLength(), Is.EqualTo(2));
        Assert.That(summary.RootElement.GetProperty("run").GetProperty("source").GetString(), Is.EqualTo("csv"));

        var csv = await File.ReadAllLinesAsync(Path.Combine(dir, BacktestReportWriter.JournalFile));
        Assert.That(csv[0], Is.EqualTo(string.Join(',', BacktestReportWriter.JournalColumns)));
        Assert.That(csv, Has.Length.EqualTo(outcome.Journal.Count + 1));

        var png = await File.ReadAllBytesAsync(Path.Combine(dir, BacktestReportWriter.EquityFile));
        Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");

        var html = await File.ReadAllTextAsync(Path.Combine(dir, BacktestReportWriter.IndexFile));
        Assert.That(html, Does.Contain("data:image/png;base64," + Convert.ToBase64String(png)), "the chart inlined");
        Assert.That(html, Does.Contain("2013-10-08").And.Not.Contain("<script src").And.Not.Contain("<link "), "one page, no external assets");
    }

    [Test]
    public async Task Symbols_narrow_the_replayed_market_to_those_names()
    {
        var plan = _harness.Plan(new RunBacktest(new DateOnly(2013, 10, 9), new DateOnly(2013, 10, 9), ["IBM"],
            DataDir: BacktestHarness.LeanFolder), "ibm");

        var outcome = await _harness.Engine().RunAsync(plan, null, CancellationToken.None);

        Assert.That(outcome.Summary.Days.Single().Symbols, Is.EqualTo(1));
        Assert.That(outcome.Summary.Run.Symbols, Is.EqualTo(new[] { "IBM" }));
        Assert.That(outcome.Journal.Select(t => t.Symbol), Is.All.EqualTo("IBM"));
    }

    [TestCase("2026-11-27", "2026-11-02", null, "end_date", "before start_date")]
    [TestCase("2026-11-26", "2026-11-26", null, "start_date", "no NYSE trading day")]
    [TestCase("2025-01-01", "2026-11-02", null, "end_date", "longer than 366 days")]
    [TestCase(null, null, "/no/such/folder", "data_dir", "does not exist")]
    [TestCase("2020-01-02", "2020-01-31", "LEAN", "start_date", "the files hold 2008-03-07 to 2023-08-03")]
    public void A_bad_request_is_refused_naming_the_field(string? from, string? to, string? data, string field, string message)
    {
        var request = new RunBacktest(from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
            DataDir: data == "LEAN" ? BacktestHarness.LeanFolder : data);
        var ex = Assert.Throws<ValidationException>(() => _harness.Plan(request));
        Assert.That(ex!.Field, Is.EqualTo(field), ex.Message);
        Assert.That(ex.Message, Does.Contain(message));
    }

    [Test]
    public void A_symbol_outside_the_simulated_universe_is_refused_with_examples()
    {
        var ex = Assert.Throws<ValidationException>(() => _harness.Plan(new RunBacktest(new DateOnly(2026, 11, 2),
            new DateOnly(2026, 11, 3), ["ZZZZ"], Seed: 42)));
        Assert.That(ex!.Field, Is.EqualTo("symbols"));
        Assert.That(ex.Message, Does.Contain("ZZZZ not in the simulated universe of seed 42"));
    }

    [Test]
    public void Simulated_days_skip_weekends_and_holidays()
    {
        var plan = _harness.Plan(new RunBacktest(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 30)));
        Assert.That(plan.Dates, Is.EqualTo(new[]
        {
            new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25),
            new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 30),
        }));
    }
}
