using System.Text.Json;
using Catalyst.Backtesting.Contracts;
using Catalyst.Backtesting.Persistence;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Backtesting;

/// <summary>
/// The job records behind POST/GET /api/v1/backtests and run_backtest. Times are wall-clock (<paramref name="wallClock"/>):
/// a job's life is real time even when the host's own clock is a simulated day.
/// </summary>
internal sealed class BacktestJobStore(IDbContextFactory<BacktestDbContext> contexts, TimeProvider wallClock)
{
    /// <summary>A running job whose heartbeat is older than this has lost its host.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

    public async Task<BacktestJobDto> CreateAsync(RunBacktest parameters, CancellationToken ct)
    {
        var row = new BacktestJobRow
        {
            Id = Guid.CreateVersion7(wallClock.GetUtcNow()),
            Status = BacktestStatuses.Queued,
            Parameters = Json(parameters),
            Progress = Json(BacktestProgressDto.Queued),
            CreatedAt = wallClock.GetUtcNow(),
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Jobs.Add(row);
        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    public async Task<BacktestJobDto> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct)
                  ?? throw new NotFoundException($"No backtest {id}.");
        return ToDto(row);
    }

    public async Task<IReadOnlyList<BacktestJobDto>> ListAsync(int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Jobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(limit).ToListAsync(ct);
        return [.. rows.Select(ToDto)];
    }

    /// <summary>Takes the oldest queued job for this host (skipping one another host is taking), or null.</summary>
    public async Task<(Guid Id, RunBacktest Parameters)?> ClaimNextAsync(CancellationToken ct)
    {
        var now = wallClock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE backtest.jobs SET status = 'running', started_at = {now}, heartbeat_at = {now}
            WHERE id = (SELECT id FROM backtest.jobs WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        if (ids.Count == 0) return null;
        var row = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == ids[0], ct);
        return (row.Id, Read<RunBacktest>(row.Parameters));
    }

    /// <summary>Stores progress and renews the heartbeat; true when someone asked to cancel the job.</summary>
    public async Task<bool> ReportProgressAsync(Guid id, BacktestProgressDto progress, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Jobs.FirstAsync(j => j.Id == id, ct);
        row.Progress = Json(progress);
        row.HeartbeatAt = wallClock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return row.CancelRequested;
    }

    public Task CompleteAsync(Guid id, BacktestSummaryDto result, BacktestProgressDto progress, string reportDirectory,
        CancellationToken ct) =>
        FinishAsync(id, BacktestStatuses.Completed, progress, row =>
        {
            row.Result = Json(result);
            row.ReportDirectory = reportDirectory;
        }, ct);

    public Task FailAsync(Guid id, string error, CancellationToken ct) =>
        FinishAsync(id, BacktestStatuses.Failed, null, row => row.Error = Truncate(error), ct);

    public Task MarkCancelledAsync(Guid id, CancellationToken ct) =>
        FinishAsync(id, BacktestStatuses.Cancelled, null, row => row.Error = "cancelled on request", ct);

    /// <summary>Queued → cancelled at once; running → asks the runner to stop; finished → 409.</summary>
    public async Task<BacktestJobDto> RequestCancelAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Jobs.FirstOrDefaultAsync(j => j.Id == id, ct) ?? throw new NotFoundException($"No backtest {id}.");
        if (BacktestStatuses.IsFinished(row.Status))
            throw new ConflictException("BACKTEST_FINISHED", $"Backtest {id} is already {row.Status}.");
        row.CancelRequested = true;
        if (row.Status == BacktestStatuses.Queued)
        {
            row.Status = BacktestStatuses.Cancelled;
            row.Error = "cancelled on request";
            row.FinishedAt = wallClock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    /// <summary>
    /// Running jobs whose heartbeat is older than <paramref name="staleAfter"/> lost their host (a restart, a crash): they
    /// are marked failed with that reason, so a client polling them learns the truth instead of waiting forever.
    /// </summary>
    public async Task<int> FailInterruptedAsync(TimeSpan staleAfter, CancellationToken ct)
    {
        var cutoff = wallClock.GetUtcNow() - staleAfter;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stale = await db.Jobs.Where(j => j.Status == BacktestStatuses.Running
                                             && (j.HeartbeatAt == null || j.HeartbeatAt < cutoff)).ToListAsync(ct);
        foreach (var row in stale)
        {
            row.Status = BacktestStatuses.Failed;
            row.Error = "interrupted: the host running this backtest stopped (restart or crash) before it finished; run it again";
            row.FinishedAt = wallClock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        return stale.Count;
    }

    private async Task FinishAsync(Guid id, string status, BacktestProgressDto? progress, Action<BacktestJobRow> apply,
        CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Jobs.FirstAsync(j => j.Id == id, ct);
        row.Status = status;
        row.FinishedAt = wallClock.GetUtcNow();
        row.HeartbeatAt = row.FinishedAt;
        if (progress is not null) row.Progress = Json(progress);
        apply(row);
        await db.SaveChangesAsync(ct);
    }

    private static BacktestJobDto ToDto(BacktestJobRow row) => new(row.Id, row.Status, Read<RunBacktest>(row.Parameters),
        Read<BacktestProgressDto>(row.Progress), row.CreatedAt, row.StartedAt, row.FinishedAt, row.ReportDirectory, row.Error,
        row.Result is null ? null : Read<BacktestSummaryDto>(row.Result));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, WireJson.Options);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, WireJson.Options)
                                             ?? throw new InvalidOperationException($"Stored {typeof(T).Name} is null.");

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..3997] + "...";
}
