using Catalyst.Simulation.Clock;
using Catalyst.Simulation.Replay;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Tests;

public sealed class CsvBarReplayTests
{
    private string _temp = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_temp = Path.Combine(Path.GetTempPath(), "catalyst-replay-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_temp, recursive: true);

    [Test]
    public void Every_lean_reference_file_replays_sorted_and_complete()
    {
        var replay = CsvBarReplay.Load(TestPaths.LeanMinute);
        var files = Directory.GetFiles(TestPaths.LeanMinute, "*.csv");
        var rows = files.Sum(f => File.ReadLines(f).Count(l => l.Length > 0) - 1);

        Assert.That(files, Has.Length.EqualTo(40));
        Assert.That(replay.BarCount, Is.EqualTo(rows));
        Assert.That(replay.Symbols.Select(s => s.Value), Is.EquivalentTo(new[] { "AAPL", "AIG", "BAC", "FOXA", "GOOG", "IBM", "NWSA", "SHY", "SPY", "TWX" }));
        foreach (var symbol in replay.Symbols)
            foreach (var date in replay.Dates)
            {
                var bars = replay.MinuteBars(symbol, date);
                Assert.That(bars.Select(b => b.Time), Is.Ordered.And.Unique);
                Assert.That(bars.All(b => MarketTime.EasternDate(b.Time) == date), Is.True);
            }
    }

    [Test]
    public void The_split_day_and_the_half_day_load_as_they_are()
    {
        var replay = CsvBarReplay.Load(TestPaths.LeanMinute);
        var split = replay.MinuteBars(Symbol.Parse("AAPL"), new DateOnly(2014, 6, 9));
        Assert.That(split[0].Time, Is.EqualTo(MarketTime.AtEastern(new DateOnly(2014, 6, 9), new TimeOnly(4, 0))));
        Assert.That(split[0].Open, Is.EqualTo(645.57m));
        Assert.That(split[^1].Close, Is.LessThan(100m), "post-split prices");

        var half = replay.MinuteBars(Symbol.Parse("GOOG"), new DateOnly(2015, 12, 24));
        var regular = half.Where(b => MarketTime.EasternTimeOfDay(b.Time) is var t && t >= new TimeOnly(9, 30) && t < new TimeOnly(16, 0)).ToList();
        Assert.That(regular, Is.Not.Empty);
        var afterEarlyClose = regular.Count(b => MarketTime.EasternTimeOfDay(b.Time) >= new TimeOnly(13, 0));
        Assert.That(afterEarlyClose, Is.LessThan((regular.Count - afterEarlyClose) / 10), "only stray trades after 13:00");
    }

    [Test]
    public void Missing_minutes_and_out_of_order_rows_are_tolerated()
    {
        File.WriteAllText(Path.Combine(_temp, "ABC_20240102_1min.csv"),
            "timestamp_et,open,high,low,close,volume\n2024-01-02 09:35,10.2,10.3,10.1,10.25,500\n2024-01-02 09:30,10,10.1,9.9,10.05,1000\n\n2024-01-02 09:31,10.05,10.2,10,10.1,300\n");
        var bars = CsvBarReplay.Load(_temp).MinuteBars(Symbol.Parse("ABC"), new DateOnly(2024, 1, 2));
        Assert.That(bars.Select(b => MarketTime.EasternTimeOfDay(b.Time)),
            Is.EqualTo(new[] { new TimeOnly(9, 30), new TimeOnly(9, 31), new TimeOnly(9, 35) }));
    }

    [Test]
    public void The_alpaca_layout_reads_utc_timestamps_trade_counts_and_vwap()
    {
        File.WriteAllText(Path.Combine(_temp, "XYZ.csv"),
            "timestamp,open,high,low,close,volume,trade_count,vwap\n2024-01-03T14:31:00Z,5.1,5.2,5.0,5.15,2000,12,5.12\n2024-01-03T14:30:00Z,5,5.1,4.9,5.05,1000,7,5.01\n");
        var bars = CsvBarReplay.Load(_temp).MinuteBars(Symbol.Parse("XYZ"), new DateOnly(2024, 1, 3));
        Assert.That(bars, Has.Count.EqualTo(2));
        Assert.That(bars[0].Time, Is.EqualTo(MarketTime.AtEastern(new DateOnly(2024, 1, 3), new TimeOnly(9, 30))));
        Assert.That(bars[0].TradeCount, Is.EqualTo(7));
        Assert.That(bars[1].Vwap, Is.EqualTo(5.12m));
    }

    [TestCase("2024-01-02 09:30,10,10.1,9.9,10.05", "expected 6 fields")]
    [TestCase("2024-01-02 9h30,10,10.1,9.9,10.05,100", "timestamp_et")]
    [TestCase("2024-01-02 09:30,10,abc,9.9,10.05,100", "high 'abc'")]
    [TestCase("2024-01-02 09:30,10,9,9.9,10.05,100", "inconsistent prices")]
    [TestCase("2024-01-02 09:30,10,10.1,9.9,10.05,-5", "volume '-5'")]
    public void A_malformed_row_is_rejected_naming_the_file_and_line(string row, string problem)
    {
        var path = Path.Combine(_temp, "BAD_20240102_1min.csv");
        File.WriteAllText(path, "timestamp_et,open,high,low,close,volume\n2024-01-02 09:29,10,10.1,9.9,10.05,100\n" + row + "\n");

        var ex = Assert.Throws<CsvReplayFormatException>(() => CsvBarReplay.Load(_temp));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("line 3").And.Contain(problem));
        Assert.That(ex.Line, Is.EqualTo(3));
        Assert.That(ex, Is.InstanceOf<FormatException>());
    }

