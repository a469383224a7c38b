using System.Text.Json;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Persistence;
using Catalyst.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Reporting.Tests;

/// <summary>
/// The end-of-day summary reaches a real SMTP server (MailKit → <see cref="SmtpSink"/>) and a real webhook (Kestrel),
/// the webhook being retried after a first 500; failures are stored, not lost; a re-run does not send twice.
/// </summary>
[NonParallelizable]
public sealed class EndOfDayTests
{
    private static readonly DateOnly Thursday = new(2025, 10, 23);

    private static void Sinks(CatalystAppOptions o, SmtpSink? smtp, Uri? webhook)
    {
        if (smtp is not null)
        {
            o.Settings["Catalyst:Reporting:EndOfDay:Email:Host"] = "127.0.0.1";
            o.Settings["Catalyst:Reporting:EndOfDay:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Settings["Catalyst:Reporting:EndOfDay:Email:From"] = "catalyst@desk.test";
            o.Settings["Catalyst:Reporting:EndOfDay:Email:To"] = "trader@desk.test; ops@desk.test";
        }
        if (webhook is not null)
        {
            o.Settings["Catalyst:Reporting:EndOfDay:Webhook:Url"] = webhook.ToString();
            o.Settings["Catalyst:Reporting:EndOfDay:Webhook:RetryDelayMs"] = "20";
            o.Settings["Catalyst:Reporting:EndOfDay:Webhook:Attempts"] = "3";
        }
        o.Settings["Catalyst:Reporting:PublicBaseUrl"] = "https://catalyst.desk.test/";
    }

    [Test]
    public async Task The_summary_reaches_the_smtp_server_and_the_webhook_after_a_first_500()
    {
        await using var smtp = new SmtpSink();
        await using var hook = await WebhookReceiver.StartAsync(500);
        await using var app = await ReportingApp.StartAsync(configure: o => Sinks(o, smtp, hook.Url));
        await app.PublishAsync(HandComputedJournal.Trades);
        var cycle = Guid.NewGuid();

        var result = await app.SendAsync(new SendEndOfDaySummary(Thursday, cycle));

        Assert.Multiple(() =>
        {
            Assert.That(result.DeliveredTo, Is.EquivalentTo(new[] { "email", "webhook" }));
            Assert.That(result.Failed, Is.Empty);
            Assert.That(result.Report.Pnl, Is.EqualTo(700m));
            Assert.That(result.Text, Does.Contain("Daily Trading Summary - October 23, 2025"));
            Assert.That(result.Text, Does.Contain("Daily P&L: $700.00 (+0.70%)"));
            Assert.That(result.Text, Does.Contain("Win Rate: 50% (1 wins, 1 losses)"));
            Assert.That(result.Text, Does.Contain("Profit Factor: 8.00"));
            Assert.That(result.Text, Does.Contain("1. ✅ AAPL: +$800.00 (cup_and_handle, Analyst upgrade, take_profit)"));
            Assert.That(result.Text, Does.Contain("https://catalyst.desk.test/api/v1/journal?date=2025-10-23"));
            Assert.That(result.Text, Does.Contain("Next session: Friday, October 24, 2025."));
        });

        var mail = smtp.Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.From, Is.EqualTo("catalyst@desk.test"));
            Assert.That(mail.To, Is.EquivalentTo(new[] { "trader@desk.test", "ops@desk.test" }));
            Assert.That(mail.Data, Does.Contain("Subject: Catalyst daily summary 2025-10-23: +$700.00 (+0.70%), 2 trades"));
            Assert.That(mail.Data, Does.Contain("equity-2025-10-23.png"), "the chart is attached");
            Assert.That(mail.Data, Does.Contain("image/png"));
        });

        Assert.That(hook.Bodies, Has.Count.EqualTo(2), "one 500, then the retry");
        Assert.That(hook.Bodies[1], Is.EqualTo(hook.Bodies[0]), "the retry sends the same body");
        using (var body = JsonDocument.Parse(hook.Bodies[1]))
        {
            var root = body.RootElement;
            Assert.Multiple(() =>
            {
                Assert.That(root.GetProperty("event").GetString(), Is.EqualTo("end_of_day_summary"));
                Assert.That(root.GetProperty("date").GetString(), Is.EqualTo("2025-10-23"));
                Assert.That(root.GetProperty("cycle_id").GetGuid(), Is.EqualTo(cycle));
                Assert.That(root.GetProperty("report").GetProperty("pnl").GetDecimal(), Is.EqualTo(700m));
                Assert.That(root.GetProperty("report").GetProperty("trades_executed").GetInt32(), Is.EqualTo(2));
                Assert.That(root.GetProperty("text").GetString(), Is.EqualTo(result.Text));
                Assert.That(root.GetProperty("trades").GetArrayLength(), Is.EqualTo(2));
            });
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var stored = await db.DailyReports.AsNoTracking().SingleAsync();
        var deliveries = await db.EodDeliveries.AsNoTracking().OrderBy(d => d.Sink).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(stored.ReportDate, Is.EqualTo(Thursday));
            Assert.That(stored.CycleId, Is.EqualTo(cycle));
            Assert.That(stored.Pnl, Is.EqualTo(700m));
            Assert.That(stored.SummaryText, Is.EqualTo(result.Text));
            Assert.That(JsonDocument.Parse(stored.ReportJson).RootElement.GetProperty("profit_factor").GetDecimal(), Is.EqualTo(8m));
            Assert.That(deliveries.Select(d => (d.Sink, d.Status, d.Attempts)),
                Is.EqualTo(new[] { ("email", "delivered", 1), ("webhook", "delivered", 2) }));
        });
    }

    [Test]
    public async Task A_rerun_for_the_same_day_does_not_send_twice()
    {
        await using var smtp = new SmtpSink();
        await using var hook = await WebhookReceiver.StartAsync();
        await using var app = await ReportingApp.StartAsync(configure: o => Sinks(o, smtp, hook.Url));
        await app.PublishAsync(HandComputedJournal.Trades);

        await app.SendAsync(new SendEndOfDaySummary(Thursday, null));
        var again = await app.SendAsync(new SendEndOfDaySummary(Thursday, null));

        Assert.Multiple(() =>
        {
            Assert.That(again.DeliveredTo, Is.EquivalentTo(new[] { "email", "webhook" }));
            Assert.That(smtp.Messages, Has.Count.EqualTo(1));
            Assert.That(hook.Bodies, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_webhook_that_keeps_failing_is_stored_with_its_error_alerted_and_the_email_still_goes()
    {
        await using var smtp = new SmtpSink();
        await using var hook = await WebhookReceiver.StartAsync(503, 503, 503, 503);
        await using var app = await ReportingApp.StartAsync(configure: o => Sinks(o, smtp, hook.Url));
        await app.PublishAsync(HandComputedJournal.Trades);

        var first = await app.SendAsync(new SendEndOfDaySummary(Thursday, null));

        var alerts = await app.SendAsync(new Catalyst.Modules.Risk.Contracts.GetAlerts("active"));
        var alert = alerts.Where(a => a.AlertType == "eod_delivery_failed").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(alert, Has.Count.EqualTo(1), "one eod_delivery_failed alert, for the webhook only");
            Assert.That(alert.FirstOrDefault()?.Severity, Is.EqualTo("warning"));
            Assert.That(alert.FirstOrDefault()?.Message, Does.Contain("webhook").And.Contain("2025-10-23").And.Contain("503"));
            Assert.That(alert.FirstOrDefault()?.Details?["sink"]?.ToString(), Is.EqualTo("webhook"));
            Assert.That(alert.FirstOrDefault()?.Details?["target"]?.ToString(), Is.EqualTo(hook.Url.ToString()));
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            var failed = await db.EodDeliveries.AsNoTracking().SingleAsync(d => d.Sink == "webhook");
            Assert.Multiple(() =>
            {
                Assert.That(first.Failed, Is.EqualTo(new[] { "webhook" }));
                Assert.That(first.DeliveredTo, Is.EqualTo(new[] { "email" }));
                Assert.That(hook.Bodies, Has.Count.EqualTo(3), "Attempts = 3");
                Assert.That(failed.Status, Is.EqualTo("failed"));
                Assert.That(failed.Attempts, Is.EqualTo(3));
                Assert.That(failed.Error, Does.Contain("503"));
                Assert.That(smtp.Messages, Has.Count.EqualTo(1));
            });
        }

        // The operator re-runs it once the receiver is back: only the webhook is tried again.
        var second = await app.SendAsync(new SendEndOfDaySummary(Thursday, null));
        Assert.Multiple(() =>
        {
            Assert.That(second.DeliveredTo, Is.EquivalentTo(new[] { "email", "webhook" }));
            Assert.That(second.Failed, Is.Empty);
            Assert.That(smtp.Messages, Has.Count.EqualTo(1));
            Assert.That(hook.Bodies, Has.Count.EqualTo(5), "one 503 left, then the 200");
        });
    }

    [Test]
    public async Task An_unreachable_smtp_server_is_a_stored_failure_not_an_exception()
    {
        int closedPort;
        await using (var probe = new SmtpSink()) closedPort = probe.Port;
        await using var app = await ReportingApp.StartAsync(configure: o =>
        {
            o.Settings["Catalyst:Reporting:EndOfDay:Email:Host"] = "127.0.0.1";
            o.Settings["Catalyst:Reporting:EndOfDay:Email:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Settings["Catalyst:Reporting:EndOfDay:Email:To"] = "trader@desk.test";
        });

        var result = await app.SendAsync(new SendEndOfDaySummary(Thursday, null));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var failed = await db.EodDeliveries.AsNoTracking().SingleAsync();
        // Not lost silently: the trader sees an alert (Risk's alerts, the same list as GET /api/v1/alerts and MCP).
        var alerts = await app.SendAsync(new Catalyst.Modules.Risk.Contracts.GetAlerts("active"));
        var alert = alerts.SingleOrDefault(a => a.AlertType == "eod_delivery_failed");
        Assert.Multiple(() =>
        {
            Assert.That(alert, Is.Not.Null, "an eod_delivery_failed alert is raised");
            Assert.That(alert?.Message, Does.Contain("email").And.Contain("2025-10-23"));
            Assert.That(result.Failed, Is.EqualTo(new[] { "email" }));
            Assert.That(failed.Status, Is.EqualTo("failed"));
            Assert.That(failed.Target, Is.EqualTo("trader@desk.test"));
            Assert.That(failed.Error, Is.Not.Empty);
            Assert.That(result.Text, Does.Contain("No trades closed today."));
        });
    }

    [Test]
    public async Task With_no_sink_configured_the_report_is_stored_only()
    {
        await using var app = await ReportingApp.StartAsync();
        await app.PublishAsync(HandComputedJournal.Trades);

        var result = await app.SendAsync(new SendEndOfDaySummary(HandComputedJournal.Monday, null));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        Assert.Multiple(async () =>
        {
            Assert.That(result.DeliveredTo, Is.Empty);
            Assert.That(result.Failed, Is.Empty);
            Assert.That(result.Report.Pnl, Is.EqualTo(300m));
            Assert.That(await db.DailyReports.CountAsync(), Is.EqualTo(1));
            Assert.That(await db.EodDeliveries.CountAsync(), Is.Zero);
        });
    }
}
