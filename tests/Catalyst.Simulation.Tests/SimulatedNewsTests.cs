using Catalyst.Simulation.Clock;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Tests;

public sealed class SimulatedNewsTests
{
    private static readonly DateOnly Date = new(2026, 3, 10);

    private static DateTimeOffset Et(int hour, int minute) => MarketTime.AtEastern(Date, new TimeOnly(hour, minute));

    [Test]
    public async Task Only_articles_published_by_now_are_returned()
    {
        using var session = SimulationSession.Create(new SimulationOptions { Date = Date });
        var all = session.NewsWire.Articles;
        Assert.That(all.Any(a => a.CreatedAt > Et(7, 55)), Is.True);

        var early = await session.News.GetNewsAsync(Et(0, 0), [], CancellationToken.None);
        Assert.That(early.All(a => a.CreatedAt <= Et(7, 55)), Is.True);

        await session.RunUntilAsync(Et(11, 0));
        var later = await session.News.GetNewsAsync(Et(0, 0), [], CancellationToken.None);
        Assert.That(later.All(a => a.CreatedAt <= Et(11, 0)), Is.True);
        Assert.That(later, Has.Count.EqualTo(all.Count(a => a.CreatedAt <= Et(11, 0))));
        Assert.That(later.Select(a => a.CreatedAt), Is.Ordered);
    }

    [Test]
    public async Task Every_catalyst_has_its_story_before_the_open_and_a_symbol_filter_works()
    {
        using var session = SimulationSession.Create(new SimulationOptions { Date = Date });
        await session.RunUntilAsync(Et(9, 30));
        foreach (var plan in session.Day.Catalysts)
        {
            var news = await session.News.GetNewsAsync(Et(0, 0), [plan.Symbol], CancellationToken.None);
            Assert.That(news, Is.Not.Empty, plan.Symbol.Value);
            Assert.That(news.All(a => a.Symbols.Contains(plan.Symbol)), Is.True);
            Assert.That(news[0].CreatedAt, Is.EqualTo(plan.NewsAt));
            Assert.That(news[0].Headline, Does.Contain(plan.Symbol.Value));
        }
        var sources = session.NewsWire.Articles.Select(a => a.Source).Distinct().ToList();
        Assert.That(sources, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(session.NewsWire.Articles.Any(a => a.Symbols.Count == 0), Is.True, "market-wide headlines");
    }

    [Test]
    public void News_is_deterministic_with_ids_by_date_and_order()
    {
        using var a = SimulationSession.Create(new SimulationOptions { Date = Date, Seed = 9 });
        using var b = SimulationSession.Create(new SimulationOptions { Date = Date, Seed = 9 });
        Assert.That(a.NewsWire.Articles.Select(x => (x.Id, x.Headline, x.CreatedAt, x.Source)),
            Is.EqualTo(b.NewsWire.Articles.Select(x => (x.Id, x.Headline, x.CreatedAt, x.Source))));
        Assert.That(a.NewsWire.Articles[0].Id, Is.EqualTo("sim-20260310-1"));
        Assert.That(a.NewsWire.Articles.Select(x => x.Id).Distinct().Count(), Is.EqualTo(a.NewsWire.Articles.Count));
        Assert.That(a.NewsWire.Articles.All(x => !x.Headline.Contains('{', StringComparison.Ordinal)), Is.True, "templates filled");
    }

    [Test]
    public async Task The_news_stream_delivers_articles_as_they_are_published()
    {
        using var session = SimulationSession.Create(new SimulationOptions { Date = Date });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var expected = session.NewsWire.Articles.Where(a => a.CreatedAt > Et(7, 55) && a.CreatedAt <= Et(10, 0)).ToList();
        Assert.That(expected, Is.Not.Empty);
        var received = new List<string>();
        var reading = Task.Run(async () =>
        {
            await foreach (var article in session.News.StreamNewsAsync(cts.Token))
            {
                received.Add(article.Id);
                if (received.Count == expected.Count) break;
            }
        }, cts.Token);
        await Task.Delay(200, cts.Token);
        await session.RunUntilAsync(Et(10, 0));
        await reading;
        Assert.That(received, Is.EqualTo(expected.Select(a => a.Id)));
    }
}
