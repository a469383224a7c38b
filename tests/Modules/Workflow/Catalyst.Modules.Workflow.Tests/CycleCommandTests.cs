using System.Net;
using Catalyst.Testing;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>§5.4 start/stop/status, pause/resume, history and timeline on the real Host (Simulation, clock at 07:55 ET).</summary>
[NonParallelizable]
public sealed class CycleCommandTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await WorkflowTestHost.StartAsync();
        _client = _app.CreateApiClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task Start_pause_resume_stop_each_answer_with_their_shapes_and_conflicts()
    {
        var (status, idle) = await _client.GetJsonAsync("/api/v1/workflow/status");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(idle.GetProperty("cycle_id").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(idle.Str("status"), Is.EqualTo("none"));
            Assert.That(idle.Str("phase"), Is.EqualTo("pre-market"));
            Assert.That(idle.Str("instance"), Is.EqualTo("leader"));
            Assert.That(idle.Str("market_status"), Is.EqualTo("pre-market"));
        });

        var (created, started) = await _client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), started.ToString());
        var cycleId = started.Str("cycle_id");
        Assert.Multiple(() =>
        {
            Assert.That(Guid.TryParse(cycleId, out _), Is.True);
            Assert.That(started.Str("date"), Is.EqualTo("2026-03-10"));
            Assert.That(started.Str("session_mode"), Is.EqualTo("supervised"));
            Assert.That(started.Str("status"), Is.EqualTo("started"));
            Assert.That(started.Str("phase"), Is.EqualTo("pre-market"));
        });

        var (again, conflict) = await _client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "autonomous" });
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(conflict.GetProperty("error").Str("code"), Is.EqualTo("WORKFLOW_ALREADY_RUNNING"));
            Assert.That(conflict.GetProperty("error").GetProperty("details").Str("cycle_id"), Is.EqualTo(cycleId));
        });

        var (_, running) = await _client.GetJsonAsync("/api/v1/workflow/status");
        Assert.Multiple(() =>
        {
            Assert.That(running.Str("cycle_id"), Is.EqualTo(cycleId));
            Assert.That(running.Str("cycle_state"), Is.EqualTo("scanning"));
            Assert.That(running.Str("status"), Is.EqualTo("running"));
            Assert.That(running.Str("session_mode"), Is.EqualTo("supervised"));
            Assert.That(running.GetProperty("started_at").GetDateTimeOffset(), Is.EqualTo(WorkflowTestHost.Et(7, 55)));
        });

        var (pausedStatus, paused) = await _client.PostJsonAsync("/api/v1/workflow/pause", new { duration_seconds = 900, reason = "news check" });
        Assert.Multiple(() =>
        {
            Assert.That(pausedStatus, Is.EqualTo(HttpStatusCode.OK), paused.ToString());
            Assert.That(paused.Str("status"), Is.EqualTo("paused"));
            Assert.That(paused.GetProperty("resume_at").GetDateTimeOffset(), Is.EqualTo(WorkflowTestHost.Et(8, 10)));
            Assert.That(paused.Str("pause_reason"), Is.EqualTo("news check"));
        });
        var (pauseAgain, pauseConflict) = await _client.PostJsonAsync("/api/v1/workflow/pause", new { reason = "again" });
        Assert.That(pauseAgain, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(pauseConflict.GetProperty("error").Str("code"), Is.EqualTo("WORKFLOW_ALREADY_PAUSED"));

        var (resumedStatus, resumed) = await _client.PostJsonAsync("/api/v1/workflow/resume");
        Assert.Multiple(() =>
        {
            Assert.That(resumedStatus, Is.EqualTo(HttpStatusCode.OK), resumed.ToString());
            Assert.That(resumed.Str("status"), Is.EqualTo("running"));
            Assert.That(resumed.Str("message"), Does.Contain("resumed after 0m 0s"));
            Assert.That(resumed.GetProperty("resume_at").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
        var (resumeAgain, resumeConflict) = await _client.PostJsonAsync("/api/v1/workflow/resume");
        Assert.That(resumeAgain, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(resumeConflict.GetProperty("error").Str("code"), Is.EqualTo("WORKFLOW_NOT_PAUSED"));

        var (stoppedStatus, stopped) = await _client.PostJsonAsync("/api/v1/workflow/stop", new { reason = "done for today" });
        Assert.Multiple(() =>
        {
            Assert.That(stoppedStatus, Is.EqualTo(HttpStatusCode.OK), stopped.ToString());
            Assert.That(stopped.Str("cycle_id"), Is.EqualTo(cycleId));
            Assert.That(stopped.Str("status"), Is.EqualTo("stopped"));
            Assert.That(stopped.GetProperty("positions_closed").GetInt32(), Is.Zero);
            Assert.That(stopped.GetProperty("stopped_at").GetDateTimeOffset(), Is.EqualTo(WorkflowTestHost.Et(7, 55)));
        });
        var (stopAgain, stopConflict) = await _client.PostJsonAsync("/api/v1/workflow/stop");
        Assert.That(stopAgain, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(stopConflict.GetProperty("error").Str("code"), Is.EqualTo("WORKFLOW_NOT_RUNNING"));
        var (pauseStopped, _) = await _client.PostJsonAsync("/api/v1/workflow/pause", new { reason = "x" });
        Assert.That(pauseStopped, Is.EqualTo(HttpStatusCode.Conflict));

        var (_, afterStop) = await _client.GetJsonAsync("/api/v1/workflow/status");
        Assert.Multiple(() =>
        {
            Assert.That(afterStop.Str("status"), Is.EqualTo("stopped"));
            Assert.That(afterStop.Str("cycle_state"), Is.EqualTo("closed"));
            Assert.That(afterStop.Str("stop_reason"), Is.EqualTo("done for today"));
        });

        // A stopped cycle may be followed by a new one the same day (one ACTIVE cycle per day).
        var (second, secondBody) = await _client.PostJsonAsync("/api/v1/workflow/start", "{}");
        Assert.That(second, Is.EqualTo(HttpStatusCode.Created), secondBody.ToString());
        Assert.That(secondBody.Str("session_mode"), Is.EqualTo("supervised"), "the default session mode");

        var (_, history) = await _client.GetJsonAsync("/api/v1/workflow/cycles?limit=5");
        var cycles = history.EnumerateArray().ToList();
        Assert.That(cycles, Has.Count.EqualTo(2));
        Assert.That(cycles[1].Str("cycle_id"), Is.EqualTo(cycleId));

        var timeline = await _client.TimelineAsync(cycleId);
        Assert.That(timeline.Select(e => e.Str("event_type")),
            Is.EqualTo(new[] { "cycle_started", "paused", "resumed", "cycle_stopping", "cycle_stopped" }));
        Assert.That(timeline[1].Str("description"), Does.Contain("news check"));
        Assert.That(timeline[1].GetProperty("metadata").GetProperty("duration_seconds").GetInt32(), Is.EqualTo(900));
    }

    [TestCase("/api/v1/workflow/start", """{"session_mode":"yolo"}""", "session_mode")]
    [TestCase("/api/v1/workflow/start", """{"session_mode":5}""", "session_mode")]
    [TestCase("/api/v1/workflow/start", "not json", "body")]
    [TestCase("/api/v1/workflow/pause", """{"duration_seconds":0,"reason":"x"}""", "duration_seconds")]
    [TestCase("/api/v1/workflow/pause", """{"duration_seconds":86401}""", "duration_seconds")]
    [TestCase("/api/v1/workflow/pause", """{"duration_seconds":"ten"}""", "duration_seconds")]
    [TestCase("/api/v1/workflow/pause", """{"reason":"   "}""", "reason")]
    [TestCase("/api/v1/workflow/stop", """{"reason":""}""", "reason")]
    [TestCase("/api/v1/workflow/emergency-stop", """{"reason":"too short"}""", "reason")]
    [TestCase("/api/v1/workflow/emergency-stop", "{}", "reason")]
    public async Task Bad_input_is_a_400_naming_the_field(string url, string body, string field)
    {
        var (status, error) = await _client.PostJsonAsync(url, body);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), error.ToString());
            Assert.That(error.GetProperty("error").Str("code"), Is.EqualTo("VALIDATION_FAILED"));
            Assert.That(error.GetProperty("error").GetProperty("details").Str("field"), Is.EqualTo(field));
        });
    }

    [TestCase("/api/v1/workflow/cycles?limit=0", 400, "limit")]
    [TestCase("/api/v1/workflow/cycles?limit=abc", 400, "limit")]
    [TestCase("/api/v1/workflow/cycles/not-a-guid/timeline", 400, "cycle_id")]
    [TestCase("/api/v1/workflow/cycles/not-a-guid/decisions", 400, "cycle_id")]
    [TestCase("/api/v1/workflow/cycles/00000000-0000-0000-0000-000000000001/decisions?decision_type=guess", 400, "decision_type")]
    [TestCase("/api/v1/workflow/positions/nope/status", 400, "position_id")]
    [TestCase("/api/v1/workflow/cycles/00000000-0000-0000-0000-000000000001/timeline", 404, null)]
    [TestCase("/api/v1/workflow/cycles/00000000-0000-0000-0000-000000000001/decisions", 404, null)]
    public async Task Bad_reads_are_400_or_404_in_the_envelope(string url, int expected, string? field)
    {
        var (status, error) = await _client.GetJsonAsync(url);
        Assert.That((int)status, Is.EqualTo(expected), error.ToString());
        Assert.That(error.GetProperty("error").TryGetProperty("request_id", out _), Is.True);
        if (field is not null) Assert.That(error.GetProperty("error").GetProperty("details").Str("field"), Is.EqualTo(field));
    }

    [Test]
    public async Task Every_route_needs_the_api_key()
    {
        using var anonymous = _app.CreateClient();
        var response = await anonymous.GetAsync(new Uri("/api/v1/workflow/status", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
