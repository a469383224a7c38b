using Catalyst.Simulation.Clock;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Tests;

public sealed class SimulatedMarketDataTests
{
    private static readonly DateOnly Date = new(2026, 3, 10);
    private SimulationSession _session = null!;

    [SetUp]
    public void SetUp() => _session = SimulationSession.Create(new SimulationOptions { Seed = 42, Date = Date, Speed = "max" });

    [TearDown]
    public void TearDown() => _session.Dispose();

    private DateTimeOffset Et(int hour, int minute) => MarketTime.AtEastern(Date, new TimeOnly(hour, minute));

    private IReadOnlyList<Symbol> All => [.. _session.Day.Symbols.Select(s => s.Symbol)];

    [Test]
    public void The_clock_starts_at_07_55_eastern_on_the_simulated_date()
    {
        Assert.That(_session.Clock.GetUtcNow(), Is.EqualTo(Et(7, 55)));
        Assert.That(_session.Clock.LocalTimeZone.Id, Is.EqualTo(MarketTime.Eastern.Id));
    }

    [TestCase(7, 55)]
    [TestCase(9, 31)]
    [TestCase(10, 7)]
    [TestCase(15, 59)]
    public async Task GetBars_never_returns_a_bar_that_ends_after_now(int hour, int minute)
    {
        await _session.RunUntilAsync(Et(hour, minute));
        var now = _session.Clock.GetUtcNow();
        Assert.That(now, Is.EqualTo(Et(hour, minute)));

        var request = new BarsRequest(All, BarTimeframe.OneMinute, Et(4, 0), Et(20, 0));
        var minutes = await _session.MarketData.GetBarsAsync(request, CancellationToken.None);
        var fives = await _session.MarketData.GetBarsAsync(request with { Timeframe = BarTimeframe.FiveMinutes }, CancellationToken.None);

        Assert.That(minutes, Is.Not.Empty);
        Assert.That(minutes.Values.SelectMany(b => b).Max(b => b.Time.AddMinutes(1)), Is.LessThanOrEqualTo(now));
        Assert.That(minutes.Values.SelectMany(b => b).Max(b => b.Time.AddMinutes(1)), Is.GreaterThan(now.AddMinutes(-10)),
            "the latest completed minute is visible");
        if (fives.Count > 0)
            Assert.That(fives.Values.SelectMany(b => b).Max(b => b.Time.AddMinutes(5)), Is.LessThanOrEqualTo(now));

        var daily = await _session.MarketData.GetBarsAsync(
            request with { Timeframe = BarTimeframe.OneDay, Start = Et(0, 0).AddYears(-2) }, CancellationToken.None);
        Assert.That(daily.Values.All(b => b.Count == 260 && b[^1].Time < Et(0, 0).AddMinutes(1)), Is.True,
            "today's daily bar is not visible before the close");
    }

    [Test]
    public async Task Five_minute_bars_aggregate_the_minutes()
    {
        await _session.RunUntilAsync(Et(10, 0));
        var symbol = _session.Day.Catalysts[0].Symbol;
        var request = new BarsRequest([symbol], BarTimeframe.OneMinute, Et(9, 30), Et(9, 34));
        var minutes = (await _session.MarketData.GetBarsAsync(request, CancellationToken.None))[symbol];
        var five = (await _session.MarketData.GetBarsAsync(request with { Timeframe = BarTimeframe.FiveMinutes, End = Et(9, 30) },
            CancellationToken.None))[symbol].Single();

        Assert.That(minutes, Has.Count.EqualTo(5));
        Assert.That(five.Time, Is.EqualTo(Et(9, 30)));
        Assert.That(five.Open, Is.EqualTo(minutes[0].Open));
        Assert.That(five.Close, Is.EqualTo(minutes[^1].Close));
        Assert.That(five.High, Is.EqualTo(minutes.Max(b => b.High)));
        Assert.That(five.Low, Is.EqualTo(minutes.Min(b => b.Low)));
        Assert.That(five.Volume, Is.EqualTo(minutes.Sum(b => b.Volume)));
    }

