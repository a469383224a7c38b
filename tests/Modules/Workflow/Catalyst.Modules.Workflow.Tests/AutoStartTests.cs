using System.Net;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>Catalyst:Simulation:AutoStart starts the day's cycle when the virtual day begins, once.</summary>
[NonParallelizable]
public sealed class AutoStartTests
{
    [Test]
    public async Task The_first_minute_starts_a_cycle_in_the_configured_mode_and_a_manual_stop_is_respected()
    {
        await using var app = await WorkflowTestHost.StartAsync(o => o.Settings["Catalyst:Simulation:AutoStart"] = "autonomous");
        using var client = app.CreateApiClient();
        var (_, before) = await client.GetJsonAsync("/api/v1/workflow/status");
        Assert.That(before.Str("status"), Is.EqualTo("none"));

        await app.Session().StepAsync();
        var (_, running) = await client.GetJsonAsync("/api/v1/workflow/status");
        Assert.Multiple(() =>
        {
            Assert.That(running.Str("status"), Is.EqualTo("running"));
            Assert.That(running.Str("session_mode"), Is.EqualTo("autonomous"));
            Assert.That(running.GetProperty("started_at").GetDateTimeOffset(), Is.EqualTo(WorkflowTestHost.Et(7, 56)));
        });
        var timeline = await client.TimelineAsync(running.Str("cycle_id"));
        Assert.That(timeline[0].GetProperty("metadata").Str("started_by"), Is.EqualTo("auto"));

        var (stopped, _) = await client.PostJsonAsync("/api/v1/workflow/stop", new { reason = "not today" });
        Assert.That(stopped, Is.EqualTo(HttpStatusCode.OK));
        await app.RunUntilEtAsync(8, 5);
        var (_, history) = await client.GetJsonAsync("/api/v1/workflow/cycles");
        Assert.That(history.GetArrayLength(), Is.EqualTo(1), "no second auto-start the same day");
    }
}
