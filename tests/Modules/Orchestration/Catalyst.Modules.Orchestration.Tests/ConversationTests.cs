using System.Globalization;
using System.Text.Json;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Catalyst.Modules.Orchestration.Tests;

/// <summary>
/// The §7 conversations, step by step through the SDK's McpClient against the real Host on a simulated catalyst day:
/// start session → scan results → candidate analysis → execute_trade → position status → close_position →
/// performance report → trade journal, each answer in the seed's shape; then a risk rejection surfacing as -32602.
/// </summary>
[NonParallelizable]
public sealed class ConversationTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    private CatalystApp _app = null!;
    private McpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await CatalystApp.StartAsync(o =>
            o.Settings["Catalyst:Simulation:Date"] = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        // The shared template may predate a module's latest migration; applying them here is idempotent.
        foreach (var db in _app.Services.GetServices<IModuleDatabase>()) await db.MigrateAsync(CancellationToken.None);
        _client = await McpTestClient.ConnectAsync(_app);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _client.DisposeAsync();
        await _app.DisposeAsync();
    }

    private Task RunUntilEt(int hour, int minute) => _app.Services.GetRequiredService<SimulationSession>().RunUntilAsync(MarketTime.AtEastern(Day, new TimeOnly(hour, minute)));

    [Test, Order(1)]
    public async Task A_trading_day_from_session_start_to_trade_journal()
    {
        // §7.1 start the session
        var started = await _client.CallAsync("start_trading_session", new { session_mode = "supervised" });
        Assert.That(started.GetProperty("status").GetString(), Is.EqualTo("started"));
        Assert.That(started.GetProperty("session_mode").GetString(), Is.EqualTo("supervised"));
        Assert.That(Guid.TryParse(started.GetProperty("cycle_id").GetString(), out var cycleId), Is.True);
        Assert.That(started.GetProperty("message").GetString(), Does.Contain("supervised"));

        var cycle = await _client.ReadJsonAsync("catalyst://trading-cycle/current");
        Assert.That(cycle.GetProperty("cycle_id").GetString(), Is.EqualTo(cycleId.ToString()));
        foreach (var field in new[] { "date", "market_status", "cycle_state", "phase", "candidates_count", "positions_count", "daily_pnl", "daily_pnl_pct", "trades_executed" })
            Assert.That(cycle.TryGetProperty(field, out _), Is.True, "trading-cycle/current." + field);

        // the pre-market scans and the post-opening-range scan (after 09:45) run on the heartbeat
        await RunUntilEt(9, 50);

        // §7.2 review scan results
        var raw = await _client.CallRawAsync("get_scan_results", new { top_n = 5 });
        if (raw.IsError == true)
        {
            var events = await _client.ReadJsonAsync($"catalyst://trading-cycle/{cycleId}/timeline");
            Assert.Fail($"no scan by 09:40: {McpTestClient.Text(raw)}; timeline: {events}");
        }
        var scan = McpTestClient.Structured(raw);
        Assert.That(scan.GetProperty("scan_timestamp").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.MinValue));
        var candidates = scan.GetProperty("candidates").EnumerateArray().ToList();
        Assert.That(candidates, Is.Not.Empty, "a catalyst day yields candidates");
        Assert.That(scan.GetProperty("candidates_count").GetInt32(), Is.EqualTo(candidates.Count));
        foreach (var field in new[] { "symbol", "rank", "catalyst_score", "technical_score", "pattern_score", "final_score", "price", "volume", "news_catalyst", "pattern" })
            Assert.That(candidates[0].TryGetProperty(field, out _), Is.True, "candidate." + field);
        Assert.That(candidates.Select(c => c.GetProperty("rank").GetInt32()), Is.Ordered);

        var symbol = candidates[0].GetProperty("symbol").GetString()!;
        var analysis = await _client.CallAsync("get_candidate_analysis", new { symbol = symbol.ToLowerInvariant() });
        Assert.That(analysis.GetProperty("symbol").GetString(), Is.EqualTo(symbol));
        foreach (var section in new[] { "catalyst", "technical", "pattern", "risk_assessment" })
            Assert.That(analysis.TryGetProperty(section, out _), Is.True, "analysis." + section);
        var latest = await _client.ReadJsonAsync("catalyst://market-scan/candidates/" + symbol);
        Assert.That(latest.GetProperty("symbol").GetString(), Is.EqualTo(symbol));

        // §7.3 execute the trade with a size the risk rules allow
        var size = 10m;
        if (analysis.GetProperty("risk_assessment") is { ValueKind: JsonValueKind.Object } risk
            && risk.GetProperty("approved").GetBoolean() && risk.GetProperty("position_size").GetDecimal() > 0)
            size = Math.Min(risk.GetProperty("position_size").GetDecimal(), 10m);
        var order = await _client.CallAsync("execute_trade", new { symbol, side = "buy", quantity = size });
        Assert.That(Guid.TryParse(order.GetProperty("order_id").GetString(), out var orderId), Is.True);
        Assert.That(order.GetProperty("symbol").GetString(), Is.EqualTo(symbol));
        Assert.That(order.GetProperty("quantity").GetDecimal(), Is.EqualTo(size));
        Assert.That(order.GetProperty("status").GetString(), Is.Not.EqualTo("rejected"));
        Assert.That(order.GetProperty("message").GetString(), Does.StartWith("Order submitted: BUY"));

        await RunUntilEt(9, 53);
        var status = await _client.CallAsync("get_order_status", new { order_id = orderId });
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("filled"));
        Assert.That(status.GetProperty("filled_qty").GetDecimal(), Is.EqualTo(size));

        // positions/current and positions/{id}/status
        var positions = await _client.ReadJsonAsync("catalyst://positions/current");
        var position = positions.EnumerateArray().Single(p => p.GetProperty("symbol").GetString() == symbol);
        foreach (var field in new[] { "position_id", "side", "quantity", "entry_price", "current_price", "unrealized_pnl", "entry_time", "stop_loss", "take_profit" })
            Assert.That(position.TryGetProperty(field, out _), Is.True, "position." + field);
        var positionId = position.GetProperty("position_id").GetString();
        var monitor = await _client.ReadJsonAsync($"catalyst://positions/{positionId}/status");
        Assert.That(monitor.GetProperty("status").GetString(), Is.EqualTo("open"));
        Assert.That(monitor.TryGetProperty("recommendation", out _), Is.True);

        var riskStatus = await _client.CallAsync("get_risk_status");
        Assert.That(riskStatus.GetProperty("positions_count").GetInt32(), Is.GreaterThanOrEqualTo(1));

        // §7.4 close the position (at once: the bracket's stop or target could otherwise close it first)
        var closed = await _client.CallAsync("close_position", new { symbol, reason = "Breaking support" });
        Assert.That(closed.GetProperty("symbol").GetString(), Is.EqualTo(symbol));
        Assert.That(closed.GetProperty("quantity_closed").GetDecimal(), Is.EqualTo(size));
        Assert.That(closed.TryGetProperty("realized_pnl", out _), Is.True);
        await RunUntilEt(9, 57);

        // §7.5 performance report with the equity curve, then the journal
        var report = await _client.CallToolAsync("get_performance_report", new Dictionary<string, object?> { ["period"] = "daily" });
        Assert.That(report.IsError, Is.Not.True, McpTestClient.Text(report));
        var metrics = McpTestClient.Structured(report);
        Assert.That(metrics.GetProperty("period").GetString(), Is.EqualTo("daily"));
        Assert.That(metrics.GetProperty("trades_executed").GetInt32(), Is.GreaterThanOrEqualTo(1));
        var image = report.Content.OfType<ImageContentBlock>().Single();
        Assert.That(image.MimeType, Is.EqualTo("image/png"));
        Assert.That(image.DecodedData.Span[..4].ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), "PNG signature");

        var journal = await _client.CallAsync("get_trade_journal");
        Assert.That(journal.GetProperty("date").GetString(), Is.EqualTo(Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var trade = journal.GetProperty("trades").EnumerateArray().Single(t => t.GetProperty("symbol").GetString() == symbol);
        foreach (var field in new[] { "trade_id", "entry_time", "exit_time", "entry_price", "exit_price", "quantity", "pnl", "pnl_pct", "outcome" })
            Assert.That(trade.TryGetProperty(field, out _), Is.True, "journal." + field);
        Assert.That(journal.GetProperty("trades_count").GetInt32(), Is.EqualTo(journal.GetProperty("trades").GetArrayLength()));

        var timeline = await _client.ReadJsonAsync($"catalyst://trading-cycle/{cycleId}/timeline");
        Assert.That(timeline.EnumerateArray().Select(e => e.GetProperty("event_type").GetString()), Does.Contain("scan_completed"));
    }

    [Test, Order(2)]
    public async Task A_risk_rejection_is_invalid_params_with_the_failed_check_as_data()
    {
        var on = await _client.CallAsync("activate_kill_switch", new { reason = "Testing a rejection" });
        Assert.That(on.GetProperty("active").GetBoolean(), Is.True);
        try
        {
            var error = Assert.ThrowsAsync<McpProtocolException>(async () =>
                await _client.CallRawAsync("execute_trade", new { symbol = "AAPL", side = "buy", quantity = 1 }));
            Assert.That((int)error!.ErrorCode, Is.EqualTo(-32602));
            Assert.That(error.Message, Does.Contain("Risk validation failed: "));
            Assert.That(error.Data["check_failed"]?.ToString(), Is.EqualTo("kill_switch"));
            Assert.That(error.Data["code"]?.ToString(), Does.StartWith("RISK"));
        }
        finally
        {
            var off = await _client.CallAsync("deactivate_kill_switch");
            Assert.That(off.GetProperty("active").GetBoolean(), Is.False);
        }
    }
}
