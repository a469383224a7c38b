using System.Text.Json;
using Catalyst.Testing;
using ModelContextProtocol.Client;

namespace Catalyst.Modules.Orchestration.Tests;

/// <summary>What an MCP client discovers at /mcp is exactly CONTRACT.md §3: tools, resources, templates, prompts.</summary>
public sealed class McpCatalogTests
{
    private static readonly string[] ContractTools =
    [
        "start_trading_session", "stop_trading_session", "pause_trading", "resume_trading", "emergency_stop_trading",
        "get_scan_results", "get_candidate_analysis", "update_scan_criteria",
        "execute_trade", "close_position", "close_all_positions", "update_position", "get_order_status", "cancel_order",
        "update_risk_parameter", "get_risk_status", "activate_kill_switch", "deactivate_kill_switch", "respond_to_risk_action",
        "get_performance_report", "get_trade_journal",
        "run_backtest",
        // Ours beyond §3: a client that cannot read resources on its own (Claude Desktop) polls and cancels the job by tool.
        "get_backtest", "cancel_backtest",
    ];

    private static readonly string[] ContractResources =
    [
        "catalyst://trading-cycle/current", "catalyst://trading-cycle/status", "catalyst://trading-cycle/history",
        "catalyst://market-scan/latest", "catalyst://market-scan/candidates", "catalyst://market-scan/candidates/active",
        "catalyst://positions/current", "catalyst://positions/closed",
        "catalyst://performance/daily", "catalyst://performance/weekly", "catalyst://performance/monthly",
        "catalyst://risk/current", "catalyst://risk/limits", "catalyst://risk/exposures",
        "catalyst://alerts/active",
        "catalyst://system/health", "catalyst://system/config", "catalyst://system/logs/recent",
        // issue 9: "run_backtest, plus a resource for its result"
        "catalyst://backtests",
    ];

    private static readonly string[] ContractTemplates =
    [
        "catalyst://trading-cycle/{cycle_id}/timeline", "catalyst://market-scan/candidates/{symbol}",
        "catalyst://positions/{position_id}/status",
        "catalyst://backtests/{backtest_id}",
    ];

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

    [Test]
    public void The_server_announces_itself_with_subscribable_resources_and_instructions()
    {
        Assert.That(_client.ServerInfo?.Name, Is.EqualTo("catalyst"));
        Assert.That(_client.ServerCapabilities.Resources?.Subscribe, Is.True);
        Assert.That(_client.ServerCapabilities.Tools, Is.Not.Null);
        Assert.That(_client.ServerCapabilities.Prompts, Is.Not.Null);
        Assert.That(_client.ServerInstructions, Does.Contain("confirm"));
        Assert.That(_client.SessionId, Is.Not.Null.And.Not.Empty, "stateful Streamable HTTP session");
    }

    [Test]
    public async Task Tools_are_the_contract_list_with_descriptions_for_an_llm()
    {
        var tools = await _client.ListToolsAsync();
        Assert.That(tools.Select(t => t.Name), Is.EquivalentTo(ContractTools));
        foreach (var tool in tools)
        {
            Assert.That(tool.Description, Has.Length.GreaterThan(120), tool.Name + ": what, when, units, example, result");
            Assert.That(tool.Description, Does.Contain("Example").And.Contain("Returns"), tool.Name);
            var schema = tool.JsonSchema;
            Assert.That(schema.GetProperty("type").GetString(), Is.EqualTo("object"), tool.Name);
            foreach (var property in schema.GetProperty("properties").EnumerateObject())
                Assert.That(property.Value.TryGetProperty("description", out _), Is.True, $"{tool.Name}.{property.Name} has a description");
        }
    }

