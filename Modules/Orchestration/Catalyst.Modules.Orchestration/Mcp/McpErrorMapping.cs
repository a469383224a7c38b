using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Serialization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Catalyst.Modules.Orchestration.Mcp;

/// <summary>How one failure is answered: a JSON-RPC error to throw, or a tool result with isError for the model to read.</summary>
internal sealed record MappedError(string Outcome, string Kind, string Message, int? JsonRpcCode, McpProtocolException? Exception,
    CallToolResult? ToolError, bool Unexpected);

/// <summary>
/// §8.1–8.2 for MCP. Invalid arguments and refusals by a rule (risk checks, locked parameters) are JSON-RPC -32602 with
/// the details as <c>data</c> (e.g. current_loss, max_loss, check_failed); things the model can act on but that are not
/// its fault (no such position, a session already running, a dependency down) are tool results with isError so the
/// model reads the message; anything else is -32603 "internal error" with only a request id.
/// </summary>
internal static class McpErrorMapping
{
    public static MappedError Map(Exception exception, string requestId)
    {
        switch (exception)
        {
            case InvalidParamsException invalid:
            {
                var data = new Dictionary<string, object?> { ["field"] = invalid.Field, ["message"] = invalid.Message };
                foreach (var (key, value) in invalid.Extra) data[key] = value;
                return new MappedError(ToolOutcomes.InvalidParams, "VALIDATION_FAILED", invalid.Message, (int)McpErrorCode.InvalidParams,
                    Protocol(invalid.Message, McpErrorCode.InvalidParams, data), null, false);
            }
            case ValidationException validation:
            {
                var data = new Dictionary<string, object?>(validation.Details) { ["field"] = validation.Field, ["message"] = validation.Message };
                return new MappedError(ToolOutcomes.InvalidParams, validation.Code, validation.Message, (int)McpErrorCode.InvalidParams,
                    Protocol(validation.Message, McpErrorCode.InvalidParams, data), null, false);
            }
            case ForbiddenException forbidden:
            {
                var message = forbidden.Code.StartsWith("RISK", StringComparison.Ordinal)
                              && !forbidden.Message.StartsWith("Risk validation failed", StringComparison.OrdinalIgnoreCase)
                    ? "Risk validation failed: " + forbidden.Message
                    : forbidden.Message;
                var data = RejectionData(forbidden);
                return new MappedError(ToolOutcomes.Rejected, forbidden.Code, message, (int)McpErrorCode.InvalidParams,
                    Protocol(message, McpErrorCode.InvalidParams, data), null, false);
            }
            case NotFoundException or ConflictException or ServiceUnavailableException:
            {
                var catalyst = (CatalystException)exception;
                var outcome = exception switch
                {
                    NotFoundException => ToolOutcomes.NotFound,
                    ConflictException => ToolOutcomes.Conflict,
                    _ => ToolOutcomes.Unavailable,
                };
                return new MappedError(outcome, catalyst.Code, catalyst.Message, null, null,
                    ToolError(catalyst.Code, catalyst.Message, catalyst.Details), false);
            }
            case DbException { IsTransient: true }:
            case TimeoutException:
            {
                const string message = "The database or a data source is temporarily unavailable; retry shortly.";
                return new MappedError(ToolOutcomes.Unavailable, "SERVICE_UNAVAILABLE", message, null, null,
                    ToolError("SERVICE_UNAVAILABLE", message, null), false);
            }
            default:
            {
                var message = $"Internal error (request id {requestId}); the server log has the details.";
                var data = new Dictionary<string, object?> { ["request_id"] = requestId };
                return new MappedError(ToolOutcomes.Error, exception.GetType().Name, exception.Message, (int)McpErrorCode.InternalError,
                    Protocol(message, McpErrorCode.InternalError, data), null, true);
            }
        }
    }

    /// <summary>
    /// §8.2's data is flat ({"current_loss", "max_loss", "check_failed"}); Trading wraps Risk's details in its 403 body
    /// ({"approved", "reason", "check_failed", "details": {...}}), so the inner details are lifted to the top.
    /// </summary>
    private static Dictionary<string, object?> RejectionData(ForbiddenException forbidden)
    {
        var data = new Dictionary<string, object?>();
        if (forbidden.Details.TryGetValue("details", out var inner) && inner is IEnumerable<KeyValuePair<string, object?>> nested)
        {
            foreach (var (key, value) in nested) data[key] = value;
        }
        foreach (var (key, value) in forbidden.Details)
        {
            if (key is "details" or "approved" || (value is null && data.ContainsKey(key))) continue;
            data[key] = value;
        }
        data["code"] = forbidden.Code;
        return data;
    }

    /// <summary>
    /// The SDK sends an McpProtocolException's Data entries as the JSON-RPC error's <c>data</c> object. Values are turned
    /// into JsonElements with the wire options first, so they serialise the way REST bodies do (snake_case, decimals).
    /// </summary>
    public static McpProtocolException Protocol(string message, McpErrorCode code, IReadOnlyDictionary<string, object?> data)
    {
        var exception = new McpProtocolException(message, code);
        foreach (var (key, value) in data)
            exception.Data[key] = JsonSerializer.SerializeToElement(value, value?.GetType() ?? typeof(object), WireJson.Options);
        return exception;
    }

    public static CallToolResult ToolError(string code, string message, IReadOnlyDictionary<string, object?>? details)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["details"] = JsonSerializer.SerializeToNode(details ?? new Dictionary<string, object?>(), WireJson.Options),
            },
        };
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = body.ToJsonString(WireJson.Options) }],
            StructuredContent = JsonSerializer.SerializeToElement(body, WireJson.Options),
        };
    }
}
