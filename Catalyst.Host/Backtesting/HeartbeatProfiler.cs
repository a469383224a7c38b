using System.Collections.Concurrent;
using System.Diagnostics;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Host.Backtesting;

/// <summary>
/// Where a backtest's time goes: wall-clock seconds per phase (host start-up, migrations, stepping, end-of-day reads) and
/// per heartbeat subscriber (each module's per-minute work), summed over the run. Reported in summary.json so a slow
/// run names its slow module.
/// </summary>
internal sealed class RunProfile
{
    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);

    public void Add(string name, long elapsedTimestampTicks) => _ticks.AddOrUpdate(name, elapsedTimestampTicks, (_, t) => t + elapsedTimestampTicks);

    public void Add(string name, TimeSpan elapsed) => Add(name, (long)(elapsed.TotalSeconds * Stopwatch.Frequency));

    public IReadOnlyDictionary<string, double> Seconds() => _ticks
        .OrderByDescending(kv => kv.Value)
        .ToDictionary(kv => kv.Key, kv => Math.Round((double)kv.Value / Stopwatch.Frequency, 3), StringComparer.Ordinal);
}

/// <summary>The inner host's heartbeat, each subscriber's call timed into the run's profile.</summary>
internal sealed class ProfilingHeartbeat(IMarketHeartbeat inner, RunProfile profile) : IMarketHeartbeat
{
    public IDisposable Subscribe(string name, int order, Func<DateTimeOffset, CancellationToken, Task> onMinute) =>
        inner.Subscribe(name, order, async (now, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            try { await onMinute(now, ct).ConfigureAwait(false); }
            finally { profile.Add("heartbeat:" + name, Stopwatch.GetTimestamp() - started); }
        });
}
