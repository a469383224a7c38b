using System.Net;
using System.Text.Json;
using Catalyst.Migrator;
using Catalyst.Testing;
using Microsoft.Extensions.Configuration;

namespace Catalyst.Host.Tests;

/// <summary>Redis down degrades, Postgres down refuses with 503, and both recover when the server returns.</summary>
[NonParallelizable]
public sealed class OutageTests
{
    [Test]
    public async Task Redis_stopped_is_degraded_but_requests_still_succeed()
    {
        await using var redis = await OwnRedis.StartAsync();
        await using var app = await CatalystApp.StartAsync(o => o.Settings["ConnectionStrings:cache"] = redis.ConnectionString);
        using var client = app.CreateApiClient();

        Assert.That(await HealthStatusAsync(client), Is.EqualTo("Healthy"));

        await redis.StopAsync();
        Assert.That(await HealthStatusAsync(client), Is.EqualTo("Degraded"));
        using var response = await client.GetAsync("/api/v1/system/modules");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await redis.RestartAsync();
        string status = "";
        for (var i = 0; i < 50 && status != "Healthy"; i++)
        {
            await Task.Delay(200);
            status = await HealthStatusAsync(client);
        }
        Assert.That(status, Is.EqualTo("Healthy"), "reconnects when Redis returns");
    }

    [Test]
    public async Task Postgres_stopped_is_503_in_the_envelope_and_recovers_when_it_returns()
    {
        await using var pg = await OwnPostgres.StartAsync();
        var connectionString = pg.ConnectionStringFor("catalyst");
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:catalystdb"] = connectionString })
            .Build();
        Assert.That(await MigratorProgram.RunAsync([], TextWriter.Null, TextWriter.Null, CancellationToken.None, config), Is.Zero);

        await using var app = await CatalystApp.StartAsync(o => o.Settings["ConnectionStrings:catalystdb"] = connectionString);
        using var client = app.CreateApiClient();
        using (var ok = await client.GetAsync("/api/v1/system/modules"))
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await pg.StopServerAsync();
        using (var down = await client.GetAsync("/api/v1/system/modules"))
        {
            var error = await EnvelopeAssert.IsErrorAsync(down, HttpStatusCode.ServiceUnavailable, "DATABASE_UNAVAILABLE");
            Assert.That(error.GetProperty("message").GetString(), Does.Not.Contain("Npgsql").And.Not.Contain("Exception"));
        }
        Assert.That(await HealthStatusAsync(client), Is.EqualTo("Unhealthy"));

        await pg.StartServerAsync();
        using var back = await client.GetAsync("/api/v1/system/modules");
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task<string> HealthStatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("status").GetString()!;
    }
}
