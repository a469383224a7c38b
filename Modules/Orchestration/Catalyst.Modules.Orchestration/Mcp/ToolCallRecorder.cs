using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Modules.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Orchestration.Mcp;

/// <summary>
/// Writes the orchestration.tool_calls row of each call. A failed write is logged, never surfaced: the trade the
/// assistant asked for has already happened, and answering it with an error would invite a duplicate.
/// </summary>
internal sealed class ToolCallRecorder(IDbContextFactory<OrchestrationDbContext> contexts, TimeProvider clock,
    ILogger<ToolCallRecorder> logger)
{
    private static readonly string[] SecretMarkers = ["key", "secret", "token", "password", "passwd", "authorization", "credential", "cookie"];

    public async Task RecordAsync(ToolCallInfo call, CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.ToolCalls.Add(new ToolCallRow
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                Tool = call.Tool,
                Arguments = Redact(call.Arguments).ToJsonString(),
                Outcome = call.Outcome,
                ErrorCode = call.ErrorCode,
                ErrorKind = Truncate(call.ErrorKind, 64),
                ErrorMessage = Truncate(call.ErrorMessage, 2000),
                DurationMs = Math.Max(0, call.DurationMs),
                Caller = Truncate(call.Caller, 200)!,
                Transport = call.Transport,
                SessionId = Truncate(call.SessionId, 200),
                RequestId = call.RequestId,
                TraceId = call.TraceId,
                CalledAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record MCP tool call {Tool} (request {RequestId})", call.Tool, call.RequestId);
        }
    }

    /// <summary>A copy of the arguments with every value under a secret-looking name replaced by "***", at any depth.</summary>
    internal static JsonObject Redact(IDictionary<string, JsonElement>? arguments)
    {
        var result = new JsonObject();
        if (arguments is null) return result;
        foreach (var (name, value) in arguments) result[name] = IsSecret(name) ? "***" : RedactNode(JsonNode.Parse(value.GetRawText()));
        return result;
    }

    private static JsonNode? RedactNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                    obj[name] = IsSecret(name) ? "***" : RedactNode(obj[name]?.DeepClone());
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = RedactNode(array[i]?.DeepClone());
                return array;
            default:
                return node;
        }
    }

    private static bool IsSecret(string name) =>
        SecretMarkers.Any(marker => name.Contains(marker, StringComparison.OrdinalIgnoreCase));

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