    [Test]
    public async Task Daily_bars_include_today_only_after_the_close_and_limit_and_unknown_symbols_behave()
    {
        await _session.RunDayAsync();
        var symbol = All[0];
        var unknown = Symbol.Parse("ZZZZZZZZ");
        var bars = await _session.MarketData.GetBarsAsync(
            new BarsRequest([symbol, unknown], BarTimeframe.OneDay, Et(0, 0).AddDays(-400), Et(23, 0)), CancellationToken.None);
        Assert.That(bars.ContainsKey(unknown), Is.False);
        Assert.That(bars[symbol], Has.Count.EqualTo(261));
        Assert.That(bars[symbol][^1].Time, Is.EqualTo(Et(0, 0)));

        var limited = await _session.MarketData.GetBarsAsync(
            new BarsRequest([symbol], BarTimeframe.OneMinute, Et(4, 0), Et(20, 0), Limit: 10), CancellationToken.None);
        Assert.That(limited[symbol], Has.Count.EqualTo(10));
    }

    [Test]
    public async Task Snapshots_show_the_last_completed_minute_and_the_previous_day()
    {
        await _session.RunUntilAsync(Et(9, 45));
        var plan = _session.Day.Catalysts[0];
        var snapshots = await _session.MarketData.GetSnapshotsAsync([plan.Symbol, Symbol.Parse("ZZZZZZZZ")], CancellationToken.None);

        Assert.That(snapshots, Has.Count.EqualTo(1));
        var snap = snapshots[plan.Symbol];
        Assert.That(snap.MinuteBar!.Time, Is.EqualTo(Et(9, 44)));
        Assert.That(snap.LatestTrade!.Price, Is.EqualTo(snap.MinuteBar.Close));
        Assert.That(snap.LatestQuote!.BidPrice, Is.LessThan(snap.LatestQuote.AskPrice));
        Assert.That(snap.PreviousDailyBar, Is.EqualTo(_session.Day.Find(plan.Symbol)!.PreviousDaily));
        Assert.That(snap.DailyBar!.Volume, Is.EqualTo(_session.Day.Find(plan.Symbol)!.Minutes
            .Where(b => b.Time <= Et(9, 44)).Sum(b => b.Volume)));
        Assert.That(Math.Abs(snap.GapPercent!.Value), Is.GreaterThan(5m));
    }

    [Test]
    public async Task The_pre_market_universe_surfaces_the_catalyst_names()
    {
        await _session.RunUntilAsync(Et(9, 0));
        var universe = await _session.MarketData.GetUniverseAsync(20, CancellationToken.None);

        Assert.That(universe, Has.Count.EqualTo(20));
        Assert.That(universe.Select(u => u.Symbol).Distinct().Count(), Is.EqualTo(20));
        Assert.That(universe.Select(u => u.Reason), Has.Some.EqualTo("most_active").And.Some.EqualTo("top_mover"));
        var published = _session.Day.Catalysts.Where(c => c.NewsAt < Et(8, 55)).Select(c => c.Symbol).ToList();
        Assert.That(published, Is.Not.Empty);
        Assert.That(universe.Select(u => u.Symbol), Is.SupersetOf(published));
    }

    [Test]
    public async Task The_bar_stream_yields_each_minute_as_the_clock_passes_it()
    {
        var symbol = _session.Day.Catalysts[0].Symbol;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new List<SymbolBar>();
        var reading = Task.Run(async () =>
        {
            await foreach (var bar in _session.MarketData.StreamBarsAsync([symbol], cts.Token))
            {
                received.Add(bar);
                if (bar.Bar.Time >= Et(9, 34)) break;
            }
        }, cts.Token);
        await Task.Delay(200, cts.Token); // let the reader subscribe
        await _session.RunUntilAsync(Et(9, 35));
        await reading;

        var expected = _session.Day.Find(symbol)!.Minutes.Where(b => b.Time >= Et(7, 55) && b.Time <= Et(9, 34)).ToList();
        Assert.That(received.Select(r => r.Bar), Is.EqualTo(expected));
        Assert.That(received.All(r => r.Symbol == symbol), Is.True);
    }
}
