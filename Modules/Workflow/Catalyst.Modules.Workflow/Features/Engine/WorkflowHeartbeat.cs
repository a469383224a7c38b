using Catalyst.Modules.Workflow.Features.Cycle;
using Catalyst.Modules.Workflow.Features.Leadership;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Workflow.Features.Engine;

/// <summary>
/// Subscribes the cycle to the market heartbeat (one call per market minute, virtual in Simulation, real with Alpaca):
/// the phases follow the injected clock, never a timer of their own, so a simulated day and a live day run the same code.
/// Only the leader instance acts; a standby's minute does nothing.
/// </summary>
internal sealed class WorkflowHeartbeat(
    IMarketHeartbeat heartbeat,
    IServiceScopeFactory scopes,
    WorkflowRuntime runtime,
    WorkflowLeadership leadership,
    IOptions<WorkflowOptions> options,
    ILogger<WorkflowHeartbeat> logger) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = heartbeat.Subscribe("workflow", options.Value.HeartbeatOrder, OnMinuteAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _subscription?.Dispose();

    internal async Task OnMinuteAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (!leadership.IsLeader) return;
        await runtime.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CycleRunner>().TickAsync(now, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // One bad minute must not end the day: the next beat starts from what is stored.
            logger.LogError(ex, "Workflow minute {Time:HH:mm} ET failed", MarketTime.ToEastern(now));
        }
        finally
        {
            runtime.Gate.Release();
        }
    }
}
