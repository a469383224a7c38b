using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalyst.Modules.Technical.Persistence;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Catalyst.Modules.Technical.Tests;

/// <summary>REST against the real Host, Postgres and Redis, with the market port replaced by default.csv for "SPY".</summary>
[NonParallelizable]
public sealed class IndicatorApiTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private FakeTimeProvider _clock = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var spy = TestData.Quotes("default.csv").Select(b => new Bar(b.Time, (decimal)b.Open, (decimal)b.High, (decimal)b.Low,
            (decimal)b.Close, (long)b.Volume)).ToList();
        _clock = new FakeTimeProvider(new DateTimeOffset(2019, 1, 2, 15, 0, 0, TimeSpan.Zero));
        _app = await CatalystApp.StartAsync(o =>
        {
            o.Clock = _clock;
            o.ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<IMarketDataPort>(
                new FixedBarsMarketData(new() { ["SPY"] = spy })));
        });
        // The shared template may predate this module's latest migration.
        foreach (var db in _app.Services.GetServices<IModuleDatabase>().Where(d => d.Module == TechnicalModule.Name))
            await db.MigrateAsync(CancellationToken.None);
        _client = _app.CreateApiClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task Analyze_returns_the_seed_technical_shape_and_stores_a_snapshot()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/indicators/analyze", new { symbol = "spy", timeframe = "1Day" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        foreach (var field in new[] { "price", "sma_20", "sma_50", "rsi_14", "atr_14", "support", "resistance", "sma_200",
                     "ema_9", "ema_21", "macd", "bollinger", "obv", "volume_ratio", "vwap", "levels", "technical_score",
                     "timeframe", "computed_at" })
            Assert.That(root.TryGetProperty(field, out _), Is.True, field);
        Assert.That(root.GetProperty("symbol").GetString(), Is.EqualTo("SPY"));
        Assert.That(root.GetProperty("timeframe").GetString(), Is.EqualTo("1Day"));
        Assert.That(root.GetProperty("price").GetDecimal(), Is.EqualTo(245.28m), "the last close of default.csv");
        // SMA depends only on its window, so the reference value holds on the 300 fetched days: 251.8600 at 2018-12-31.
        Assert.That(root.GetProperty("sma_20").GetDouble(), Is.EqualTo(251.86).Within(1e-4));
        Assert.That(root.GetProperty("rsi_14").GetDouble(), Is.InRange(0, 100));
        Assert.That(root.GetProperty("macd").TryGetProperty("histogram", out _), Is.True);
        Assert.That(root.GetProperty("bollinger").GetProperty("middle").GetDouble(), Is.EqualTo(251.86).Within(1e-4));
        Assert.That(root.GetProperty("support").GetDouble(), Is.LessThanOrEqualTo(245.28));
        Assert.That(root.GetProperty("technical_score").GetDouble(), Is.InRange(0, 1));

        await using var scope = _app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TechnicalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var row = await db.Indicators.Include(x => x.Levels).SingleAsync();
        Assert.That(row.Timeframe, Is.EqualTo("1Day"));
        Assert.That(row.BarCount, Is.EqualTo(300));
        Assert.That(row.Sma20, Is.EqualTo(251.86m));
        Assert.That(row.Levels, Has.Count.EqualTo(root.GetProperty("levels").GetArrayLength()));
    }

    [Test, Order(2)]
    public async Task Get_latest_serves_the_fresh_snapshot_then_recomputes_after_five_minutes()
    {
        var first = await _client.GetFromJsonAsync<JsonElement>("/api/v1/indicators/SPY?timeframe=1Day");
        var second = await _client.GetFromJsonAsync<JsonElement>("/api/v1/indicators/SPY?timeframe=1Day");
        Assert.That(second.GetProperty("computed_at").GetString(), Is.EqualTo(first.GetProperty("computed_at").GetString()));

        _clock.Advance(TimeSpan.FromMinutes(6));
        var third = await _client.GetFromJsonAsync<JsonElement>("/api/v1/indicators/SPY?timeframe=1Day");
        Assert.That(third.GetProperty("computed_at").GetDateTimeOffset(), Is.EqualTo(_clock.GetUtcNow()));
        Assert.That(third.GetProperty("sma_20").GetDouble(), Is.EqualTo(251.86).Within(1e-4));
    }

    [TestCase("""{"symbol":"12$","timeframe":"1Day"}""", "symbol")]
    [TestCase("""{"timeframe":"1Day"}""", "symbol")]
    [TestCase("""{"symbol":"SPY","timeframe":"2Hour"}""", "timeframe")]
    public async Task Analyze_bad_input_is_400_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync("/api/v1/indicators/analyze",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await AssertBadRequest(response, field);
    }

    [TestCase("/api/v1/indicators/bad$sym?timeframe=1Day", "symbol")]
    [TestCase("/api/v1/indicators/SPY?timeframe=weekly", "timeframe")]
    public async Task Get_bad_input_is_400_naming_the_field(string url, string field) =>
        await AssertBadRequest(await _client.GetAsync(url), field);

    [Test]
    public async Task A_symbol_without_bars_is_404()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/indicators/analyze", new { symbol = "NOPE", timeframe = "5Min" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static async Task AssertBadRequest(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        using var json = JsonDocument.Parse(text);
        Assert.That(json.RootElement.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo(field));
    }
}
