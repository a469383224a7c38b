using System.Text.Json;
using Catalyst.Modules.Risk.Features.Actions;
using Catalyst.Modules.Risk.Features.Config;
using Catalyst.Modules.Risk.Features.Status;
using Catalyst.SharedKernel.Time;
using Catalyst.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static Catalyst.Modules.Risk.Tests.RiskTestKit;

namespace Catalyst.Modules.Risk.Tests;

/// <summary>
/// The loss-limit watcher's alerts (75% warning, 90% critical, once a day each) and the supervised 5-minute window for
/// the flatten it proposes at 100% (approve, reject, timeout), plus autonomous mode, on a FakeTimeProvider. Each scenario
/// runs on its own trading day, since the alerts and the action are once per day.
/// </summary>
[NonParallelizable]
public sealed class AlertsAndActionsTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private FakeTimeProvider _clock = null!;
    private AdjustableBroker _broker = null!;
    private RecordingExecutor _executor = null!;
    private FakeCycleProbe _cycles = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _clock = new FakeTimeProvider(MarketTime.AtEastern(Day, new TimeOnly(10, 0)));
        _executor = new RecordingExecutor();
        _cycles = new FakeCycleProbe();
        _app = await StartAsync(ParametersFile(), o =>
        {
            o.Clock = _clock;
            o.ConfigureServices = s =>
            {
                DecoratePorts(s);
                s.Replace(ServiceDescriptor.Singleton<IRiskActionExecutor>(_executor));
                s.Replace(ServiceDescriptor.Singleton<ICycleProbe>(_cycles));
            };
        });
        _client = _app.CreateApiClient();
        _broker = _app.Services.GetRequiredService<AdjustableBroker>();
        _broker.PositionsOverride = [];
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>Moves the clock to 10:00 ET on the next trading day and resets the account to flat.</summary>
    private void NextDay()
    {
        var next = NyseCalendar.NextTradingDay(MarketTime.EasternDate(_clock.GetUtcNow()));
        _clock.SetUtcNow(MarketTime.AtEastern(next, new TimeOnly(10, 0)));
        _executor.Fail = false;
        _cycles.Active = false;
        _cycles.SessionMode = "supervised";
    }

    /// <summary>Sets the day's P&amp;L (equity − last_equity) to exactly <paramref name="pnl"/>.</summary>
    private async Task SetDailyPnl(decimal pnl)
    {
        _broker.EquityOffset = 0m;
        var account = await _broker.GetAccountAsync(CancellationToken.None);
        _broker.EquityOffset = pnl - (account.Equity - account.LastEquity);
    }

    private async Task<string?> Watch()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LossLimitWatch>().EvaluateAsync(_clock.GetUtcNow(), CancellationToken.None);
    }

    private async Task<List<JsonElement>> Alerts(string type)
    {
        var (_, alerts) = await SendAsync(_client, HttpMethod.Get, "/api/v1/alerts?status=all");
        return alerts.EnumerateArray().Where(a => a.GetProperty("alert_type").GetString() == type).ToList();
    }

    private async Task<JsonElement> Action(Guid id)
    {
        var (_, actions) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/actions?status=all");
        return actions.EnumerateArray().Single(a => a.GetProperty("action_id").GetGuid() == id);
    }

    private async Task<Guid> Breach()
    {
        await SetDailyPnl(-2050m);
        Assert.That(await Watch(), Is.EqualTo("halted"));
        var (_, active) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/actions");
        var action = active.EnumerateArray().Single();
        Assert.That(action.GetProperty("action_type").GetString(), Is.EqualTo("flatten_all"));
        return action.GetProperty("action_id").GetGuid();
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return false;
    }

    [Test, Order(1)]
    public async Task Thresholds_raise_a_warning_then_a_critical_alert_once_a_day()
    {
        await SetDailyPnl(-1000m);
        Assert.That(await Watch(), Is.EqualTo("healthy"));
        Assert.That(await Alerts("daily_loss_limit"), Is.Empty);

        await SetDailyPnl(-1500m);
        Assert.That(await Watch(), Is.EqualTo("warning"));
        await Watch();
        var alerts = await Alerts("daily_loss_limit");
        Assert.That(alerts, Has.Count.EqualTo(1), "once per day");
        Assert.That(alerts[0].GetProperty("severity").GetString(), Is.EqualTo("warning"));
        Assert.That(alerts[0].GetProperty("message").GetString(), Is.EqualTo("Daily loss limit approaching: -$1,500.00 (75% of the $2,000 limit)"));

        await SetDailyPnl(-1850m);
        Assert.That(await Watch(), Is.EqualTo("critical"));
        alerts = await Alerts("daily_loss_limit");
        Assert.That(alerts, Has.Count.EqualTo(2));
        var critical = alerts.Single(a => a.GetProperty("severity").GetString() == "critical");
        Assert.That(critical.GetProperty("message").GetString(), Does.Contain("92.5% of the $2,000 limit"));
        Assert.That(critical.GetProperty("action_required").GetBoolean(), Is.True);
        Assert.That(critical.GetProperty("details").GetProperty("loss_limit_used_pct").GetDecimal(), Is.EqualTo(92.5m));

        var (ack, ackBody) = await PostAsync(_client, $"/api/v1/alerts/{critical.GetProperty("alert_id").GetGuid()}/acknowledge", new { });
        Assert.That(ack, Is.EqualTo(200), ackBody.ToString());
        Assert.That(ackBody.GetProperty("acknowledged").GetBoolean(), Is.True);
        var (_, active) = await SendAsync(_client, HttpMethod.Get, "/api/v1/alerts?status=active");
        Assert.That(active.EnumerateArray().Any(a => a.GetProperty("alert_id").GetGuid() == critical.GetProperty("alert_id").GetGuid()), Is.False);
    }

    [Test, Order(2)]
    public async Task Supervised_approve_runs_the_flatten_now()
    {
        NextDay();
        var id = await Breach();
        var action = await Action(id);
        Assert.That(action.GetProperty("status").GetString(), Is.EqualTo("pending"));
        Assert.That(action.GetProperty("execute_at").GetDateTimeOffset(), Is.EqualTo(_clock.GetUtcNow().AddMinutes(5)));
        var breach = (await Alerts("daily_loss_limit")).First(a => a.GetProperty("action_id").ValueKind == JsonValueKind.String
            && a.GetProperty("action_id").GetGuid() == id);
        Assert.That(breach.GetProperty("severity").GetString(), Is.EqualTo("critical"));
        Assert.That(breach.GetProperty("action_required").GetBoolean(), Is.True);
        Assert.That(breach.GetProperty("message").GetString(), Does.Contain("Supervised mode: all positions will be closed at 10:05 ET"));

        await Watch(); // a second minute past the limit proposes nothing new
        var (_, pending) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/actions");
        Assert.That(pending.GetArrayLength(), Is.EqualTo(1));

        var before = _executor.Executed.Count;
        var (status, body) = await PostAsync(_client, $"/api/v1/risk/actions/{id}/approve", new { });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("executed"));
        Assert.That(body.GetProperty("decided_by").GetString(), Is.EqualTo("api:" + CatalystApp.ApiKeyName));
        Assert.That(body.GetProperty("result").GetProperty("positions_closed").GetInt32(), Is.EqualTo(3));
        Assert.That(_executor.Executed.Count, Is.EqualTo(before + 1));

        var (again, againBody) = await PostAsync(_client, $"/api/v1/risk/actions/{id}/reject", new { });
        Assert.That(again, Is.EqualTo(409), againBody.ToString());
        _clock.Advance(TimeSpan.FromMinutes(6));
        await Task.Delay(200);
        Assert.That(_executor.Executed.Count, Is.EqualTo(before + 1), "the window's end does not run it twice");
    }

    [Test, Order(3)]
    public async Task Supervised_reject_cancels_the_flatten()
    {
        NextDay();
        var id = await Breach();
        var before = _executor.Executed.Count;
        var (status, body) = await PostAsync(_client, $"/api/v1/risk/actions/{id}/reject", new { });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("rejected"));

        _clock.Advance(TimeSpan.FromMinutes(6));
        await Task.Delay(300);
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RiskActionService>().ExecuteDueAsync(CancellationToken.None);
        Assert.That(_executor.Executed.Count, Is.EqualTo(before), "a rejected action never runs");
        Assert.That((await Action(id)).GetProperty("status").GetString(), Is.EqualTo("rejected"));

        var (entry, entryBody) = await PostAsync(_client, "/api/v1/risk/validate",
            new { symbol = "GRDA", side = "buy", quantity = 1, price = 50.0, stop_loss = 48.0, preview = true });
        Assert.That(entry, Is.EqualTo(403), "the loss limit still refuses entries: " + entryBody);
    }

    [Test, Order(4)]
    public async Task Supervised_timeout_runs_the_flatten_when_the_window_ends()
    {
        NextDay();
        var id = await Breach();
        var before = _executor.Executed.Count;
        _clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(300);
        Assert.That((await Action(id)).GetProperty("status").GetString(), Is.EqualTo("pending"), "four minutes in, still waiting");
        Assert.That(_executor.Executed.Count, Is.EqualTo(before));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await Eventually(async () => (await Action(id)).GetProperty("status").GetString() == "executed"), Is.True);
        var action = await Action(id);
        Assert.That(action.GetProperty("decided_by").GetString(), Is.EqualTo("timeout"));
        Assert.That(_executor.Executed.Count, Is.EqualTo(before + 1));
        Assert.That(_executor.Executed[^1].Reason, Does.StartWith("Risk: Daily loss limit reached"));
    }

    [Test, Order(4)]
    public async Task An_action_whose_timer_this_instance_never_set_still_ends_on_time_after_a_sweep()
    {
        NextDay();
        var id = await Breach();
        var scheduler = _app.Services.GetRequiredService<RiskActionScheduler>();
        // As after a restart (or when another instance proposed it): no timer here knows of the action.
        scheduler.Cancel(id);
        Assert.That(scheduler.HasPending, Is.False);
        var before = _executor.Executed.Count;

        _clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<RiskActionService>().ExecuteDueAsync(CancellationToken.None), Is.Zero);
        Assert.That(scheduler.HasPending, Is.True, "the sweep put a timer on the waiting action");

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.That(await Eventually(async () => (await Action(id)).GetProperty("status").GetString() == "executed"), Is.True,
            "executed when its window ended, not at the next sweep");
        Assert.That((await Action(id)).GetProperty("decided_by").GetString(), Is.EqualTo("timeout"));
        Assert.That(_executor.Executed.Count, Is.EqualTo(before + 1));
        Assert.That(scheduler.HasPending, Is.False);
    }

    [Test, Order(5)]
    public async Task Autonomous_mode_flattens_at_once()
    {
        NextDay();
        _cycles.Active = true;
        _cycles.SessionMode = "autonomous";
        var before = _executor.Executed.Count;
        await SetDailyPnl(-2001m);
        await Watch();
        var (_, all) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/actions?status=all");
        var action = all.EnumerateArray().First();
        Assert.That(action.GetProperty("status").GetString(), Is.EqualTo("executed"));
        Assert.That(action.GetProperty("decided_by").GetString(), Is.EqualTo("autonomous"));
        Assert.That(action.GetProperty("session_mode").GetString(), Is.EqualTo("autonomous"));
        Assert.That(_executor.Executed.Count, Is.EqualTo(before + 1));
    }

    [Test, Order(6)]
    public async Task A_failed_flatten_is_marked_and_alerted()
    {
        NextDay();
        _executor.Fail = true;
        var id = await Breach();
        var (status, body) = await PostAsync(_client, $"/api/v1/risk/actions/{id}/approve", new { });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(body.GetProperty("result").GetProperty("error").GetString(), Does.Contain("broker refused the close"));
        Assert.That((await Alerts("risk_action_failed")).Single().GetProperty("severity").GetString(), Is.EqualTo("critical"));
    }

    [Test]
    public async Task Unknown_or_malformed_ids_are_404_and_400()
    {
        var (missing, _) = await PostAsync(_client, $"/api/v1/risk/actions/{Guid.NewGuid()}/approve", new { });
        Assert.That(missing, Is.EqualTo(404));
        var (bad, body) = await PostAsync(_client, "/api/v1/alerts/not-a-uuid/acknowledge", new { });
        Assert.That(bad, Is.EqualTo(400));
        Assert.That(body.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo("alert_id"));
        var (status, statusBody) = await SendAsync(_client, HttpMethod.Get, "/api/v1/alerts?status=old");
        Assert.That(status, Is.EqualTo(400), statusBody.ToString());
    }
}
