using System.Text.Json;
using Catalyst.SharedKernel.Persistence;
using Catalyst.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Catalyst.Modules.Orchestration.Tests;

/// <summary>
/// Issue 9's backtests over MCP with the SDK's McpClient against the real Host: run_backtest queues the same job as
/// POST /api/v1/backtests, get_backtest and catalyst://backtests/{backtest_id} follow it to its result, and a bad
/// request is -32602 naming the argument where REST answers 400.
/// </summary>
[NonParallelizable]
public sealed class BacktestToolTests
{
    private CatalystApp _app = null!;
    private McpClient _client = null!;
    private string _reports = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _reports = Path.Combine(Path.GetTempPath(), "catalyst-mcp-bt-" + Guid.NewGuid().ToString("N")[..8]);
        _app = await CatalystApp.StartAsync(o => o.Settings["Catalyst:Backtest:OutputDirectory"] = _reports);
        // The shared template may predate the backtest job table's migration; applying them here is idempotent.
        foreach (var db in _app.Services.GetServices<IModuleDatabase>()) await db.MigrateAsync(CancellationToken.None);
        _client = await McpTestClient.ConnectAsync(_app);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _client.DisposeAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_reports)) Directory.Delete(_reports, recursive: true);
    }

    [Test]
    public async Task A_one_day_simulated_backtest_runs_in_the_background_and_its_result_is_polled_over_mcp()
    {
        var started = await _client.CallAsync("run_backtest",
            new { start_date = "2026-11-04", end_date = "2026-11-04", universe_size = 20, seed = 7 });
        Assert.That(started.GetProperty("status").GetString(), Is.AnyOf("queued", "running"));
        var id = started.GetProperty("backtest_id").GetString()!;
        Assert.That(started.GetProperty("id").GetString(), Is.EqualTo(id), "the REST body, as it is");
        Assert.That(started.GetProperty("resource_uri").GetString(), Is.EqualTo($"catalyst://backtests/{id}"));
        Assert.That(started.GetProperty("parameters").GetProperty("universe_size").GetInt32(), Is.EqualTo(20));
        Assert.That(started.GetProperty("message").GetString(), Does.Contain("get_backtest"));

        JsonElement job = default;
        var statuses = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        while (!timeout.IsCancellationRequested)
        {
            job = await _client.CallAsync("get_backtest", new { backtest_id = id });
            var status = job.GetProperty("status").GetString()!;
            statuses.Add(status);
            if (status is "completed" or "failed" or "cancelled") break;
            await Task.Delay(250);
        }

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
        var progress = job.GetProperty("progress");
        Assert.That(progress.GetProperty("days_completed").GetInt32(), Is.EqualTo(1));
        Assert.That(progress.GetProperty("days_total").GetInt32(), Is.EqualTo(1));
        Assert.That(progress.GetProperty("percent").GetDecimal(), Is.EqualTo(100m));
        Assert.That(statuses, Has.Some.EqualTo("running").Or.Some.EqualTo("queued"), "polled while it ran");

        var result = job.GetProperty("result");
        var report = result.GetProperty("report");
        Assert.That(report.GetProperty("period").GetString(), Is.EqualTo("backtest"));
        foreach (var field in new[] { "pnl", "pnl_pct", "trades_executed", "trades_won", "trades_lost", "win_rate", "profit_factor",
                     "sharpe_ratio", "max_drawdown" })
            Assert.That(report.TryGetProperty(field, out _), Is.True, "result.report." + field);
        Assert.That(result.GetProperty("run").GetProperty("days").GetInt32(), Is.EqualTo(1));
        Assert.That(result.GetProperty("run").GetProperty("bars").GetInt64(), Is.GreaterThan(0));
        Assert.That(result.GetProperty("days_count").GetInt32(), Is.EqualTo(1));
        Assert.That(result.TryGetProperty("days", out _), Is.False, "per-day rows only with include_days");
        Assert.That(job.GetProperty("message").GetString(), Does.StartWith("Backtest completed: 1 day(s)"));
        Assert.That(File.Exists(Path.Combine(_reports, id, "summary.json")), Is.True, "the report folder is written");

        // The resource is the same job with the per-day rows.
        var read = await _client.ReadJsonAsync($"catalyst://backtests/{id}");
        Assert.That(read.GetProperty("status").GetString(), Is.EqualTo("completed"));
        var day = read.GetProperty("result").GetProperty("days").EnumerateArray().Single();
        Assert.That(day.GetProperty("date").GetString(), Is.EqualTo("2026-11-04"));
        Assert.That(day.GetProperty("symbols").GetInt32(), Is.EqualTo(20), "the small generated universe");
        Assert.That(day.GetProperty("trades_executed").GetInt32(), Is.EqualTo(report.GetProperty("trades_executed").GetInt32()));
        Assert.That(day.GetProperty("pnl").GetDecimal(), Is.EqualTo(report.GetProperty("pnl").GetDecimal()));

        var withDays = await _client.CallAsync("get_backtest", new { backtest_id = id, include_days = true });
        Assert.That(withDays.GetProperty("result").GetProperty("days").GetArrayLength(), Is.EqualTo(1));

        var recent = await _client.ReadJsonAsync("catalyst://backtests");
        Assert.That(recent.EnumerateArray().Select(j => j.GetProperty("backtest_id").GetString()), Does.Contain(id));
        var listed = await _client.CallAsync("get_backtest");
        Assert.That(listed.GetProperty("backtests").EnumerateArray().Select(j => j.GetProperty("backtest_id").GetString()), Does.Contain(id));

        // Finished: cancelling is refused as a tool error the model can read.
        var cancel = await _client.CallRawAsync("cancel_backtest", new { backtest_id = id });
        Assert.That(cancel.IsError, Is.True);
        Assert.That(McpTestClient.Text(cancel), Does.Contain("BACKTEST_FINISHED"));
    }

    private static IEnumerable<TestCaseData> BadRequests()
    {
        yield return new TestCaseData(new { start_date = "2026-11-27", end_date = "2026-11-02" }, "end_date", "before start_date")
            .SetName("a range that ends before it starts names end_date");
        yield return new TestCaseData(new { start_date = "2026-12-25", end_date = "2026-12-27" }, "start_date", "no NYSE trading day")
            .SetName("a range of holidays and weekends names start_date");
        yield return new TestCaseData(new { start_date = "2026-01-01", end_date = "2027-06-30" }, "end_date", "longer than 366 days")
            .SetName("a range over a year names end_date");
        yield return new TestCaseData(new { end_date = "2026-11-06" }, "start_date", "required unless data_dir")
            .SetName("simulated days without start_date name it");
        yield return new TestCaseData(new { start_date = "2026-11-31", end_date = "2026-12-02" }, "start_date", "YYYY-MM-DD")
            .SetName("a date that does not exist names start_date");
        yield return new TestCaseData(new { data_dir = "/no/such/folder" }, "data_dir", "does not exist")
            .SetName("a missing data folder names data_dir");
        yield return new TestCaseData(new { start_date = "2026-11-04", end_date = "2026-11-04", symbols = new[] { "ZZZZZZ" } }, "symbols",
            "not in the simulated universe").SetName("a symbol the simulated market lacks names symbols");
        yield return new TestCaseData(new { start_date = "2026-11-04", end_date = "2026-11-04", symbols = new[] { "$$$" } }, "symbols",
            "not a valid symbol").SetName("a malformed symbol names symbols");
        yield return new TestCaseData(new { start_date = "2026-11-04", end_date = "2026-11-04", universe_size = 5 }, "universe_size",
            "at least 20").SetName("a universe below 20 names universe_size");
    }

    [TestCaseSource(nameof(BadRequests))]
    public void A_bad_request_is_invalid_params_naming_the_argument(object arguments, string field, string message)
    {
        var error = Assert.ThrowsAsync<McpProtocolException>(async () => await _client.CallRawAsync("run_backtest", arguments));
        Assert.That((int)error!.ErrorCode, Is.EqualTo(-32602), error.Message);
        Assert.That(error.Data["field"]?.ToString(), Is.EqualTo(field), error.Message);
        Assert.That(error.Message, Does.Contain(message));
    }

    [Test]
    public async Task An_unknown_backtest_is_a_tool_error_and_an_unknown_resource()
    {
        var unknown = Guid.NewGuid();
        var result = await _client.CallRawAsync("get_backtest", new { backtest_id = unknown });
        Assert.That(result.IsError, Is.True);
        Assert.That(McpTestClient.Text(result), Does.Contain("NOT_FOUND"));

        var missing = Assert.ThrowsAsync<McpProtocolException>(async () => await _client.ReadResourceAsync($"catalyst://backtests/{unknown}"));
        Assert.That((int)missing!.ErrorCode, Is.EqualTo(-32002));
        var malformed = Assert.ThrowsAsync<McpProtocolException>(async () => await _client.ReadResourceAsync("catalyst://backtests/latest"));
        Assert.That((int)malformed!.ErrorCode, Is.EqualTo(-32602));
        Assert.That(malformed.Data["field"]?.ToString(), Is.EqualTo("backtest_id"));
    }
}
