using System.Diagnostics;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Workflow.Contracts;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalyst.EndToEnd.Tests;

/// <summary>
/// Issue 9: a whole seeded catalyst day in Simulation on real Postgres and Redis, the cycle auto-started in autonomous
/// mode, the virtual clock stepped as fast as the Host allows from 07:55 to 16:05 ET. Then the books must agree: every
/// trade went through Risk, the book is flat, the journal's P&amp;L is the broker's cash change to the cent, the daily
/// report is what the journal says, and every decision is in the decision log.
/// </summary>
[NonParallelizable]
public sealed class SimulatedTradingDayTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    private CatalystApp _app = null!;
    private readonly CapturedLogs _logs = new();
    private Account _before = null!;
    private Account _after = null!;
    private TimeSpan _elapsed;
    private WorkflowStatusDto _status = null!;
    private IReadOnlyList<TimelineEventDto> _timeline = null!;
    private IReadOnlyList<DecisionLogDto> _decisions = null!;
    private IReadOnlyList<JournalEntryDto> _journal = null!;
    private PerformanceReportDto _report = null!;
    private IReadOnlyList<BrokerOrder> _brokerOrders = null!;
    private IReadOnlyList<BrokerOrder> _openOrders = null!;
    private IReadOnlyList<BrokerPosition> _brokerPositions = null!;
    private IReadOnlyList<PositionDto> _openPositions = null!;
    private ScanResultDto? _latestScan;
    private List<RiskRow> _riskDecisions = null!;

    private sealed record RiskRow(string Symbol, string Side, decimal? Quantity, bool Approved, bool Preview, bool IsExit, DateTimeOffset DecidedAt);

    [OneTimeSetUp]
    public async Task RunTheDayAsync()
    {
        _app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:Date"] = Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            o.Settings["Catalyst:Simulation:Seed"] = "42";
            o.Settings["Catalyst:Simulation:AutoStart"] = "autonomous";
            o.Settings["Logging:LogLevel:Catalyst"] = "Information";
            o.ConfigureServices = services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(_logs);
        });
        foreach (var db in _app.Services.GetServices<IModuleDatabase>()) await db.MigrateAsync(CancellationToken.None);
        var broker = _app.Services.GetRequiredService<IBrokerPort>();
        var session = _app.Services.GetRequiredService<SimulationSession>();
        _before = await broker.GetAccountAsync(CancellationToken.None);

        var watch = Stopwatch.StartNew();
        await session.RunDayAsync();
        _elapsed = watch.Elapsed;
        

        _after = await broker.GetAccountAsync(CancellationToken.None);
        _brokerOrders = await broker.GetOrdersAsync(openOnly: false, CancellationToken.None);
        _openOrders = await broker.GetOrdersAsync(openOnly: true, CancellationToken.None);
        _brokerPositions = await broker.GetPositionsAsync(CancellationToken.None);

        await using var scope = _app.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        _status = await sender.Send(new GetWorkflowStatus());
        Assert.That(_status.CycleId, Is.Not.Null, "the day's cycle was auto-started");
        _timeline = await sender.Send(new GetCycleTimeline(_status.CycleId!.Value));
        _decisions = await sender.Send(new GetDecisionLog(_status.CycleId!.Value));
        _journal = await sender.Send(new GetTradeJournal(Day));
        _report = await sender.Send(new GetPerformanceReport("daily", Day));
        _openPositions = await sender.Send(new GetPositions("open"));
        try
        {
            _latestScan = await sender.Send(new GetLatestScan(20));
        }
        catch (Catalyst.SharedKernel.Errors.NotFoundException)
        {
            _latestScan = null;
        }
        _riskDecisions = await RiskDecisionsAsync();

        // The day's story, for a person reading a failure: the timeline, the decisions and the books.
        var story = new List<string> { $"Simulated day {Day:yyyy-MM-dd} ran in {_elapsed.TotalSeconds:0.0} s" };
        story.AddRange(_timeline.Select(e => $"{MarketTime.ToEastern(e.Timestamp):HH:mm} {e.EventType,-22} {e.Description}"));
        story.AddRange(_decisions.Select(d => $"{MarketTime.ToEastern(d.Timestamp):HH:mm} {d.DecisionType,-9} {d.Symbol,-6} {d.Decision,-8} {d.Reason}"));
        story.Add($"cash {_before.Cash} -> {_after.Cash}; journal {_journal.Count} trades, P&L {_journal.Sum(j => j.Pnl)}");
        story.AddRange(_logs.Lines.Select(l => "host log: " + l));
        await File.WriteAllLinesAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, "simulated-day.log"), story);
        foreach (var line in story) TestContext.Progress.WriteLine(line);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    /// <summary>Risk's own audit table (risk.validation_decisions), read directly: the test audits Risk, it does not ask it.</summary>
    private async Task<List<RiskRow>> RiskDecisionsAsync()
    {
        await using var connection = new NpgsqlConnection(_app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT s.symbol, d.side, d.quantity, d.approved, d.preview, d.is_exit, d.decided_at FROM risk.validation_decisions d " +
            "JOIN reference.securities s ON s.id = d.security_id ORDER BY d.id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<RiskRow>();
        while (await reader.ReadAsync())
            rows.Add(new RiskRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2),
                reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5), reader.GetFieldValue<DateTimeOffset>(6)));
        return rows;
    }

    [Test]
    public void The_cycle_ran_the_whole_day_and_closed()
    {
        var phases = _timeline.Where(e => e.EventType == "phase_changed").Select(e => e.Metadata!["to"]!.ToString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(_status.SessionMode, Is.EqualTo("autonomous"));
            Assert.That(_status.Status, Is.EqualTo("closed"),
                "the host's warnings and errors:\n" + string.Join("\n", _logs.Lines.Take(10)));
            Assert.That(_status.CycleState, Is.EqualTo("closed"));
            Assert.That(phases, Is.EqualTo(new[] { "opening-range", "morning", "midday", "power-hour", "closed" }));
            Assert.That(_timeline.Select(e => e.EventType), Does.Contain("positions_flattened"));
            Assert.That(_timeline.Select(e => e.EventType), Does.Contain("reconciled"));
            Assert.That(_timeline.Select(e => e.EventType), Does.Contain("eod_summary_sent"));
            Assert.That(_timeline[^1].EventType, Is.EqualTo("cycle_closed"));
            Assert.That(_timeline.Select(e => e.EventType), Has.None.EqualTo("scan_failed"));
        });
    }

    [Test]
    public void The_funnel_ran_on_schedule_and_narrowed_the_universe()
    {
        var scans = _timeline.Where(e => e.EventType == "scan_completed").ToList();
        Assert.That(scans, Has.Count.GreaterThanOrEqualTo(7), "six pre-market scans (08:00 … 09:15) and one after the opening range");
        Assert.That(_latestScan, Is.Not.Null);
        var counts = _latestScan!.FunnelCounts.Values.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(_latestScan.UniverseSize, Is.GreaterThanOrEqualTo(50));
            Assert.That(counts, Is.Ordered.Descending, "each stage keeps at most what the one before it kept");
            Assert.That(_latestScan.Candidates, Has.Count.GreaterThan(0).And.Count.LessThanOrEqualTo(5));
        });
    }

    [Test]
    public void The_strategy_traded_the_catalyst_day()
    {
        Assert.That(_decisions.Count(d => d.DecisionType == DecisionTypes.Entry && d.Decision == "entered"), Is.GreaterThan(0),
            "a seeded catalyst day gives the Stage 1 strategy at least one entry");
        Assert.That(_journal, Is.Not.Empty);
    }

    [Test]
    public void Every_entry_order_at_the_broker_was_approved_by_risk_first()
    {
        var entries = _brokerOrders.Where(o => o.Side == OrderSide.Buy && o.Class == OrderClass.Bracket).ToList();
        Assert.That(entries, Is.Not.Empty);
        foreach (var order in entries)
        {
            var approved = _riskDecisions.Where(r => r.Symbol == order.Symbol.Value && r.Side == "buy" && r.Approved && !r.Preview
                                                     && !r.IsExit && r.Quantity == order.Quantity && r.DecidedAt <= order.SubmittedAt);
            Assert.That(approved, Is.Not.Empty, $"order {order.Id} {order.Symbol} {order.Quantity} has no approved risk decision before it");
        }
        Assert.That(_brokerOrders.Where(o => o.Side == OrderSide.Buy && o.Class != OrderClass.Bracket && o.Legs.Count == 0
                                             && !IsLeg(o)), Is.Empty, "no entry without its stop and target");
    }

    private bool IsLeg(BrokerOrder order) => _brokerOrders.Any(p => p.Legs.Any(l => l.Id == order.Id));

    [Test]
    public void Nothing_is_open_after_the_close()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_brokerPositions, Is.Empty, "broker positions");
            Assert.That(_openOrders, Is.Empty, "broker open orders");
            Assert.That(_openPositions, Is.Empty, "Trading's open positions");
        });
    }

    [Test]
    public void The_journal_pnl_is_the_brokers_cash_change_to_the_cent()
    {
        var journalPnl = _journal.Sum(j => j.Pnl);
        Assert.That(Math.Round(_after.Cash - _before.Cash, 2), Is.EqualTo(Math.Round(journalPnl, 2)));
        Assert.That(Math.Round(_after.Equity - _before.Equity, 2), Is.EqualTo(Math.Round(journalPnl, 2)), "flat book: equity is cash");
    }

    [Test]
    public void The_daily_report_is_what_the_journal_says()
    {
        var pnls = _journal.Select(j => j.Pnl).ToList();
        var wins = _journal.Where(j => j.Outcome == "win").Select(j => j.Pnl).ToList();
        var losses = _journal.Where(j => j.Outcome == "loss").Select(j => j.Pnl).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(_report.Pnl, Is.EqualTo(pnls.Sum()));
            Assert.That(_report.TradesExecuted, Is.EqualTo(_journal.Count));
            Assert.That(_report.TradesWon, Is.EqualTo(wins.Count));
            Assert.That(_report.TradesLost, Is.EqualTo(losses.Count));
            Assert.That(_report.TradesScratch, Is.EqualTo(_journal.Count(j => j.Outcome == "scratch")));
            Assert.That(_report.WinRate, wins.Count + losses.Count == 0 ? Is.Null
                : Is.EqualTo((decimal)wins.Count / (wins.Count + losses.Count)).Within(0.0001m));
            Assert.That(_report.LargestWin, wins.Count == 0 ? Is.Null : Is.EqualTo(wins.Max()));
            Assert.That(_report.LargestLoss, losses.Count == 0 ? Is.Null : Is.EqualTo(losses.Min()));
            if (losses.Count > 0 && wins.Count > 0)
                Assert.That(_report.ProfitFactor, Is.EqualTo(wins.Sum() / Math.Abs(losses.Sum())).Within(0.0001m));
            foreach (var j in _journal)
                Assert.That(j.Outcome, Is.EqualTo(Math.Abs(j.Pnl) < 1m ? "scratch" : j.Pnl > 0 ? "win" : "loss"), $"{j.Symbol} {j.Pnl}");
        });
    }

    [Test]
    public void Every_decision_is_in_the_decision_log()
    {
        var entered = _decisions.Where(d => d.DecisionType == DecisionTypes.Entry && d.Decision == "entered").ToList();
        var brokerEntryIds = _brokerOrders.Where(o => o.Side == OrderSide.Buy && o.Class == OrderClass.Bracket).Select(o => o.Id).ToHashSet();
        var loggedBrokerIds = entered.Select(d => d.Features["broker_order_id"]?.ToString()).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(loggedBrokerIds, Is.EquivalentTo(brokerEntryIds), "each entry order has its entry decision, and no other");
            foreach (var entry in entered)
            {
                Assert.That(_decisions.Any(d => d.DecisionType == DecisionTypes.Risk && d.Decision == "approved" && d.Symbol == entry.Symbol
                                                && d.Id < entry.Id), Is.True, $"{entry.Symbol}: the risk approval precedes the entry");
                Assert.That(entry.Features.Keys, Is.SupersetOf(new[] { "entry", "stop", "target", "price", "volume_ratio", "final_score", "risk_position_size" }));
            }
            foreach (var trade in _journal)
                Assert.That(_decisions.Any(d => d.DecisionType == DecisionTypes.Exit && d.PositionId == trade.TradeId), Is.True,
                    $"exit of {trade.Symbol} ({trade.ExitReason}) is logged");
            var scanned = _timeline.Where(e => e.EventType == "scan_completed")
                .SelectMany(e => ((System.Text.Json.JsonElement)e.Metadata!["candidates"]!).EnumerateArray().Select(c => c.GetString()))
                .ToHashSet();
            var judged = _decisions.Where(d => d.DecisionType == DecisionTypes.Candidate).Select(d => d.Symbol).ToHashSet();
            Assert.That(judged, Is.SupersetOf(scanned), "every candidate was kept or dropped with a reason");
            Assert.That(_decisions.Where(d => d.DecisionType == DecisionTypes.Candidate && d.Decision == "dropped").All(d => d.Reason.Length > 0));
        });
    }
}
