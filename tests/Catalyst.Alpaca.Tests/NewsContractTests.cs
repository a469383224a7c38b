using Catalyst.Alpaca.Tests.Support;
using Catalyst.SharedKernel.Domain;

namespace Catalyst.Alpaca.Tests;

[TestFixture]
internal sealed class NewsContractTests
{
    private AlpacaFake fake = null!;

    [SetUp]
    public void SetUp() => fake = new AlpacaFake();

    [TearDown]
    public void TearDown() => fake.Dispose();

    [Test]
    public async Task News_pages_ascending_from_start_for_the_symbols_and_maps_articles()
    {
        const string token = "MTY0MDk0ODkyMzAwMDAwMDAwMHwyNDg0MzE3MQ==";
        fake.Answer("GET", "/v1beta1/news", 200, Reference.Example("news.response.json"), priority: 20);
        fake.Answer("GET", "/v1beta1/news", 200, """
            {"news":[{"id":24843200,"headline":"Second page","author":"A","created_at":"2021-12-31T12:00:00Z","updated_at":"2021-12-31T12:00:01Z",
                      "summary":"s","content":"","url":null,"images":[],"symbols":["AAPL","BTCUSD"],"source":"benzinga"}],
             "next_page_token":null}
            """, match: r => r.WithParam("page_token", token), priority: 1);
        var since = new DateTimeOffset(2021, 12, 31, 0, 0, 0, TimeSpan.Zero);

        var news = await fake.News().GetNewsAsync(since, [Symbol.Parse("AAPL")], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(news.Select(n => n.Id), Is.EqualTo(new[] { "24843171", "24843200" }));
            Assert.That(news[0].Source, Is.EqualTo("benzinga"));
            Assert.That(news[0].Url, Does.StartWith("https://www.benzinga.com/"));
            Assert.That(news[0].Symbols.Select(s => s.Value), Is.EqualTo(new[] { "AAPL" }));
            Assert.That(news[0].CreatedAt, Is.EqualTo(new DateTimeOffset(2021, 12, 31, 11, 8, 42, TimeSpan.Zero)));
            Assert.That(news[1].Url, Is.Null);
        });
        var calls = fake.Requests.Where(r => r.Path == "/v1beta1/news").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(calls, Has.Count.EqualTo(2));
            Assert.That(AlpacaFake.Query(calls[0], "start"), Is.EqualTo("2021-12-31T00:00:00Z"));
            Assert.That(AlpacaFake.Query(calls[0], "symbols"), Is.EqualTo("AAPL"));
            Assert.That(AlpacaFake.Query(calls[0], "limit"), Is.EqualTo("50"));
            Assert.That(AlpacaFake.Query(calls[0], "sort"), Is.EqualTo("asc"));
            Assert.That(AlpacaFake.Query(calls[1], "page_token"), Is.EqualTo(token));
        });
    }
}
