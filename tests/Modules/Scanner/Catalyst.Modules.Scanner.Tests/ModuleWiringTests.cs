using System.Net;
using Catalyst.Testing;

namespace Catalyst.Modules.Scanner.Tests;

/// <summary>The module is registered in the real Host and its schema is migrated.</summary>
public sealed class ModuleWiringTests
{
    [Test]
    public async Task The_host_lists_the_module_with_its_schema()
    {
        await using var app = await CatalystApp.StartAsync();
        using var client = app.CreateApiClient();
        var response = await client.GetAsync(new Uri("/api/v1/system/modules", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"Scanner\"").IgnoreCase);
    }
}
