using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Catalyst.Testing;

namespace Catalyst.Modules.Orchestration.Tests;

/// <summary>/mcp sits behind the same API key as REST: X-API-Key or Authorization: Bearer.</summary>
public sealed class McpAuthTests
{
    private const string Initialize = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}
        """;

    private CatalystApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await CatalystApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [TestCase(null, "Missing API key")]
    [TestCase("wrong-key", "not valid")]
    public async Task Without_a_valid_key_mcp_answers_401_in_the_error_envelope(string? key, string message)
    {
        using var http = _app.CreateDefaultClient();
        using var request = InitializeRequest();
        if (key is not null) request.Headers.Add("X-API-Key", key);
        using var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("UNAUTHORIZED"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(message));
    }

    [Test]
    public async Task The_key_in_x_api_key_opens_a_session()
    {
        using var http = _app.CreateDefaultClient();
        using var request = InitializeRequest();
        request.Headers.Add("X-API-Key", CatalystApp.ApiKey);
        using var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains("Mcp-Session-Id"), Is.True, "stateful sessions");
    }

    [Test]
    public async Task The_key_as_a_bearer_token_works_with_the_sdk_client()
    {
        await using var client = await McpTestClient.ConnectAsync(_app, bearer: true);
        var tools = await client.ListToolsAsync();
        Assert.That(tools, Is.Not.Empty);
    }

    [Test]
    public void The_sdk_client_without_a_key_cannot_connect()
    {
        Assert.That(async () => await McpTestClient.ConnectAsync(_app, apiKey: null), Throws.Exception);
    }

    private static HttpRequestMessage InitializeRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(Initialize, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }
}