    [Test]
    public async Task Schemas_carry_enums_ranges_defaults_and_required_arguments()
    {
        var tools = (await _client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.JsonSchema);
        var trade = tools["execute_trade"];
        Assert.That(Required(trade), Is.EquivalentTo(new[] { "symbol", "side", "quantity" }));
        Assert.That(Enum(trade, "side"), Is.EqualTo(new[] { "buy", "sell" }));
        Assert.That(Enum(trade, "order_type"), Is.EqualTo(new[] { "market", "limit" }));
        Assert.That(Prop(trade, "order_type").GetProperty("default").GetString(), Is.EqualTo("market"));
        Assert.That(Prop(trade, "quantity").GetProperty("exclusiveMinimum").GetDecimal(), Is.Zero);

        var scan = tools["get_scan_results"];
        Assert.That(Prop(scan, "top_n").GetProperty("type").GetString(), Is.EqualTo("integer"));
        Assert.That(Prop(scan, "top_n").GetProperty("minimum").GetInt32(), Is.EqualTo(1));
        Assert.That(Prop(scan, "top_n").GetProperty("maximum").GetInt32(), Is.EqualTo(20));
        Assert.That(Prop(scan, "top_n").GetProperty("default").GetInt32(), Is.EqualTo(5));

        var session = tools["start_trading_session"];
        Assert.That(Enum(session, "session_mode"), Is.EquivalentTo(new[] { "autonomous", "supervised" }));
        Assert.That(Prop(session, "session_mode").GetProperty("default").GetString(), Is.EqualTo("supervised"));

        Assert.That(Enum(tools["get_performance_report"], "period"), Is.EqualTo(new[] { "daily", "weekly", "monthly" }));
        Assert.That(Enum(tools["respond_to_risk_action"], "decision"), Is.EqualTo(new[] { "approve", "reject" }));
        Assert.That(Prop(tools["emergency_stop_trading"], "reason").GetProperty("minLength").GetInt32(), Is.EqualTo(10));
        Assert.That(Prop(tools["get_trade_journal"], "date").GetProperty("format").GetString(), Is.EqualTo("date"));
        Assert.That(Prop(tools["get_order_status"], "order_id").GetProperty("format").GetString(), Is.EqualTo("uuid"));

        var backtest = tools["run_backtest"];
        Assert.That(Required(backtest), Is.Empty, "start_date/end_date are required only without data_dir: checked by the server");
        Assert.That(Prop(backtest, "start_date").GetProperty("format").GetString(), Is.EqualTo("date"));
        Assert.That(Prop(backtest, "end_date").GetProperty("format").GetString(), Is.EqualTo("date"));
        Assert.That(Prop(backtest, "symbols").GetProperty("type").GetString(), Is.EqualTo("array"));
        Assert.That(Prop(backtest, "symbols").GetProperty("items").GetProperty("pattern").GetString(), Is.Not.Empty);
        Assert.That(Prop(backtest, "symbols").GetProperty("maxItems").GetInt32(), Is.EqualTo(500));
        Assert.That(Prop(backtest, "universe_size").GetProperty("minimum").GetInt32(), Is.EqualTo(20));
        Assert.That(Prop(backtest, "universe_size").GetProperty("maximum").GetInt32(), Is.EqualTo(5000));
        Assert.That(Prop(backtest, "catalyst_day_share").GetProperty("maximum").GetDecimal(), Is.EqualTo(1m));
        Assert.That(Prop(backtest, "slippage_bps").GetProperty("maximum").GetDecimal(), Is.EqualTo(1000m));
        Assert.That(Prop(backtest, "starting_cash").GetProperty("exclusiveMinimum").GetDecimal(), Is.Zero);
        Assert.That(Prop(tools["get_backtest"], "backtest_id").GetProperty("format").GetString(), Is.EqualTo("uuid"));
        Assert.That(Required(tools["cancel_backtest"]), Is.EqualTo(new[] { "backtest_id" }));
    }

