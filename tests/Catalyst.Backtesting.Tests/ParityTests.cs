using Catalyst.Backtesting.Contracts;
using Catalyst.Host.Backtesting;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Backtesting.Tests;

/// <summary>
/// Backtest and live parity: the same seeded day run live-at-speed (the web host's own modules, the Workflow's autonomous
/// cycle, stepped minute by minute) and run by the backtest engine (inner hosts on the same registrations) close the same
/// trades — symbol, side, quantity, entry and exit prices and times.
/// </summary>
[NonParallelizable]
public sealed class ParityTests
{
    private static readonly DateOnly Day = new(2026, 3, 10); // a catalyst day on which the Stage 1 strategy trades
    private const int Seed = 42;

    private sealed record Trade(string Symbol, string Side, decimal Quantity, decimal EntryPrice, decimal ExitPrice,
        DateTimeOffset EntryTime, DateTimeOffset ExitTime);

    private static List<Trade> Normalise(IEnumerable<JournalEntryDto> journal) => journal
        .Select(t => new Trade(t.Symbol, t.Side, t.Quantity, t.EntryPrice, t.ExitPrice, t.EntryTime, t.ExitTime))
        .OrderBy(t => t.EntryTime).ThenBy(t => t.Symbol, StringComparer.Ordinal).ThenBy(t => t.ExitTime)
        .ToList();

    [Test]
    public async Task A_simulated_day_live_at_speed_and_as_a_backtest_make_the_same_trades()
    {
        await using var app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:AutoStart"] = "Autonomous";
            o.Settings["Catalyst:Simulation:Date"] = "2026-03-10";
            o.Settings["Catalyst:Simulation:Seed"] = Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

        // Live at speed: the web host's own session, stepped to 16:05 ET with nothing waiting in real time.
        var session = app.Services.GetRequiredService<SimulationSession>();
        Assert.That(session.Date, Is.EqualTo(Day));
        await session.RunDayAsync();
        IReadOnlyList<JournalEntryDto> live;
        await using (var scope = app.Services.CreateAsyncScope())
            live = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetTradeJournal(Date: Day));

        // The same day through the engine, configured from the same host (same risk file, same settings).
        var engine = app.Services.GetRequiredService<BacktestEngine>();
        var folder = Path.Combine(Path.GetTempPath(), "catalyst-bt-parity-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var plan = BacktestPlanner.Plan(new RunBacktest(Day, Day, Seed: Seed), Guid.NewGuid(), folder, keepDatabase: false,
                app.Services.GetRequiredService<IConfiguration>());
            var backtest = await engine.RunAsync(plan, null, CancellationToken.None);

            Assert.That(live, Is.Not.Empty, "the autonomous Stage 1 strategy trades on this seeded day (else parity proves nothing)");
            Assert.That(Normalise(backtest.Journal), Is.EqualTo(Normalise(live)));
            Assert.That(backtest.Summary.Days.Single().TradesExecuted, Is.EqualTo(live.Count));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
