using System.Net;
using System.Text.Json;

namespace Catalyst.Host.Tests;

internal static class EnvelopeAssert
{
    /// <summary>Asserts the §8.3 envelope and returns its "error" object.</summary>
    public static async Task<JsonElement> IsErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        using var doc = JsonDocument.Parse(body);
        var error = doc.RootElement.GetProperty("error").Clone();
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
            Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
            Assert.That(error.GetProperty("details").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(error.GetProperty("timestamp").GetString(), Does.EndWith("Z"));
            Assert.That(Guid.TryParse(error.GetProperty("request_id").GetString(), out _), Is.True);
        });
        return error;
    }
}
