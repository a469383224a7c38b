using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Modules.Orchestration.Mcp;
using Catalyst.SharedKernel.Errors;

namespace Catalyst.Modules.Orchestration.Tests;

/// <summary>Argument validation and the error mapping, without a Host.</summary>
public sealed class ToolArgumentTests
{
    private static readonly ToolParam[] Parameters =
    [
        ToolParam.Sym("symbol", "ticker"),
        ToolParam.OneOf("side", "side", ["buy", "sell"], required: true),
        ToolParam.Num("quantity", "shares", required: true, exclusiveMinimum: 0),
        ToolParam.Int("top_n", "n", minimum: 1, maximum: 20, defaultValue: 5),
        ToolParam.Day("date", "day"),
    ];

    private static Dictionary<string, JsonElement> Args(object value) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(value))!;

    [Test]
    public void Valid_arguments_are_converted_and_defaults_applied()
    {
        var parsed = ToolArguments.Parse(Parameters, Args(new { symbol = "tsla", side = "BUY", quantity = 12.5, date = "2025-10-25", extra = 1 }));
        Assert.That(parsed.Symbol("symbol").Value, Is.EqualTo("TSLA"));
        Assert.That(parsed.String("side"), Is.EqualTo("buy"));
        Assert.That(parsed.Decimal("quantity"), Is.EqualTo(12.5m));
        Assert.That(parsed.Int("top_n"), Is.EqualTo(5));
        Assert.That(parsed.Date("date"), Is.EqualTo(new DateOnly(2025, 10, 25)));
    }

    [TestCase("""{"side":"buy","quantity":1}""", "symbol")]
    [TestCase("""{"symbol":"TSLA","side":"buy","quantity":null}""", "quantity")]
    [TestCase("""{"symbol":"TSLA","side":"buy","quantity":1,"top_n":0}""", "top_n")]
    [TestCase("""{"symbol":"TSLA","side":"buy","quantity":1,"top_n":"5"}""", "top_n")]
    [TestCase("""{"symbol":"TSLA","side":"buy","quantity":1,"date":"2025-13-01"}""", "date")]
    [TestCase("""{"symbol":"1ABC","side":"buy","quantity":1}""", "symbol")]
    public void Invalid_arguments_name_the_field(string json, string field)
    {
        var args = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        var error = Assert.Throws<InvalidParamsException>(() => ToolArguments.Parse(Parameters, args));
        Assert.That(error!.Field, Is.EqualTo(field));
    }

    [Test]
    public void A_symbol_list_is_upper_cased_without_duplicates_and_checked_item_by_item()
    {
        ToolParam[] parameters = [ToolParam.Syms("symbols", "tickers", maxItems: 3)];
        var parsed = ToolArguments.Parse(parameters, Args(new { symbols = new[] { "aapl", "TSLA", "AAPL" } }));
        Assert.That(parsed.Symbols("symbols"), Is.EqualTo(new[] { "AAPL", "TSLA" }));
        Assert.That(ToolArguments.Parse(parameters, Args(new { })).Symbols("symbols"), Is.Null);

        Assert.That(Assert.Throws<InvalidParamsException>(() => ToolArguments.Parse(parameters, Args(new { symbols = "AAPL,TSLA" })))!
            .Message, Does.Contain("array"));
        Assert.That(Assert.Throws<InvalidParamsException>(() => ToolArguments.Parse(parameters, Args(new { symbols = new object[] { "AAPL", 7 } })))!
            .Message, Does.Contain("'7'"));
        Assert.That(Assert.Throws<InvalidParamsException>(() => ToolArguments.Parse(parameters, Args(new { symbols = new[] { "A", "B", "C", "D" } })))!
            .Field, Is.EqualTo("symbols"));
    }

    [Test]
    public void A_risk_rejection_maps_to_invalid_params_with_its_details_as_data()
    {
        var rejection = new ForbiddenException("RISK_REJECTED", "Daily loss limit exceeded",
            new Dictionary<string, object?> { ["current_loss"] = -2050.00m, ["max_loss"] = -2000.00m, ["check_failed"] = "daily_loss_limit" });
        var mapped = McpErrorMapping.Map(rejection, "req-1");
        Assert.That(mapped.JsonRpcCode, Is.EqualTo(-32602));
        Assert.That(mapped.Exception!.Message, Is.EqualTo("Risk validation failed: Daily loss limit exceeded"));
        Assert.That(((JsonElement)mapped.Exception.Data["current_loss"]!).GetDecimal(), Is.EqualTo(-2050.00m));
        Assert.That(((JsonElement)mapped.Exception.Data["check_failed"]!).GetString(), Is.EqualTo("daily_loss_limit"));
        Assert.That(mapped.Outcome, Is.EqualTo("rejected"));
    }

    [Test]
    public void Trading_s_wrapped_risk_details_are_lifted_to_the_top_of_the_data()
    {
        var inner = new Dictionary<string, object?> { ["current_loss"] = -2050.00m, ["max_loss"] = -2000.00m, ["check_failed"] = "daily_loss_limit" };
        var rejection = new ForbiddenException("RISK_REJECTED", "Daily loss limit exceeded", new Dictionary<string, object?>
        {
            ["approved"] = false, ["reason"] = "Daily loss limit exceeded", ["check_failed"] = "daily_loss_limit", ["details"] = inner,
        });
        var data = McpErrorMapping.Map(rejection, "req-4").Exception!.Data;
        Assert.That(((JsonElement)data["max_loss"]!).GetDecimal(), Is.EqualTo(-2000.00m));
        Assert.That(((JsonElement)data["check_failed"]!).GetString(), Is.EqualTo("daily_loss_limit"));
        Assert.That(((JsonElement)data["code"]!).GetString(), Is.EqualTo("RISK_REJECTED"));
        Assert.That(data.Contains("details"), Is.False);
        Assert.That(data.Contains("approved"), Is.False);
    }

    [Test]
    public void An_unexpected_failure_says_nothing_about_internals()
    {
        var mapped = McpErrorMapping.Map(new InvalidOperationException("connection string Host=db;Password=secret"), "req-2");
        Assert.That(mapped.JsonRpcCode, Is.EqualTo(-32603));
        Assert.That(mapped.Exception!.Message, Does.Not.Contain("secret").And.Contain("req-2"));
        Assert.That(mapped.Unexpected, Is.True);
    }

    [Test]
    public void Not_found_and_conflict_are_tool_errors_the_model_can_read()
    {
        var mapped = McpErrorMapping.Map(new NotFoundException("No open position in NVDA."), "req-3");
        Assert.That(mapped.ToolError!.IsError, Is.True);
        var text = ((ModelContextProtocol.Protocol.TextContentBlock)mapped.ToolError.Content[0]).Text;
        Assert.That(JsonNode.Parse(text)!["error"]!["message"]!.GetValue<string>(), Is.EqualTo("No open position in NVDA."));
    }

    [Test]
    public void Secrets_are_redacted_at_any_depth()
    {
        var redacted = ToolCallRecorder.Redact(Args(new { symbol = "TSLA", apiKey = "k", nested = new { password = "p", keep = 1 }, list = new[] { new { token = "t" } } }));
        Assert.That(redacted.ToJsonString(), Is.EqualTo("""{"symbol":"TSLA","apiKey":"***","nested":{"password":"***","keep":1},"list":[{"token":"***"}]}"""));
    }
}
