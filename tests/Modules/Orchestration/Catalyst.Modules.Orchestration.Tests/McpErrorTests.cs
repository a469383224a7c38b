using System.Net.Http.Json;
using System.Text.Json;
using Catalyst.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Catalyst.Modules.Orchestration.Tests;

/// <summary>§8.1–8.2 over MCP: bad arguments → -32602 naming the field; unknown resource → -32002.</summary>
public sealed class McpErrorTests
{
    private CatalystApp _app = null!;
    private McpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await CatalystApp.StartAsync();
        _client = await McpTestClient.ConnectAsync(_app);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _client.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> BadArguments()
    {
        yield return new TestCaseData("execute_trade", new { symbol = "TSLA", quantity = 10 }, "side").SetName("required side missing");
        yield return new TestCaseData("execute_trade", new { symbol = "TSLA", side = "hold", quantity = 10 }, "side").SetName("side not in enum");
        yield return new TestCaseData("execute_trade", new { symbol = "TSLA", side = "buy", quantity = 0 }, "quantity").SetName("quantity zero");
        yield return new TestCaseData("execute_trade", new { symbol = "TSLA", side = "buy", quantity = "ten" }, "quantity").SetName("quantity wrong type");
        yield return new TestCaseData("execute_trade", new { symbol = "$$$", side = "buy", quantity = 10 }, "symbol").SetName("malformed symbol");
        yield return new TestCaseData("execute_trade", new { symbol = "TSLA", side = "buy", quantity = 10, order_type = "limit" }, "limit_price")
            .SetName("limit order without limit_price");
        yield return new TestCaseData("execute_trade", new { symbol = "TSLA", side = "buy", quantity = 10, limit_price = 5.0 }, "limit_price")
            .SetName("limit_price on a market order");
        yield return new TestCaseData("get_scan_results", new { top_n = 21 }, "top_n").SetName("top_n above 20");
        yield return new TestCaseData("get_scan_results", new { top_n = 2.5 }, "top_n").SetName("top_n not whole");
        yield return new TestCaseData("start_trading_session", new { session_mode = "yolo" }, "session_mode").SetName("unknown session mode");
        yield return new TestCaseData("emergency_stop_trading", new { reason = "panic" }, "reason").SetName("emergency reason too short");
        yield return new TestCaseData("get_order_status", new { order_id = "not-a-uuid" }, "order_id").SetName("order id not a uuid");
        yield return new TestCaseData("get_trade_journal", new { date = "25/10/2025" }, "date").SetName("date not ISO");
        yield return new TestCaseData("update_position", new { symbol = "TSLA" }, "arguments").SetName("update_position without a change");
        yield return new TestCaseData("update_scan_criteria", new { }, "arguments").SetName("update_scan_criteria without a change");
        yield return new TestCaseData("respond_to_risk_action", new { action_id = Guid.NewGuid(), decision = "maybe" }, "decision")
            .SetName("risk action decision not in enum");
        yield return new TestCaseData("pause_trading", new { duration_seconds = 0 }, "duration_seconds").SetName("pause duration zero");
    }

    [TestCaseSource(nameof(BadArguments))]
    public void Bad_arguments_are_invalid_params_naming_the_field(string tool, object arguments, string field)
    {
        var error = Assert.ThrowsAsync<McpProtocolException>(async () => await _client.CallRawAsync(tool, arguments));
        Assert.That((int)error!.ErrorCode, Is.EqualTo(-32602));
        Assert.That(error.Data["field"]?.ToString(), Is.EqualTo(field), error.Message);
        if (field != "arguments") Assert.That(error.Message, Does.Contain(field));
    }

    [Test]
    public void An_unknown_resource_is_resource_not_found()
    {
        var error = Assert.ThrowsAsync<McpProtocolException>(async () => await _client.ReadResourceAsync("catalyst://nowhere/at-all"));
        Assert.That((int)error!.ErrorCode, Is.EqualTo(-32002));
    }

    [Test]
    public void A_malformed_template_value_is_an_invalid_param()
    {
        var error = Assert.ThrowsAsync<McpProtocolException>(async () =>
            await _client.ReadResourceAsync("catalyst://trading-cycle/not-a-uuid/timeline"));
        Assert.That((int)error!.ErrorCode, Is.EqualTo(-32602));
        Assert.That(error.Data["field"]?.ToString(), Is.EqualTo("cycle_id"));
    }

    [Test]
    public void Subscribing_to_a_resource_that_does_not_change_is_refused_with_the_ones_that_do()
    {
        var error = Assert.ThrowsAsync<McpProtocolException>(async () => await _client.SubscribeToResourceAsync("catalyst://system/config"));
        Assert.That((int)error!.ErrorCode, Is.EqualTo(-32602));
        Assert.That(error.Message, Does.Contain("catalyst://alerts/active"));
    }

    [Test]
    public async Task Every_call_is_in_the_tool_call_log_with_its_outcome_and_caller()
    {
        Assert.ThrowsAsync<McpProtocolException>(async () =>
            await _client.CallRawAsync("execute_trade", new { symbol = "TSLA", side = "buy", quantity = -1, api_key = "hunter2" }));

        using var http = _app.CreateApiClient();
        var log = await http.GetFromJsonAsync<JsonElement>("/api/v1/mcp/tool-calls?tool=execute_trade&outcome=invalid_params");
        var row = log.GetProperty("tool_calls").EnumerateArray().First();
        Assert.That(row.GetProperty("caller").GetString(), Is.EqualTo(CatalystApp.ApiKeyName));
        Assert.That(row.GetProperty("error_code").GetInt32(), Is.EqualTo(-32602));
        Assert.That(row.GetProperty("transport").GetString(), Is.EqualTo("http"));
        Assert.That(row.GetProperty("session_id").GetString(), Is.EqualTo(_client.SessionId));
        Assert.That(row.GetProperty("duration_ms").GetDouble(), Is.GreaterThanOrEqualTo(0));
        var arguments = row.GetProperty("arguments");
        Assert.That(arguments.GetProperty("symbol").GetString(), Is.EqualTo("TSLA"));
        Assert.That(arguments.GetProperty("api_key").GetString(), Is.EqualTo("***"), "secrets are redacted");
    }
}
