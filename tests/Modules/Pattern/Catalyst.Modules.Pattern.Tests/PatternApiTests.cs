using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalyst.Modules.Pattern.Persistence;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Catalyst.Modules.Pattern.Tests;

/// <summary>REST against the real Host and Postgres; the market port serves the synthetic bull flag as "FLAG".</summary>
[NonParallelizable]
public sealed class PatternApiTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var flag = DetectorTests.BullFlag();
        _app = await CatalystApp.StartAsync(o =>
        {
            o.Clock = new FakeTimeProvider(flag[^1].Time.AddMinutes(1));
            o.ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<IMarketDataPort>(
                new FixedBarsMarketData(new() { ["FLAG"] = flag })));
        });
        // The shared template may predate this module's latest migration.
        foreach (var db in _app.Services.GetServices<IModuleDatabase>().Where(d => d.Module == PatternModule.Name))
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
    public async Task Detect_returns_the_seed_pattern_object_and_stores_the_detections()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/patterns/detect", new { symbol = "flag", timeframe = "1Min" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var json = JsonDocument.Parse(text);
        var pattern = json.RootElement.GetProperty("pattern");
        Assert.That(pattern.GetProperty("type").GetString(), Is.EqualTo("bull_flag"));
        var confidence = pattern.GetProperty("confidence").GetDouble();
        Assert.That(confidence, Is.InRange(0.7, 1));
        Assert.That(pattern.GetProperty("entry").GetDecimal(), Is.EqualTo(105.85m));
        // The most confident flag window among the last bars wins; its low is one of the flag's lows.
        Assert.That(pattern.GetProperty("stop").GetDecimal(), Is.InRange(104.95m, 105.25m));
        Assert.That(pattern.GetProperty("target").GetDecimal(), Is.GreaterThan(105.85m));
        Assert.That(json.RootElement.GetProperty("pattern_score").GetDouble(), Is.EqualTo(confidence).Within(1e-4));
        var detections = json.RootElement.GetProperty("detections");
        Assert.That(detections.GetArrayLength(), Is.GreaterThanOrEqualTo(1));
        var first = detections[0];
        foreach (var field in new[] { "type", "confidence", "entry", "target", "stop", "start_time", "end_time", "start_index",
                     "end_index", "volume_confirmed", "metadata" })
            Assert.That(first.TryGetProperty(field, out _), Is.True, field);

        await using var scope = _app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PatternDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var rows = await db.Detections.ToListAsync();
        Assert.That(rows, Has.Count.EqualTo(detections.GetArrayLength()));
        Assert.That(rows.Count(r => r.IsBest), Is.EqualTo(1));
        Assert.That(rows.Single(r => r.IsBest).Metadata, Does.Contain("pole_height"));
    }

    [Test, Order(2)]
    public async Task Get_returns_the_latest_run()
    {
        var latest = await _client.GetFromJsonAsync<JsonElement>("/api/v1/patterns/FLAG");
        Assert.That(latest.GetProperty("pattern").GetProperty("type").GetString(), Is.EqualTo("bull_flag"));
        Assert.That(latest.GetProperty("pattern").GetProperty("entry").GetDecimal(), Is.EqualTo(105.85m));
        Assert.That(latest.GetProperty("detections").GetArrayLength(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task Get_for_a_symbol_never_detected_is_404()
    {
        var response = await _client.GetAsync("/api/v1/patterns/NEVER");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("""{"symbol":"9bad","timeframe":"1Min"}""", "symbol")]
    [TestCase("""{"symbol":"FLAG","timeframe":"15Min"}""", "timeframe")]
    public async Task Detect_bad_input_is_400_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync("/api/v1/patterns/detect",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        using var json = JsonDocument.Parse(text);
        Assert.That(json.RootElement.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo(field));
    }

    [Test]
    public async Task Get_with_a_bad_symbol_is_400()
    {
        var response = await _client.GetAsync("/api/v1/patterns/bad$");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
