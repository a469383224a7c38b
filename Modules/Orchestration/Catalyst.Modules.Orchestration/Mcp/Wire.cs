using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.SharedKernel.Serialization;

namespace Catalyst.Modules.Orchestration.Mcp;

/// <summary>
/// The modules' DTOs already serialise to the seed's field names with the wire options (the REST bodies are the same
/// objects), so tools and resources serialise them as they are and only add what MCP callers need on top (a message).
/// </summary>
internal static class Wire
{
    public static JsonNode? ToNode(object? value) =>
        value is null ? null : value as JsonNode ?? JsonSerializer.SerializeToNode(value, value.GetType(), WireJson.Options);

    /// <summary>The DTO as a JSON object with extra fields; an extra never overwrites a field the DTO already has.</summary>
    public static JsonObject With(object dto, params (string Name, object? Value)[] extra)
    {
        var obj = ToNode(dto) as JsonObject ?? new JsonObject { ["result"] = ToNode(dto) };
        foreach (var (name, value) in extra)
        {
            if (obj.ContainsKey(name) && obj[name] is not null) continue;
            obj[name] = ToNode(value);
        }
        return obj;
    }

    public static string Text(object? value) => (ToNode(value) ?? JsonValue.Create((string?)null))?.ToJsonString(WireJson.Options) ?? "null";
}
