using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalyst.Testing;

namespace Catalyst.Backtesting.Tests;

/// <summary>POST/GET /api/v1/backtests on the real Host: a background job with progress, 400s naming the problem.</summary>
[NonParallelizable]
public sealed class RestTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private string _reports = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _reports = Path.Combine(Path.GetTempPath(), "catalyst-bt-rest-" + Guid.NewGuid().ToString("N")[..8]);
        _app = await CatalystApp.StartAsync(o => o.Settings["Catalyst:Backtest:OutputDirectory"] = _reports);
        _client = _app.CreateApiClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        if (Directory.Exists(_reports)) Directory.Delete(_reports, recursive: true);
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string field, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error");
        Assert.That(error.GetProperty("details").GetProperty("field").GetString(), Is.EqualTo(field), body);
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(message), body);
    }

    [Test]
    public async Task A_range_that_ends_before_it_starts_is_a_400_naming_end_date()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/backtests", new { start_date = "2026-11-27", end_date = "2026-11-02" });
        await AssertBadRequestAsync(response, "end_date", "before start_date");
    }

    [Test]
    public async Task A_missing_data_folder_is_a_400_naming_data_dir()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/backtests", new { data_dir = "/no/such/folder" });
        await AssertBadRequestAsync(response, "data_dir", "does not exist");
    }

    [Test]
    public async Task A_range_of_holidays_and_weekends_is_a_400()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/backtests", new { start_date = "2026-12-25", end_date = "2026-12-27" });
        await AssertBadRequestAsync(response, "start_date", "no NYSE trading day");
    }

    [Test]
    public async Task Unknown_and_malformed_ids_are_404_and_400()
    {
        using var unknown = await _client.GetAsync($"/api/v1/backtests/{Guid.NewGuid()}");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var malformed = await _client.GetAsync("/api/v1/backtests/not-an-id");
        await AssertBadRequestAsync(malformed, "id", "not a backtest id");
    }

    [Test]
    public async Task A_queued_backtest_runs_in_the_background_and_its_result_and_report_are_served()
    {
        using var post = await _client.PostAsJsonAsync("/api/v1/backtests",
            new { data_dir = BacktestHarness.LeanFolder, start_date = "2014-06-06", end_date = "2014-06-09", symbols = new[] { "AAPL" } });
        var created = await post.Content.ReadAsStringAsync();
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), created);
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString();
        Assert.That(post.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/backtests/{id}"));

        JsonElement job = default;
        var seen = new HashSet<string>();
        for (var i = 0; i < 600; i++)
        {
            using var get = await _client.GetAsync($"/api/v1/backtests/{id}");
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            job = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement.Clone();
            var status = job.GetProperty("status").GetString()!;
            seen.Add(status);
            if (status is "completed" or "failed" or "cancelled") break;
            await Task.Delay(200);
        }
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
        Assert.That(job.GetProperty("progress").GetProperty("days_completed").GetInt32(), Is.EqualTo(2));
        Assert.That(job.GetProperty("progress").GetProperty("percent").GetDecimal(), Is.EqualTo(100m));
        var result = job.GetProperty("result");
        Assert.That(result.GetProperty("days").GetArrayLength(), Is.EqualTo(2), "2014-06-06 and 2014-06-09 (a weekend between)");
        Assert.That(result.GetProperty("report").GetProperty("period").GetString(), Is.EqualTo("backtest"));

        using var html = await _client.GetAsync($"/api/v1/backtests/{id}/report/index.html");
        Assert.That(html.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        using var png = await _client.GetAsync($"/api/v1/backtests/{id}/report/equity.png");
        Assert.That(png.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        using var other = await _client.GetAsync($"/api/v1/backtests/{id}/report/secrets.txt");
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        using var list = await _client.GetAsync("/api/v1/backtests?limit=5");
        Assert.That(await list.Content.ReadAsStringAsync(), Does.Contain(id));
    }
}
