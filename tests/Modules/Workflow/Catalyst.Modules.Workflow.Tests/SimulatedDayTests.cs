using System.Net;
using Catalyst.Testing;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>
/// A supervised cycle through a whole simulated day, the virtual clock stepped minute by minute: the phases change at
/// their Eastern times, scans follow the schedule, a timed pause expires on the heartbeat, and the close ends the cycle.
/// </summary>
[NonParallelizable]
public sealed class SimulatedDayTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private string _cycleId = null!;
    private readonly List<(DateTimeOffset At, string Phase, string State)> _observed = [];
    private List<System.Text.Json.JsonElement> _timeline = null!;

    [OneTimeSetUp]
    public async Task RunTheDayAsync()
    {
        _app = await WorkflowTestHost.StartAsync(o => o.Settings["Catalyst:Workflow:ScanFrequencySeconds"] = "900");
        _client = _app.CreateApiClient();
        var (status, started) = await _client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), started.ToString());
        _cycleId = started.Str("cycle_id");

        await _app.RunUntilEtAsync(8, 20);
        var (paused, body) = await _client.PostJsonAsync("/api/v1/workflow/pause", new { duration_seconds = 600, reason = "waiting for a filing" });
        Assert.That(paused, Is.EqualTo(HttpStatusCode.OK), body.ToString());

        var session = _app.Session();
        while (await session.StepAsync())
        {
            var (_, s) = await _client.GetJsonAsync("/api/v1/workflow/status");
            var now = session.Clock.GetUtcNow();
            if (_observed.Count == 0 || _observed[^1].Phase != s.Str("phase") || _observed[^1].State != s.Str("cycle_state"))
                _observed.Add((now, s.Str("phase"), s.Str("cycle_state")));
        }
        _timeline = await _client.TimelineAsync(_cycleId);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public void The_phases_change_at_their_eastern_times()
    {
        var changes = _timeline.Where(e => e.Str("event_type") == "phase_changed")
            .Select(e => (e.Time(), e.GetProperty("metadata").Str("to"))).ToList();
        Assert.That(changes, Is.EqualTo(new[]
        {
            (WorkflowTestHost.Et(9, 30), "opening-range"),
            (WorkflowTestHost.Et(9, 45), "morning"),
            (WorkflowTestHost.Et(11, 30), "midday"),
            (WorkflowTestHost.Et(14, 0), "power-hour"),
            (WorkflowTestHost.Et(15, 30), "closed"),
        }));
    }

    [Test]
    public void The_status_walks_scanning_evaluating_monitoring_closed_for_a_supervised_cycle()
    {
        Assert.That(_observed.Select(o => o.State).Distinct(), Is.EqualTo(new[] { "scanning", "evaluating", "monitoring", "closed" }));
        var closedAt = _observed.First(o => o.State == "closed").At;
        Assert.That(closedAt, Is.GreaterThan(WorkflowTestHost.Et(15, 30)).And.LessThanOrEqualTo(WorkflowTestHost.Et(15, 55)),
            "the cycle closes once flat and reconciled, before 15:55");
    }

    [Test]
    public void Pre_market_scans_run_every_scan_frequency_except_while_paused_plus_one_after_the_opening_range()
    {
        var scans = _timeline.Where(e => e.Str("event_type") == "scan_started").ToList();
        var firstKinds = scans.Select(e => (e.Time(), e.GetProperty("metadata").Str("kind"))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(firstKinds[0], Is.EqualTo((WorkflowTestHost.Et(8, 0), "pre_market")));
            Assert.That(firstKinds[1], Is.EqualTo((WorkflowTestHost.Et(8, 15), "pre_market")));
            // Paused 08:20–08:30: the 08:30 slot runs right after the pause expires on the 08:30 beat.
            Assert.That(scans.Where(e => e.Time() > WorkflowTestHost.Et(8, 20) && e.Time() < WorkflowTestHost.Et(8, 30)), Is.Empty);
            Assert.That(firstKinds.Where(k => k.Item2 == "pre_market").All(k => k.Item1 < WorkflowTestHost.Et(9, 25)), Is.True);
            Assert.That(firstKinds.Count(k => k.Item2 == "post_opening_range"), Is.GreaterThanOrEqualTo(1));
            Assert.That(firstKinds.First(k => k.Item2 == "post_opening_range").Item1, Is.EqualTo(WorkflowTestHost.Et(9, 45)));
            Assert.That(scans.All(e => e.Time() < WorkflowTestHost.Et(15, 30)), Is.True);
        });
    }

    [Test]
    public void A_timed_pause_ends_on_the_heartbeat()
    {
        var resumed = _timeline.Single(e => e.Str("event_type") == "resumed");
        Assert.Multiple(() =>
        {
            Assert.That(resumed.Time(), Is.EqualTo(WorkflowTestHost.Et(8, 30)));
            Assert.That(resumed.GetProperty("metadata").Str("why"), Is.EqualTo("pause duration elapsed"));
            Assert.That(resumed.GetProperty("metadata").Str("pause_duration"), Is.EqualTo("10m 0s"));
        });
    }

    [Test]
    public async Task The_close_flattens_reconciles_reports_and_closes_the_cycle()
    {
        var types = _timeline.Select(e => e.Str("event_type")).ToList();
        var closeStart = types.IndexOf("close_started");
        Assert.Multiple(() =>
        {
            Assert.That(closeStart, Is.GreaterThan(0));
            Assert.That(_timeline[closeStart].Time(), Is.EqualTo(WorkflowTestHost.Et(15, 30)));
            Assert.That(types.Skip(closeStart), Does.Contain("positions_flattened"));
            Assert.That(types.Skip(closeStart), Does.Contain("reconciled"));
            Assert.That(types.Skip(closeStart), Does.Contain("eod_summary_sent"));
            Assert.That(types, Has.None.EqualTo("flatten_failed").And.None.EqualTo("reconcile_failed")
                .And.None.EqualTo("eod_summary_failed").And.None.EqualTo("not_flat_at_close"));
            Assert.That(types[^1], Is.EqualTo("cycle_closed"));
        });
        var (_, status) = await _client.GetJsonAsync("/api/v1/workflow/status");
        Assert.Multiple(() =>
        {
            Assert.That(status.Str("status"), Is.EqualTo("closed"));
            Assert.That(status.Str("cycle_state"), Is.EqualTo("closed"));
            Assert.That(status.Str("phase"), Is.EqualTo("closed"));
        });
        // After the close a new cycle cannot start: the session is over.
        var (late, error) = await _client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(late, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(error.GetProperty("error").Str("code"), Is.EqualTo("MARKET_CLOSED"));
    }

    [Test]
    public void A_supervised_cycle_never_enters_by_itself()
    {
        var types = _timeline.Select(e => e.Str("event_type")).ToList();
        Assert.That(types, Has.None.EqualTo("entry").And.None.EqualTo("entry_signal"));
    }

    [Test]
    public async Task The_timeline_is_in_time_order_and_decisions_are_readable()
    {
        Assert.That(_timeline.Select(e => e.Time()), Is.Ordered);
        var (status, decisions) = await _client.GetJsonAsync($"/api/v1/workflow/cycles/{_cycleId}/decisions?decision_type=risk");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(decisions.GetArrayLength(), Is.Zero, "supervised: the strategy never asked risk");
    }
}
