using Catalyst.Backtesting.Contracts;
using Catalyst.Backtesting.Persistence;
using Catalyst.Host.Backtesting;
using Catalyst.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Backtesting.Tests;

/// <summary>The job records: a restart fails what it interrupted; cancel is honoured; a finished job cannot be cancelled.</summary>
[NonParallelizable]
public sealed class JobStoreTests
{
    private CatalystApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await CatalystApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task A_job_left_running_by_a_host_that_stopped_is_marked_failed_when_a_host_starts()
    {
        var contexts = _app.Services.GetRequiredService<IDbContextFactory<BacktestDbContext>>();
        var id = Guid.NewGuid();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Jobs.Add(new BacktestJobRow
            {
                Id = id,
                Status = BacktestStatuses.Running,
                Parameters = """{"start_date":"2026-11-02","end_date":"2026-11-03"}""",
                Progress = """{"days_completed":0,"days_total":2,"percent":0,"message":"day 1/2"}""",
                CreatedAt = TimeProvider.System.GetUtcNow().AddMinutes(-2),
                StartedAt = TimeProvider.System.GetUtcNow().AddMinutes(-2),
                HeartbeatAt = TimeProvider.System.GetUtcNow().AddMinutes(-1),
            });
            await db.SaveChangesAsync();
        }

        var runner = ActivatorUtilities.CreateInstance<BacktestJobRunner>(_app.Services);
        await runner.StartAsync(CancellationToken.None);
        var store = _app.Services.GetRequiredService<Catalyst.Backtesting.BacktestJobStore>();
        BacktestJobDto job;
        var waited = 0;
        do
        {
            await Task.Delay(100);
            job = await store.GetAsync(id, CancellationToken.None);
        } while (job.Status == BacktestStatuses.Running && (waited += 100) < 10_000);
        await runner.StopAsync(CancellationToken.None);

        Assert.That(job.Status, Is.EqualTo(BacktestStatuses.Failed));
        Assert.That(job.Error, Does.Contain("interrupted"));
        Assert.That(job.FinishedAt, Is.Not.Null);
    }

    [Test]
    public async Task A_finished_job_cannot_be_cancelled()
    {
        var store = _app.Services.GetRequiredService<Catalyst.Backtesting.BacktestJobStore>();
        var contexts = _app.Services.GetRequiredService<IDbContextFactory<BacktestDbContext>>();
        var id = Guid.NewGuid();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Jobs.Add(new BacktestJobRow
            {
                Id = id, Status = BacktestStatuses.Failed, Parameters = "{}", Progress = "{}", Error = "x",
                CreatedAt = TimeProvider.System.GetUtcNow(), FinishedAt = TimeProvider.System.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        var ex = Assert.ThrowsAsync<Catalyst.SharedKernel.Errors.ConflictException>(() => store.RequestCancelAsync(id, CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("already failed"));
    }
}