    [Test]
    public void An_unknown_header_is_rejected_at_line_1()
    {
        var path = Path.Combine(_temp, "BAD.csv");
        File.WriteAllText(path, "date,price\n2024-01-02,1\n");
        var ex = Assert.Throws<CsvReplayFormatException>(() => CsvBarReplay.Load(_temp));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("line 1"));
    }

    [Test]
    public async Task A_session_replays_the_folder_through_the_market_data_port()
    {
        using var session = SimulationSession.Create(new SimulationOptions
        {
            ReplayDirectory = TestPaths.LeanMinute, Date = new DateOnly(2014, 6, 9),
        });
        var aapl = Symbol.Parse("AAPL");
        Assert.That(session.Date, Is.EqualTo(new DateOnly(2014, 6, 9)));
        Assert.That(session.Day.Symbols.Select(s => s.Symbol.Value), Is.EquivalentTo(new[] { "AAPL", "TWX" }));

        await session.RunUntilAsync(MarketTime.AtEastern(session.Date, new TimeOnly(10, 0)));
        var request = new BarsRequest([aapl], BarTimeframe.OneMinute, session.Clock.GetUtcNow().AddHours(-12), session.Clock.GetUtcNow());
        var bars = (await session.MarketData.GetBarsAsync(request, CancellationToken.None))[aapl];
        Assert.That(bars[^1].Time.AddMinutes(1), Is.LessThanOrEqualTo(session.Clock.GetUtcNow()));
        var daily = (await session.MarketData.GetBarsAsync(request with { Timeframe = BarTimeframe.OneDay, Start = request.Start.AddDays(-10) },
            CancellationToken.None))[aapl];
        Assert.That(daily, Has.Count.EqualTo(2), "the earlier files become prior daily bars");
        Assert.That(await session.News.GetNewsAsync(DateTimeOffset.MinValue, [], CancellationToken.None), Is.Empty);
    }

    [Test]
    public void Without_a_date_the_replay_picks_the_date_with_the_most_symbols()
    {
        using var session = SimulationSession.Create(new SimulationOptions { ReplayDirectory = TestPaths.LeanMinute });
        Assert.That(session.Date, Is.EqualTo(new DateOnly(2013, 10, 11)));
        Assert.That(session.Day.Symbols, Has.Count.EqualTo(4));
    }
}
