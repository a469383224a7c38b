using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Simulation.Clock;

/// <summary>
/// Runs the simulated day in the Host: one virtual minute per 60 s / Speed of real time ("max": no waiting), from 07:55
/// to 16:05 ET, then stops. It starts only once the application has started, so every module has subscribed to the
/// heartbeat before the first beat.
/// </summary>
internal sealed class SimulationDriver(SimulationSession session, IOptions<SimulationOptions> options,
    IHostApplicationLifetime lifetime, ILogger<SimulationDriver> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IsManual)
        {
            logger.LogInformation("Simulated day {Date:yyyy-MM-dd}: speed is manual, the clock moves only when stepped", session.Date);
            return;
        }
        var delay = options.Value.StepDelay();
        await WaitForStartAsync(stoppingToken).ConfigureAwait(false);
        logger.LogInformation("Simulated day {Date:yyyy-MM-dd} starts at {Now:O} (speed {Speed}, seed {Seed})",
            session.Date, session.Clock.GetUtcNow(), options.Value.Speed, options.Value.Seed);
        try
        {
            while (!session.IsComplete)
            {
                // Pacing is real time on purpose: the virtual clock is what the rest of the system reads.
                if (delay > TimeSpan.Zero) await Task.Delay(delay, TimeProvider.System, stoppingToken).ConfigureAwait(false);
                else await Task.Yield();
                await session.StepAsync(stoppingToken).ConfigureAwait(false);
            }
            logger.LogInformation("simulated day complete: {Date:yyyy-MM-dd} at {Now:O}", session.Date, session.Clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Simulated day {Date:yyyy-MM-dd} stopped at {Now:O}", session.Date, session.Clock.GetUtcNow());
        }
    }

    private async Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested) return;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task.ConfigureAwait(false);
    }
}
