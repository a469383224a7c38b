using Catalyst.Backtesting;
using Catalyst.Backtesting.Contracts;
using Catalyst.SharedKernel.Errors;
using Mediator;

namespace Catalyst.Host.Backtesting;

/// <summary>Configuration section <c>Catalyst:Backtest</c>.</summary>
internal sealed class BacktestOptions
{
    public const string Section = "Catalyst:Backtest";

    /// <summary>Where REST/MCP runs write their report folders (one per job id); relative to the content root.</summary>
    public string OutputDirectory { get; set; } = "backtests";

    /// <summary>Keep each run's database (for inspection) instead of dropping it at the end.</summary>
    public bool KeepDatabase { get; set; }
}

/// <summary>
/// Runs queued backtests one at a time in the background, so a job survives the request (and a page refresh) that
/// started it. On start-up, jobs left running by a host that died are marked failed; a running job's heartbeat is
/// renewed with each progress report, and a sweep fails any whose host went silent.
/// </summary>
internal sealed class BacktestJobRunner(BacktestJobStore store, BacktestEngine engine, IConfiguration configuration,
    IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<BacktestOptions> options, ILogger<BacktestJobRunner> logger)
    : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>A new job was queued: look now rather than at the next poll.</summary>
    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // At start-up no job can be running here yet: one still marked running belonged to a previous process, unless
            // another live host renewed it in the last few seconds.
            var interrupted = await store.FailInterruptedAsync(TimeSpan.FromSeconds(15), stoppingToken);
            if (interrupted > 0) logger.LogWarning("{Count} backtest(s) interrupted by a restart were marked failed", interrupted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Backtest job store unavailable at start-up: {Reason}", ex.GetBaseException().Message);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.FailInterruptedAsync(BacktestJobStore.StaleAfter, stoppingToken);
                while (await store.ClaimNextAsync(stoppingToken) is { } job)
                    await RunJobAsync(job.Id, job.Parameters, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Backtest runner: {Reason}", ex.GetBaseException().Message);
            }
            try { await _wake.WaitAsync(Poll, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task RunJobAsync(Guid id, RunBacktest parameters, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            var root = Path.GetFullPath(options.Value.OutputDirectory, environment.ContentRootPath);
            var plan = BacktestPlanner.Plan(parameters, id, Path.Combine(root, id.ToString()), options.Value.KeepDatabase, configuration);
            var outcome = await engine.RunAsync(plan, async (progress, ct) =>
            {
                if (await store.ReportProgressAsync(id, progress, ct)) await cancel.CancelAsync();
            }, cancel.Token);
            await store.CompleteAsync(id, outcome.Summary, new BacktestProgressDto(plan.Dates.Count, plan.Dates.Count, 100m,
                plan.Dates[^1], outcome.Journal.Count, outcome.Summary.Report.Pnl, outcome.Summary.Run.Bars, "completed"),
                outcome.ReportDirectory, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: the job stays "running" with a stale heartbeat and the next start marks it interrupted.
            throw;
        }
        catch (OperationCanceledException)
        {
            await store.MarkCancelledAsync(id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Backtest {Id} failed", id);
            var reason = ex is CatalystException ? ex.Message : $"{ex.GetType().Name}: {ex.GetBaseException().Message}";
            await store.FailAsync(id, reason, CancellationToken.None);
        }
    }
}

// The handlers resolve the job store when called, not when built: the inner hosts of a backtest share the Host's
// Mediator registrations but not the job store, and never send these messages.

internal sealed class RunBacktestHandler(IServiceProvider services) : IRequestHandler<RunBacktest, BacktestJobDto>
{
    public async ValueTask<BacktestJobDto> Handle(RunBacktest request, CancellationToken cancellationToken)
    {
        // Plan now (reads the data folder, checks the symbols) so a bad request is a 400 here, not a failed job later.
        BacktestPlanner.Plan(request, Guid.Empty, Path.GetTempPath(), keepDatabase: false,
            services.GetRequiredService<IConfiguration>());
        var job = await services.GetRequiredService<BacktestJobStore>().CreateAsync(request, cancellationToken);
        services.GetRequiredService<BacktestJobRunner>().Wake();
        return job;
    }
}

internal sealed class GetBacktestHandler(IServiceProvider services) : IRequestHandler<GetBacktest, BacktestJobDto>
{
    public async ValueTask<BacktestJobDto> Handle(GetBacktest request, CancellationToken cancellationToken) =>
        await services.GetRequiredService<BacktestJobStore>().GetAsync(request.Id, cancellationToken);
}

internal sealed class ListBacktestsHandler(IServiceProvider services) : IRequestHandler<ListBacktests, IReadOnlyList<BacktestJobDto>>
{
    public async ValueTask<IReadOnlyList<BacktestJobDto>> Handle(ListBacktests request, CancellationToken cancellationToken) =>
        await services.GetRequiredService<BacktestJobStore>().ListAsync(request.Limit, cancellationToken);
}

internal sealed class CancelBacktestHandler(IServiceProvider services) : IRequestHandler<CancelBacktest, BacktestJobDto>
{
    public async ValueTask<BacktestJobDto> Handle(CancelBacktest request, CancellationToken cancellationToken) =>
        await services.GetRequiredService<BacktestJobStore>().RequestCancelAsync(request.Id, cancellationToken);
}
