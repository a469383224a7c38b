using Catalyst.Simulation.Market;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Tests;

public sealed class MarketGeneratorTests
{
    private static readonly DateOnly Date = new(2026, 3, 10);

    [Test]
    public void Same_seed_and_date_give_the_same_day_bar_for_bar()
    {
        var a = MarketGenerator.Generate(42, Date, 100, 1.0);
        var b = MarketGenerator.Generate(42, Date, 100, 1.0);

        Assert.That(a.Symbols.Select(s => s.Symbol), Is.EqualTo(b.Symbols.Select(s => s.Symbol)));
        for (var i = 0; i < a.Symbols.Count; i++)
        {
            Assert.That(a.Symbols[i].Minutes, Is.EqualTo(b.Symbols[i].Minutes), a.Symbols[i].Symbol.Value);
            Assert.That(a.Symbols[i].PriorDaily, Is.EqualTo(b.Symbols[i].PriorDaily), a.Symbols[i].Symbol.Value);
        }
        Assert.That(a.Catalysts, Is.EqualTo(b.Catalysts));
    }

    [Test]
    public void A_different_seed_or_date_gives_a_different_day()
    {
        var a = MarketGenerator.Generate(42, Date, 100, 1.0);
        var otherSeed = MarketGenerator.Generate(43, Date, 100, 1.0);
        var otherDate = MarketGenerator.Generate(42, NyseCalendar.NextTradingDay(Date), 100, 1.0);

        Assert.That(otherSeed.Symbols.Select(s => s.Symbol), Is.Not.EqualTo(a.Symbols.Select(s => s.Symbol)));
        Assert.That(otherDate.Symbols.Select(s => s.Symbol), Is.EqualTo(a.Symbols.Select(s => s.Symbol)),
            "the universe belongs to the seed, so names persist from day to day");
        Assert.That(otherDate.Symbols[0].Minutes, Is.Not.EqualTo(a.Symbols[0].Minutes));
    }

    [Test]
    public void Universe_has_the_configured_size_price_range_and_full_history()
    {
        var day = MarketGenerator.Generate(42, Date, 100, 1.0);

        Assert.That(day.Symbols, Has.Count.EqualTo(100));
        Assert.That(day.Symbols.Select(s => s.Symbol).Distinct().Count(), Is.EqualTo(100));
        var closes = day.Symbols.Select(s => s.PreviousDaily!.Close).ToList();
        Assert.That(closes.Min(), Is.LessThan(6m));
        Assert.That(closes.Max(), Is.GreaterThan(150m));
        foreach (var s in day.Symbols)
        {
            Assert.That(s.PriorDaily, Has.Length.EqualTo(260));
            Assert.That(MarketTime.EasternDate(s.PriorDaily[^1].Time), Is.EqualTo(NyseCalendar.PreviousTradingDay(Date)));
            Assert.That(s.Minutes.Select(b => b.Time), Is.Ordered);
            Assert.That(s.Minutes[0].Time, Is.GreaterThanOrEqualTo(MarketTime.AtEastern(Date, new TimeOnly(4, 0))));
            Assert.That(s.Minutes[^1].Time, Is.LessThan(MarketTime.AtEastern(Date, new TimeOnly(20, 0))));
            foreach (var bar in s.Minutes.Concat(s.PriorDaily))
            {
                Assert.That(bar.High, Is.GreaterThanOrEqualTo(Math.Max(bar.Open, bar.Close)));
                Assert.That(bar.Low, Is.LessThanOrEqualTo(Math.Min(bar.Open, bar.Close)));
                Assert.That(bar.Low, Is.GreaterThan(0m));
                Assert.That(bar.Close, Is.EqualTo(Math.Round(bar.Close, 2)));
                Assert.That(bar.Volume, Is.GreaterThan(0));
            }
        }
    }

