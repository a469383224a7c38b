using System.Net;
using Catalyst.SharedKernel.Time;
using Catalyst.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>Starting on a day the NYSE is closed says so, and names the next trading day.</summary>
[NonParallelizable]
public sealed class MarketCalendarTests
{
    [Test]
    public async Task Starting_on_thanksgiving_is_refused_with_the_next_trading_day()
    {
        var clock = new FakeTimeProvider(MarketTime.AtEastern(new DateOnly(2026, 11, 26), new TimeOnly(10, 0)));
        await using var app = await WorkflowTestHost.StartAsync(o => o.Clock = clock);
        using var client = app.CreateApiClient();

        var (status, error) = await client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "autonomous" });
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(error.GetProperty("error").Str("code"), Is.EqualTo("MARKET_CLOSED"));
            Assert.That(error.GetProperty("error").Str("message"), Does.Contain("Thanksgiving Day").And.Contain("2026-11-27"));
            Assert.That(error.GetProperty("error").GetProperty("details").Str("next_trading_day"), Is.EqualTo("2026-11-27"));
        });
        var (_, idle) = await client.GetJsonAsync("/api/v1/workflow/status");
        Assert.Multiple(() =>
        {
            Assert.That(idle.Str("phase"), Is.EqualTo("closed"));
            Assert.That(idle.Str("market_status"), Is.EqualTo("closed"));
            Assert.That(idle.Str("message"), Does.Contain("closed on 2026-11-26"));
        });

        // The next day closes early: the cycle starts, and its close phase is at 12:30.
        clock.SetUtcNow(MarketTime.AtEastern(new DateOnly(2026, 11, 27), new TimeOnly(12, 40)));
        var (created, started) = await client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), started.ToString());
        Assert.That(started.Str("phase"), Is.EqualTo("closed"));

        clock.SetUtcNow(MarketTime.AtEastern(new DateOnly(2026, 11, 27), new TimeOnly(13, 1)));
        var (stopped, _) = await client.PostJsonAsync("/api/v1/workflow/stop");
        Assert.That(stopped, Is.EqualTo(HttpStatusCode.OK));
        var (late, lateError) = await client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(late, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(lateError.GetProperty("error").Str("message"), Does.Contain("closed at 13:00 ET"));
    }
}
