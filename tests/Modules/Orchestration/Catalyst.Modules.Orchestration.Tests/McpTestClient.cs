using System.Text.Json;
using Catalyst.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Catalyst.Modules.Orchestration.Tests;

/// <summary>The SDK's McpClient over Streamable HTTP against the real Host of a <see cref="CatalystApp"/>.</summary>
internal static class McpTestClient
{
    public static async Task<McpClient> ConnectAsync(CatalystApp app, string? apiKey = CatalystApp.ApiKey, bool bearer = false)
    {
        var http = app.CreateDefaultClient();
        var headers = new Dictionary<string, string>();
        if (apiKey is not null)
        {
            if (bearer) headers["Authorization"] = "Bearer " + apiKey;
            else headers["X-API-Key"] = apiKey;
        }
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
            Name = "catalyst-tests",
        }, http, NullLoggerFactory.Instance, ownsHttpClient: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "catalyst-tests", Version = "1.0" },
        }, NullLoggerFactory.Instance, timeout.Token);
    }

    public static async Task<JsonElement> CallAsync(this McpClient client, string tool, object? arguments = null)
    {
        var result = await client.CallToolAsync(tool, ToArguments(arguments));
        Assert.That(result.IsError, Is.Not.True, () => $"{tool} returned a tool error: {Text(result)}");
        return Structured(result);
    }

    public static Task<CallToolResult> CallRawAsync(this McpClient client, string tool, object? arguments = null) =>
        client.CallToolAsync(tool, ToArguments(arguments)).AsTask();

    public static JsonElement Structured(CallToolResult result)
    {
        Assert.That(result.StructuredContent, Is.Not.Null, "structured content");
        var text = JsonDocument.Parse(Text(result)).RootElement;
        var structured = JsonSerializer.SerializeToElement(result.StructuredContent);
        Assert.That(structured.GetRawText(), Is.EqualTo(text.GetRawText()), "text and structured content carry the same JSON");
        return structured;
    }

    public static string Text(CallToolResult result) =>
        result.Content.OfType<TextContentBlock>().Select(t => t.Text).FirstOrDefault() ?? "";

    public static async Task<JsonElement> ReadJsonAsync(this McpClient client, string uri)
    {
        var result = await client.ReadResourceAsync(uri);
        var contents = result.Contents.OfType<TextResourceContents>().Single();
        Assert.That(contents.MimeType, Is.EqualTo("application/json"));
        return JsonDocument.Parse(contents.Text).RootElement;
    }

    private static Dictionary<string, object?>? ToArguments(object? arguments) =>
        arguments switch
        {
            null => null,
            Dictionary<string, object?> d => d,
            _ => JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments)),
        };
}