    [Test]
    public void Regular_session_volume_is_u_shaped_and_pre_market_is_thin()
    {
        var day = MarketGenerator.Generate(42, Date, 100, 0.0);
        long open = 0, midday = 0, close = 0, pre = 0, regular = 0;
        foreach (var s in day.Symbols)
            foreach (var bar in s.Minutes)
            {
                var t = MarketTime.EasternTimeOfDay(bar.Time);
                if (t < new TimeOnly(9, 30)) pre += bar.Volume;
                else if (t < new TimeOnly(16, 0)) regular += bar.Volume;
                if (t >= new TimeOnly(9, 30) && t < new TimeOnly(10, 0)) open += bar.Volume;
                if (t >= new TimeOnly(12, 30) && t < new TimeOnly(13, 0)) midday += bar.Volume;
                if (t >= new TimeOnly(15, 30) && t < new TimeOnly(16, 0)) close += bar.Volume;
            }
        Assert.That(open, Is.GreaterThan(midday * 2));
        Assert.That(close, Is.GreaterThan(midday));
        Assert.That(pre, Is.LessThan(regular / 20));
        Assert.That(day.Catalysts, Is.Empty);
    }

    [TestCase(42)]
    [TestCase(7)]
    [TestCase(2024)]
    public void A_catalyst_day_has_8_to_12_names_gapping_10_to_80_percent_on_5_to_50x_volume(int seed)
    {
        var day = MarketGenerator.Generate(seed, Date, 100, 1.0);

        Assert.That(day.Catalysts, Has.Count.InRange(8, 12));
        var open = MarketTime.AtEastern(Date, new TimeOnly(9, 30));
        foreach (var plan in day.Catalysts)
        {
            var s = day.Find(plan.Symbol)!;
            var previousClose = s.PreviousDaily!.Close;
            var openBar = s.Minutes.Single(b => b.Time == open);
            var gap = Math.Abs(openBar.Open - previousClose) / previousClose * 100m;
            Assert.That(gap, Is.InRange(10m, 80m), $"{plan.Symbol} gap");
            Assert.That(plan.NewsAt, Is.LessThan(open), "the news comes before the move");

            var averageMinute = s.PriorDaily[^20..].Average(b => (double)b.Volume) / 390;
            var first30 = s.Minutes.Where(b => b.Time >= open && b.Time < open.AddMinutes(30)).Sum(b => (double)b.Volume) / 30;
            Assert.That(first30 / averageMinute, Is.InRange(5.0, 50.0), $"{plan.Symbol} relative volume");
            var preMarket = s.Minutes.Where(b => b.Time >= plan.NewsAt && b.Time < open).Sum(b => (double)b.Volume);
            Assert.That(preMarket, Is.GreaterThan(averageMinute * 30), $"{plan.Symbol} pre-market volume after the news");
        }
    }

    [Test]
    public void Catalyst_day_share_zero_gives_no_catalysts()
    {
        Assert.That(MarketGenerator.Generate(42, Date, 100, 0.0).Catalysts, Is.Empty);
    }

    [Test]
    public void Runners_make_a_new_high_after_the_first_half_hour_and_faders_close_below_the_open()
    {
        var found = 0;
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var day = MarketGenerator.Generate(seed, Date, 100, 1.0);
            var open = MarketTime.AtEastern(Date, new TimeOnly(9, 30));
            foreach (var plan in day.Catalysts)
            {
                var regular = day.Find(plan.Symbol)!.Minutes.Where(b => b.Time >= open && b.Time < open.AddMinutes(390)).ToList();
                if (plan.Pattern == CatalystPattern.Fade)
                {
                    Assert.That(regular[^1].Close, Is.LessThan(regular[0].Open), $"{plan.Symbol} fades");
                }
                else
                {
                    var earlyHigh = regular.Where(b => b.Time < open.AddMinutes(20)).Max(b => b.High);
                    Assert.That(regular.Max(b => b.High), Is.GreaterThan(earlyHigh), $"{plan.Symbol} breaks out");
                }
                found++;
            }
        }
        Assert.That(found, Is.GreaterThan(30));
    }

    [Test]
    public void A_half_day_ends_the_regular_session_at_13_00()
    {
        var christmasEve = new DateOnly(2026, 12, 24);
        var day = MarketGenerator.Generate(42, christmasEve, 50, 1.0);
        Assert.That(day.Catalysts, Is.Not.Empty);
        Assert.That(day.Symbols.All(s => s.Minutes.Length > 0), Is.True);
    }
}
