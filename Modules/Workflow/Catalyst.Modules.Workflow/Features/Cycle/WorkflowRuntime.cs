using System.Collections.Concurrent;
using Catalyst.Modules.Workflow.Contracts;

namespace Catalyst.Modules.Workflow.Features.Cycle;

/// <summary>
/// The module's process-wide state: one gate so a heartbeat minute and a command (start, stop, pause, emergency stop)
/// never interleave inside this instance (across instances the cycle row's xmin does that job), and the strategy's
/// memory of what it has already looked at.
/// </summary>
internal sealed class WorkflowRuntime(Stage1Strategy strategy) : IDisposable
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public Stage1Strategy Strategy { get; } = strategy;

    /// <summary>Per cycle and symbol, the start of the last minute bar the strategy evaluated (each bar is judged once).</summary>
    public ConcurrentDictionary<(Guid Cycle, string Symbol), DateTimeOffset> LastEvaluatedBar { get; } = new();

    /// <summary>Per cycle and symbol, the setup last logged as kept/dropped, so a decision is logged when it changes, not every minute.</summary>
    public ConcurrentDictionary<(Guid Cycle, string Symbol), string> LoggedSetups { get; } = new();

    /// <summary>Per cycle, when the last scan failed: the next try waits five minutes instead of hammering a broken scanner.</summary>
    public ConcurrentDictionary<Guid, DateTimeOffset> ScanFailedAt { get; } = new();

    public void Forget(Guid cycleId)
    {
        ScanFailedAt.TryRemove(cycleId, out _);
        foreach (var key in LastEvaluatedBar.Keys.Where(k => k.Cycle == cycleId).ToList()) LastEvaluatedBar.TryRemove(key, out _);
        foreach (var key in LoggedSetups.Keys.Where(k => k.Cycle == cycleId).ToList()) LoggedSetups.TryRemove(key, out _);
    }

    public void Dispose() => Gate.Dispose();
}
