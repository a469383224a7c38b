using System.Net;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>
/// A close whose end-of-day summary fails (Reporting's table is gone) is not lost silently: an error in the log, a
/// warning alert through Risk and an eod_summary_failed timeline event; the cycle still closes.
/// </summary>
[NonParallelizable]
public sealed class EndOfDaySummaryFailureTests
{
    [Test]
    public async Task A_failed_summary_is_logged_as_an_error_alerted_and_on_the_timeline()
    {
        var logs = new CapturedLogs(LogLevel.Error);
        await using var app = await WorkflowTestHost.StartAsync(o => o.ConfigureServices = s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = app.CreateApiClient();
        await app.RunUntilEtAsync(15, 20);
        var (created, started) = await client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), started.ToString());

        // Reporting can no longer store the day's report.
        await using (var connection = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("ALTER TABLE reporting.daily_reports RENAME TO daily_reports_gone", connection);
            await command.ExecuteNonQueryAsync();
        }
        await app.RunUntilEtAsync(15, 40);

        var timeline = await client.TimelineAsync(started.Str("cycle_id"));
        var types = timeline.Select(e => e.Str("event_type")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(types, Does.Contain("eod_summary_failed").And.No.Contain("eod_summary_sent"));
            Assert.That(types[^1], Is.EqualTo("cycle_closed"), "the cycle closes all the same");
        });

        await using var scope = app.Services.CreateAsyncScope();
        var alerts = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetAlerts("active"));
        var alert = alerts.SingleOrDefault(a => a.AlertType == "eod_summary_failed");
        Assert.Multiple(() =>
        {
            Assert.That(alert, Is.Not.Null, "an eod_summary_failed alert; alerts: " + string.Join(", ", alerts.Select(a => a.AlertType)));
            Assert.That(alert?.Severity, Is.EqualTo("warning"));
            Assert.That(alert?.Message, Does.Contain("2026-03-10"));
            Assert.That(alert?.Details?["cycle_id"]?.ToString(), Is.EqualTo(started.Str("cycle_id")));
            Assert.That(logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("End-of-day summary", StringComparison.Ordinal)),
                Is.Not.Empty, "logged at Error; captured: " + string.Join("\n", logs.Lines.Take(5)));
        });
    }
}
