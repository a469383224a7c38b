using System.Net;
using System.Text.Json;
using Catalyst.Modules.News.Contracts;
using Catalyst.Modules.News.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Catalyst.Modules.News.Tests;

/// <summary>Ingestion, dedupe, events and the §5.5 endpoints on the real Host, Postgres and Redis, with a fake newswire.</summary>
[NonParallelizable]
public sealed class NewsApiTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 27, 13, 0, 0, TimeSpan.Zero);
    private readonly FakeNewsPort _port = new();
    private readonly List<string> _published = [];
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private ConnectionMultiplexer _redis = null!;
    private int _firstIngest;
    private int _secondIngest;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _port.Articles.AddRange(
        [
            Article("a-1", "Tesla Q3 earnings beat expectations, shares surge", "Reuters", Now.AddHours(-1), "TSLA", "NVDA"),
            Article("a-2", "Apple stock falls after downgrade, price target cut", "Benzinga", Now.AddHours(-2), "AAPL"),
            Article("a-3", "Markets open mixed as investors wait", "Some Blog", Now.AddHours(-3), "SPY"),
            Article("a-4", "Old news: Ford to acquire startup", "Reuters", Now.AddHours(-40), "F"),
            Article("a-5", "No symbols here", "Reuters", Now.AddHours(-1)),
        ]);
        _app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:News:IngestionEnabled"] = "false";
            o.Clock = new FakeTimeProvider(Now);
            o.ConfigureServices = s =>
            {
                s.RemoveAll<INewsPort>();
                s.AddSingleton<INewsPort>(_port);
            };
        });
        // The shared template may predate a module's latest migration; applying them here is idempotent.
        foreach (var db in _app.Services.GetServices<IModuleDatabase>())
            await db.MigrateAsync(CancellationToken.None);
        _client = _app.CreateApiClient();

        _redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(_app.Database.Name + ":" + NewCatalystDetected.ChannelName),
            (_, message) => { lock (_published) _published.Add(message.ToString()); });

        _firstIngest = await SendAsync(new IngestNews(Now.AddHours(-48)));
        _secondIngest = await SendAsync(new IngestNews(Now.AddHours(-48)));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _redis.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Ingestion_stores_one_row_per_article_and_symbol_and_dedupes_by_source_id()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var rows = await db.NewsSentiment.AsNoTracking().ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(_firstIngest, Is.EqualTo(5), "a-1 × 2 symbols, a-2, a-3, a-4; a-5 has no symbol");
            Assert.That(_secondIngest, Is.Zero);
            Assert.That(rows, Has.Count.EqualTo(5));
            Assert.That(rows.Select(r => (r.SourceArticleId, r.SecurityId)).Distinct().Count(), Is.EqualTo(5));
            Assert.That(rows.Single(r => r.SourceArticleId == "a-2").CatalystType, Is.EqualTo(CatalystTypes.AnalystDowngrade));
        });
    }

    [Test]
    public async Task Strong_news_becomes_catalyst_events_and_is_published_on_redis()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var events = await db.CatalystEvents.AsNoTracking().ToListAsync();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            lock (_published) if (_published.Count >= events.Count) break;
            await Task.Delay(50);
        }
        List<string> messages;
        lock (_published) messages = [.. _published];
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.CatalystType), Does.Contain(CatalystTypes.Earnings));
            Assert.That(events.All(e => e.CatalystStrength >= 0.5), Is.True);
            Assert.That(messages, Has.Count.EqualTo(events.Count));
            Assert.That(messages, Has.Some.Contains("\"symbol\":\"TSLA\"").And.Some.Contains("\"catalyst_type\":\"earnings\""));
        });
    }

    [Test]
    public async Task Recent_news_returns_the_wire_shape_for_the_requested_symbols()
    {
        using var response = await _client.GetAsync("/api/v1/news/recent?symbols=tsla,AAPL&hours=24&min_sentiment=-1");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var items = root.GetProperty("news_items").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("news_count").GetInt32(), Is.EqualTo(2));
            Assert.That(items.Select(i => i.GetProperty("symbol").GetString()), Is.EquivalentTo(new[] { "TSLA", "AAPL" }));
            var tsla = items.Single(i => i.GetProperty("symbol").GetString() == "TSLA");
            Assert.That(tsla.GetProperty("headline").GetString(), Does.Contain("Tesla"));
            Assert.That(tsla.GetProperty("catalyst_type").GetString(), Is.EqualTo("earnings"));
            Assert.That(tsla.GetProperty("source").GetString(), Is.EqualTo("Reuters"));
            Assert.That(tsla.GetProperty("url").GetString(), Does.StartWith("https://"));
            Assert.That(tsla.GetProperty("sentiment_label").GetString(), Is.AnyOf("positive", "negative", "neutral"));
            Assert.That(tsla.TryGetProperty("news_id", out _) && tsla.TryGetProperty("published_at", out _)
                        && tsla.TryGetProperty("sentiment_score", out _) && tsla.TryGetProperty("catalyst_strength", out _), Is.True);
        });
    }

    [Test]
    public async Task Recent_news_defaults_filter_by_window_and_sentiment()
    {
        var all = await GetJsonAsync("/api/v1/news/recent?min_sentiment=-1&hours=168");
        var defaults = await GetJsonAsync("/api/v1/news/recent");
        Assert.Multiple(() =>
        {
            Assert.That(all.GetProperty("news_count").GetInt32(), Is.EqualTo(5));
            Assert.That(defaults.GetProperty("news_items").EnumerateArray()
                .All(i => i.GetProperty("sentiment_score").GetDouble() >= 0.5), Is.True);
            Assert.That(defaults.GetProperty("news_items").EnumerateArray()
                .Any(i => i.GetProperty("symbol").GetString() == "F"), Is.False, "40 hours old, outside the default 24");
        });
    }

    [Test]
    public async Task Catalyst_scan_groups_by_symbol_with_the_strongest_catalyst()
    {
        var scan = await GetJsonAsync("/api/v1/news/catalyst-scan?min_catalyst_strength=0.5&hours=12&limit=1");
        var catalysts = scan.GetProperty("catalysts").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(scan.GetProperty("symbols_with_catalysts").GetInt32(), Is.GreaterThanOrEqualTo(2));
            Assert.That(catalysts, Has.Count.EqualTo(1));
            var strongest = catalysts[0].GetProperty("strongest_catalyst");
            Assert.That(catalysts[0].GetProperty("catalyst_count").GetInt32(), Is.EqualTo(1));
            Assert.That(strongest.GetProperty("catalyst_strength").GetDouble(), Is.GreaterThanOrEqualTo(0.5));
            Assert.That(strongest.TryGetProperty("headline", out _) && strongest.TryGetProperty("catalyst_type", out _)
                        && strongest.TryGetProperty("sentiment_score", out _), Is.True);
        });
    }

    [TestCase("/api/v1/news/recent?hours=0", "hours")]
    [TestCase("/api/v1/news/recent?hours=169", "hours")]
    [TestCase("/api/v1/news/recent?hours=abc", "hours")]
    [TestCase("/api/v1/news/recent?min_sentiment=1.5", "min_sentiment")]
    [TestCase("/api/v1/news/recent?symbols=TSLA,not%20a%20symbol", "symbols")]
    [TestCase("/api/v1/news/catalyst-scan?min_catalyst_strength=1.2", "min_catalyst_strength")]
    [TestCase("/api/v1/news/catalyst-scan?hours=200", "hours")]
    [TestCase("/api/v1/news/catalyst-scan?limit=0", "limit")]
    [TestCase("/api/v1/news/catalyst-scan?limit=201", "limit")]
    public async Task Out_of_range_parameters_are_a_400_naming_the_parameter(string url, string field)
    {
        using var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(body, Does.Contain(field));
        });
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    private static NewsArticle Article(string id, string headline, string source, DateTimeOffset created, params string[] symbols) =>
        new(id, headline, string.Empty, source, $"https://news.example/{id}", symbols.Select(s => Symbol.Parse(s)).ToList(),
            created, created);

    private sealed class FakeNewsPort : INewsPort
    {
        public List<NewsArticle> Articles { get; } = [];

        public Task<IReadOnlyList<NewsArticle>> GetNewsAsync(DateTimeOffset since, IReadOnlyCollection<Symbol> symbols, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<NewsArticle>>(Articles.Where(a => a.CreatedAt >= since).OrderBy(a => a.CreatedAt).ToList());

        public async IAsyncEnumerable<NewsArticle> StreamNewsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
