using System.Net;
using System.Text.Json;
using Catalyst.Modules.Scanner.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Catalyst.Modules.Scanner.Tests.ScannerTestKit;

namespace Catalyst.Modules.Scanner.Tests;

/// <summary>The Scanner's REST surface on the real Host: criteria, validation, 404s before the first scan, the 409 gate.</summary>
[NonParallelizable]
public sealed class ScannerApiTests
{
    private static readonly DateOnly Date = new(2026, 3, 10);
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private DoorMarketData _door = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:Date"] = Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            o.ConfigureServices = s =>
            {
                s.RemoveAll<IMarketDataPort>();
                s.AddSingleton(sp => new DoorMarketData(sp.GetRequiredService<SimulationSession>().MarketData));
                s.AddSingleton<IMarketDataPort>(sp => sp.GetRequiredService<DoorMarketData>());
            };
        });
        await MigrateAsync(_app);
        _client = _app.CreateApiClient();
        _door = _app.Services.GetRequiredService<DoorMarketData>();
        await _app.Services.GetRequiredService<SimulationSession>().RunUntilAsync(MarketTime.AtEastern(Date, new TimeOnly(9, 40)));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _door.Open();
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task Before_any_scan_the_result_routes_answer_404_in_the_envelope()
    {
        foreach (var path in new[] { "/api/v1/scan/latest", "/api/v1/candidates", "/api/v1/candidates/active",
                     "/api/v1/scan/candidates/TSLA", $"/api/v1/scan/{Guid.NewGuid()}" })
        {
            var (status, body) = await SendAsync(_client, HttpMethod.Get, path);
            Assert.Multiple(() =>
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound), path);
                Assert.That(body.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("NOT_FOUND"), path);
            });
        }
    }

    [Test, Order(2)]
    public async Task The_default_criteria_are_served_with_every_field()
    {
        var (status, body) = await SendAsync(_client, HttpMethod.Get, "/api/v1/scan/criteria");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("min_price").GetDecimal(), Is.EqualTo(1m));
            Assert.That(body.GetProperty("max_price").GetDecimal(), Is.EqualTo(500m));
            Assert.That(body.GetProperty("min_volume").GetInt64(), Is.EqualTo(1_000_000));
            Assert.That(body.GetProperty("min_relative_volume").GetDecimal(), Is.EqualTo(5m));
            Assert.That(body.GetProperty("min_gap_pct").GetDecimal(), Is.EqualTo(10m));
            Assert.That(body.GetProperty("news_required").GetBoolean(), Is.True);
            Assert.That(body.GetProperty("min_catalyst_strength").GetDecimal(), Is.EqualTo(0.3m), "Simulation's default");
            Assert.That(body.GetProperty("min_pattern_score").GetDecimal(), Is.EqualTo(0.25m));
            Assert.That(body.GetProperty("universe_size").GetInt32(), Is.EqualTo(100));
            Assert.That(body.GetProperty("weights").GetProperty("technical").GetDecimal(), Is.EqualTo(0.4m));
        });
    }

    [TestCase("""{"min_price": 30, "max_price": 20}""", "min_price")]
    [TestCase("""{"max_price": 0.5}""", "max_price")]
    [TestCase("""{"min_volume": -100}""", "min_volume")]
    [TestCase("""{"min_volume": "lots"}""", "min_volume")]
    [TestCase("""{"news_required": "yes"}""", "news_required")]
    [TestCase("""{"universe_size": 1000}""", "universe_size")]
    [TestCase("""{"weights": {"catalyst": 0.5, "technical": 0.5, "pattern": 0.5}}""", "weights")]
    [TestCase("""{"min_catalyst_strength": 1.2}""", "min_catalyst_strength")]
    [TestCase("""[1, 2]""", "body")]
    [TestCase("""{"min_price": }""", "min_price")]
    public async Task Bad_criteria_are_a_400_naming_the_field_and_change_nothing(string json, string field)
    {
        var before = await CriteriaRowsAsync();
        var (status, body) = await SendAsync(_client, HttpMethod.Put, "/api/v1/scan/criteria", json);
        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), json);
            Assert.That(body.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("VALIDATION_FAILED"));
            Assert.That(ErrorField(body), Is.EqualTo(field), json);
            Assert.That(await CriteriaRowsAsync(), Is.EqualTo(before));
        });
    }

    [Test, Order(3)]
    public async Task A_put_changes_the_given_fields_ignores_unknown_ones_and_keeps_history()
    {
        var before = await CriteriaRowsAsync();
        var (status, body) = await SendAsync(_client, HttpMethod.Put, "/api/v1/scan/criteria",
            """{"min_price": 2.5, "catalyst_required": true, "favourite_colour": "green", "min_gap_pct": 8}""");
        var (_, read) = await SendAsync(_client, HttpMethod.Get, "/api/v1/scan/criteria");
        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("min_price").GetDecimal(), Is.EqualTo(2.5m));
            Assert.That(body.GetProperty("min_gap_pct").GetDecimal(), Is.EqualTo(8m));
            Assert.That(body.GetProperty("max_price").GetDecimal(), Is.EqualTo(500m), "untouched");
            Assert.That(body.GetProperty("updated_by").GetString(), Is.EqualTo(CatalystApp.ApiKeyName));
            Assert.That(body.TryGetProperty("favourite_colour", out _), Is.False);
            Assert.That(read.GetProperty("min_price").GetDecimal(), Is.EqualTo(2.5m));
            Assert.That(await CriteriaRowsAsync(), Is.EqualTo(before + 1));
        });

        // Back to the defaults for the other tests.
        (status, _) = await SendAsync(_client, HttpMethod.Put, "/api/v1/scan/criteria", """{"min_price": 1, "min_gap_pct": 10}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/api/v1/scan/latest?top_n=0", "top_n")]
    [TestCase("/api/v1/scan/latest?top_n=21", "top_n")]
    [TestCase("/api/v1/scan/latest?top_n=five", "top_n")]
    [TestCase("/api/v1/scan/latest?cycle_id=nope", "cycle_id")]
    [TestCase("/api/v1/scan/not-a-uuid", "cycle_id")]
    [TestCase("/api/v1/scan/candidates/not%20a%20symbol", "symbol")]
    public async Task Bad_query_and_route_values_are_a_400_naming_the_field(string path, string field)
    {
        var (status, body) = await SendAsync(_client, HttpMethod.Get, path);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), path);
            Assert.That(ErrorField(body), Is.EqualTo(field), path);
        });
    }

    [TestCase("""{"cycle_id": "not-a-uuid"}""", "cycle_id")]
    [TestCase("""{"universe_size": 3}""", "universe_size")]
    [TestCase("""{"filters": {"min_price": 50, "max_price": 10}}""", "filters.min_price")]
    [TestCase("""{"filters": {"min_volume": -1}}""", "filters.min_volume")]
    public async Task A_bad_scan_request_is_a_400_and_stores_no_scan(string json, string field)
    {
        var before = await ScanCountAsync();
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/api/v1/scan/start", json);
        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), json);
            Assert.That(ErrorField(body), Is.EqualTo(field), json);
            Assert.That(await ScanCountAsync(), Is.EqualTo(before));
        });
    }

    [Test, Order(10)]
    public async Task A_second_scan_while_one_runs_is_a_409_and_the_first_completes()
    {
        var cycle = Guid.NewGuid();
        _door.Close();
        var first = SendAsync(_client, HttpMethod.Post, "/api/v1/scan/start", $$"""{"cycle_id": "{{cycle}}"}""");
        await _door.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/api/v1/scan/start");
        _door.Open();
        var (firstStatus, firstBody) = await first.WaitAsync(TimeSpan.FromSeconds(60));
        var (thirdStatus, _) = await SendAsync(_client, HttpMethod.Post, "/api/v1/scan/start");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(body.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("SCAN_IN_PROGRESS"));
            Assert.That(body.GetProperty("error").GetProperty("details").GetProperty("scan_id").GetString(),
                Is.EqualTo(firstBody.GetProperty("scan_id").GetString()), "the 409 names the scan that is running");
            Assert.That(firstStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(firstBody.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(firstBody.GetProperty("cycle_id").GetString(), Is.EqualTo(cycle.ToString()));
            Assert.That(thirdStatus, Is.EqualTo(HttpStatusCode.OK), "the gate opens again after a scan");
        });
    }

    [Test, Order(11)]
    public async Task A_scan_is_found_by_its_id_and_by_its_cycle_id()
    {
        var cycle = Guid.NewGuid();
        var (_, started) = await SendAsync(_client, HttpMethod.Post, "/api/v1/scan/start", $$"""{"cycle_id": "{{cycle}}"}""");
        var scanId = started.GetProperty("scan_id").GetString();
        await SendAsync(_client, HttpMethod.Post, "/api/v1/scan/start"); // a later scan outside the cycle

        var (byIdStatus, byId) = await SendAsync(_client, HttpMethod.Get, $"/api/v1/scan/{scanId}");
        var (byCycleStatus, byCycle) = await SendAsync(_client, HttpMethod.Get, $"/api/v1/scan/{cycle}");
        var (latestStatus, latestOfCycle) = await SendAsync(_client, HttpMethod.Get, $"/api/v1/scan/latest?cycle_id={cycle}");
        var (_, latest) = await SendAsync(_client, HttpMethod.Get, "/api/v1/scan/latest");
        Assert.Multiple(() =>
        {
            Assert.That(byIdStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(byId.GetProperty("scan_id").GetString(), Is.EqualTo(scanId));
            Assert.That(byCycleStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(byCycle.GetProperty("scan_id").GetString(), Is.EqualTo(scanId));
            Assert.That(latestStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(latestOfCycle.GetProperty("scan_id").GetString(), Is.EqualTo(scanId));
            Assert.That(latest.GetProperty("scan_id").GetString(), Is.Not.EqualTo(scanId), "the later scan is the latest");
        });
    }

    [Test, Order(12)]
    public async Task Overrides_in_the_scan_request_apply_to_that_scan_only()
    {
        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/api/v1/scan/start",
            """{"universe_size": 20, "filters": {"news_required": false, "min_gap_pct": -100, "min_relative_volume": 0, "min_volume": 0, "min_technical_score": 0, "min_pattern_score": 0}}""");
        var (_, criteria) = await SendAsync(_client, HttpMethod.Get, "/api/v1/scan/criteria");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("universe_size").GetInt32(), Is.EqualTo(20));
            Assert.That(body.GetProperty("funnel_counts").GetProperty("universe").GetInt32(), Is.EqualTo(20));
            Assert.That(body.GetProperty("criteria").GetProperty("news_required").GetBoolean(), Is.False);
            Assert.That(body.GetProperty("funnel_counts").GetProperty("catalyst").GetInt32(), Is.EqualTo(20),
                "without news required every symbol passes the catalyst filter");
            Assert.That(criteria.GetProperty("news_required").GetBoolean(), Is.True, "the stored criteria are unchanged");
            Assert.That(criteria.GetProperty("universe_size").GetInt32(), Is.EqualTo(100));
        });
    }

    private async Task<int> CriteriaRowsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScannerDbContext>().Criteria.CountAsync();
    }

    private async Task<int> ScanCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScannerDbContext>().Scans.CountAsync();
    }
}
