using System.Net;
using Catalyst.Testing;

namespace Catalyst.Host.Tests;

public sealed class ErrorEnvelopeTests
{
    private CatalystApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await CatalystApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task Unknown_route_is_404_in_the_envelope()
    {
        using var client = _app.CreateApiClient();
        using var response = await client.GetAsync("/api/v1/no-such-thing");
        await EnvelopeAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Wrong_method_is_405_in_the_envelope()
    {
        using var client = _app.CreateApiClient();
        using var response = await client.DeleteAsync("/api/v1/system/modules");
        await EnvelopeAssert.IsErrorAsync(response, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Test]
    public async Task Request_id_in_the_envelope_matches_the_response_header()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/api/v1/system/modules");
        var error = await EnvelopeAssert.IsErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.That(response.Headers.GetValues("X-Request-Id").Single(), Is.EqualTo(error.GetProperty("request_id").GetString()));
    }
}
