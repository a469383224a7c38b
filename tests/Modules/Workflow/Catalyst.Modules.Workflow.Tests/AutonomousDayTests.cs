using System.Net;
using System.Text.Json;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>
/// An autonomous cycle on the seeded catalyst day (seed 42, the EndToEnd day, on which the Stage 1 strategy enters),
/// run from 07:55 to 15:20 ET with Risk's kill switch on: the strategy's signals reach Risk and are refused.
/// </summary>
[NonParallelizable]
public sealed class AutonomousDayTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private string _cycleId = null!;
    private List<JsonElement> _timeline = null!;

    [OneTimeSetUp]
    public async Task RunTheDayAsync()
    {
        _app = await WorkflowTestHost.StartAsync(o => o.Settings["Catalyst:Simulation:Seed"] = "42");
        _client = _app.CreateApiClient();
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SetKillSwitch(true, "test: no entries today"));
        var (status, started) = await _client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "autonomous" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), started.ToString());
        _cycleId = started.Str("cycle_id");
        await _app.RunUntilEtAsync(15, 20);
        _timeline = await _client.TimelineAsync(_cycleId);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task The_last_entry_cutoff_is_a_state_change_on_the_timeline()
    {
        var changes = _timeline.Where(e => e.Str("event_type") == "cycle_state_changed")
            .Select(e => (e.Time(), e.GetProperty("metadata").Str("from"), e.GetProperty("metadata").Str("to"))).ToList();
        Assert.That(changes, Is.EqualTo(new[] { (WorkflowTestHost.Et(15, 15), "trading", "monitoring") }),
            "trading → monitoring at 15:15 without a phase change, and no other");
        var cutoff = _timeline.Single(e => e.Str("event_type") == "cycle_state_changed");
        Assert.Multiple(() =>
        {
            Assert.That(cutoff.Str("description"), Does.Contain("no new entries after 15:15 ET"));
            Assert.That(cutoff.GetProperty("metadata").Str("phase"), Is.EqualTo("power-hour"));
        });
        var morning = _timeline.Single(e => e.Str("event_type") == "phase_changed" && e.GetProperty("metadata").Str("to") == "morning");
        Assert.That(morning.GetProperty("metadata").Str("cycle_state"), Is.EqualTo("trading"), "a phase change names the state it leads to");
        var (_, status) = await _client.GetJsonAsync("/api/v1/workflow/status");
        Assert.That(status.Str("cycle_state"), Is.EqualTo("monitoring"));
    }

    [Test]
    public async Task A_risk_rejection_is_a_risk_decision_row_with_its_context_and_nothing_is_entered()
    {
        var (status, body) = await _client.GetJsonAsync($"/api/v1/workflow/cycles/{_cycleId}/decisions?decision_type=risk");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var risk = body.EnumerateArray().ToList();
        Assert.That(risk, Is.Not.Empty, "the strategy's signals reached Risk");
        Assert.That(risk.Select(d => d.Str("decision")), Is.All.EqualTo("rejected"), "the kill switch refuses every entry");
        var first = risk[0];
        var features = first.GetProperty("features");
        Assert.Multiple(() =>
        {
            Assert.That(first.Str("reason"), Does.Contain("Kill switch is active"));
            Assert.That(first.Str("symbol"), Is.Not.Empty);
            Assert.That(features.GetProperty("risk_details").Str("check_failed"), Is.EqualTo("kill_switch"));
            Assert.That(features.GetProperty("session_mode").GetString(), Is.EqualTo("autonomous"));
            foreach (var key in new[] { "entry", "stop", "target", "price", "volume_ratio", "final_score", "signal" })
                Assert.That(features.TryGetProperty(key, out _), Is.True, $"feature {key}");
        });
        Assert.That(_timeline.Where(e => e.Str("event_type") == "risk_rejected").Select(e => e.GetProperty("metadata").Str("symbol")),
            Does.Contain(first.Str("symbol")), "and a risk_rejected timeline event");

        var (_, entries) = await _client.GetJsonAsync($"/api/v1/workflow/cycles/{_cycleId}/decisions?decision_type=entry");
        Assert.That(entries.EnumerateArray().Where(d => d.Str("decision") == "entered"), Is.Empty);

        // The rows themselves, in workflow.decision_logs.
        await using var connection = new NpgsqlConnection(_app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM workflow.decision_logs WHERE cycle_id = @cycle AND decision_type = 'risk' AND decision = 'rejected' " +
            "AND security_id IS NOT NULL AND features->'risk_details'->>'check_failed' = 'kill_switch'", connection);
        command.Parameters.AddWithValue("cycle", Guid.Parse(_cycleId));
        Assert.That((long)(await command.ExecuteScalarAsync())!, Is.EqualTo(risk.Count));
    }
}
