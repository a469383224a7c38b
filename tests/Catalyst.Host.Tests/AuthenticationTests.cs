using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Catalyst.Testing;

namespace Catalyst.Host.Tests;

public sealed class AuthenticationTests
{
    private CatalystApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await CatalystApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task Missing_key_is_401_in_the_error_envelope()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/api/v1/system/modules");
        await EnvelopeAssert.IsErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Test]
    public async Task Wrong_key_is_401()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", "not-the-key");
        using var response = await client.GetAsync("/api/v1/system/modules");
        var error = await EnvelopeAssert.IsErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("not valid"));
    }

    [Test]
    public async Task Right_key_in_the_header_or_as_a_bearer_token_is_let_in()
    {
        using var client = _app.CreateApiClient();
        using var viaHeader = await client.GetAsync("/api/v1/system/modules");
        Assert.That(viaHeader.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var bearer = _app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CatalystApp.ApiKey);
        using var viaBearer = await bearer.GetAsync("/api/v1/system/modules");
        Assert.That(viaBearer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/health")]
    [TestCase("/alive")]
    public async Task Health_endpoints_need_no_key(string path)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Every_module_is_wired_to_its_migrated_schema()
    {
        using var client = _app.CreateApiClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/system/modules"));
        var modules = doc.RootElement.GetProperty("modules").EnumerateArray().ToList();
        var names = modules.Select(m => m.GetProperty("module").GetString()).ToList();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "Reference", "Orchestration", "Scanner", "Pattern", "Technical", "Risk", "Trading", "Workflow", "News", "Reporting",
        }));
        foreach (var module in modules)
        {
            Assert.That(module.GetProperty("applied_migrations").GetArrayLength(), Is.GreaterThan(0), module.ToString());
            Assert.That(module.GetProperty("pending_migrations").GetArrayLength(), Is.Zero, module.ToString());
        }
    }
}