    [Test]
    public async Task Read_only_and_destructive_tools_are_annotated()
    {
        var tools = (await _client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool.Annotations!);
        foreach (var name in new[] { "get_scan_results", "get_candidate_analysis", "get_order_status", "get_risk_status",
                     "get_performance_report", "get_trade_journal", "get_backtest" })
        {
            Assert.That(tools[name].ReadOnlyHint, Is.True, name);
            Assert.That(tools[name].DestructiveHint, Is.False, name);
        }
        foreach (var name in new[] { "execute_trade", "close_position", "close_all_positions", "stop_trading_session",
                     "emergency_stop_trading", "cancel_order", "update_risk_parameter", "deactivate_kill_switch", "cancel_backtest" })
        {
            Assert.That(tools[name].ReadOnlyHint, Is.False, name);
            Assert.That(tools[name].DestructiveHint, Is.True, name);
        }
        Assert.That(tools["execute_trade"].OpenWorldHint, Is.True);
        Assert.That(tools["start_trading_session"].DestructiveHint, Is.False);
        Assert.That(tools["activate_kill_switch"].IdempotentHint, Is.True);
        // A backtest runs on a database of its own: it neither reads only nor destroys anything, and is no broker call.
        Assert.That(tools["run_backtest"].ReadOnlyHint, Is.False);
        Assert.That(tools["run_backtest"].DestructiveHint, Is.False);
        Assert.That(tools["run_backtest"].OpenWorldHint, Is.False);
    }

    [Test]
    public async Task Resources_and_templates_are_the_contract_list_under_catalyst_scheme()
    {
        var resources = await _client.ListResourcesAsync();
        Assert.That(resources.Select(r => r.Uri), Is.EquivalentTo(ContractResources));
        Assert.That(resources.All(r => r.MimeType == "application/json" && !string.IsNullOrWhiteSpace(r.Description)), Is.True);

        var templates = await _client.ListResourceTemplatesAsync();
        Assert.That(templates.Select(t => t.UriTemplate), Is.EquivalentTo(ContractTemplates));
    }

    [Test]
    public async Task Prompts_are_the_four_interaction_patterns()
    {
        var prompts = await _client.ListPromptsAsync();
        Assert.That(prompts.Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "daily_session_start", "review_scan_results", "risk_alert_response", "end_of_day_summary",
        }));
        var start = prompts.Single(p => p.Name == "daily_session_start").ProtocolPrompt;
        Assert.That(start.Arguments!.Single().Name, Is.EqualTo("session_mode"));
        Assert.That(start.Arguments!.Single().Required, Is.False);
    }

    [Test]
    public async Task A_prompt_names_the_tools_in_order_and_embeds_live_state()
    {
        var prompt = await _client.GetPromptAsync("review_scan_results", new Dictionary<string, object?> { ["top_n"] = "3" });
        var text = string.Concat(prompt.Messages.Select(m => (m.Content as ModelContextProtocol.Protocol.TextContentBlock)?.Text));
        Assert.That(text, Does.Contain("get_scan_results with top_n=3"));
        Assert.That(text.IndexOf("get_scan_results", StringComparison.Ordinal),
            Is.LessThan(text.IndexOf("get_candidate_analysis", StringComparison.Ordinal)));

        var start = await _client.GetPromptAsync("daily_session_start", new Dictionary<string, object?> { ["session_mode"] = "autonomous" });
        Assert.That(start.Messages.Any(m => m.Content is ModelContextProtocol.Protocol.EmbeddedResourceBlock
        {
            Resource: ModelContextProtocol.Protocol.TextResourceContents { Uri: "catalyst://system/health" },
        }), Is.True, "system/health embedded");
        Assert.That(((ModelContextProtocol.Protocol.TextContentBlock)start.Messages[0].Content).Text,
            Does.Contain("session_mode=\"autonomous\""));
    }

    [Test]
    public void A_prompt_argument_out_of_its_values_is_an_invalid_param()
    {
        var error = Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(async () =>
            await _client.GetPromptAsync("daily_session_start", new Dictionary<string, object?> { ["session_mode"] = "yolo" }));
        Assert.That((int)error!.ErrorCode, Is.EqualTo(-32602));
        Assert.That(error.Message, Does.Contain("session_mode"));
    }

    private static JsonElement Prop(JsonElement schema, string name) => schema.GetProperty("properties").GetProperty(name);

    private static string[] Enum(JsonElement schema, string name) =>
        [.. Prop(schema, name).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var r) ? [.. r.EnumerateArray().Select(e => e.GetString()!)] : [];
}
