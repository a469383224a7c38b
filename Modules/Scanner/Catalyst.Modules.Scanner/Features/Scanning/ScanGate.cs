using Catalyst.SharedKernel.Errors;

namespace Catalyst.Modules.Scanner.Features.Scanning;

/// <summary>One scan at a time per Host: a second request while one runs is refused (409), never queued.</summary>
internal sealed class ScanGate : IDisposable
{
    public const string ConflictCode = "SCAN_IN_PROGRESS";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Running? _running;

    private sealed record Running(Guid ScanId, DateTimeOffset StartedAt);

    /// <summary>Enters the gate or throws ConflictException naming the scan that holds it. Dispose the result to leave.</summary>
    public IDisposable Enter(Guid scanId, DateTimeOffset startedAt)
    {
        if (!_gate.Wait(0))
        {
            var running = Volatile.Read(ref _running);
            throw new ConflictException(ConflictCode, "A scan is already in progress; wait for it to finish.",
                new Dictionary<string, object?>
                {
                    ["scan_id"] = running?.ScanId,
                    ["started_at"] = running?.StartedAt,
                });
        }
        Volatile.Write(ref _running, new Running(scanId, startedAt));
        return new Lease(this);
    }

    public bool IsBusy => _gate.CurrentCount == 0;

    public void Dispose() => _gate.Dispose();

    private sealed class Lease(ScanGate owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            Volatile.Write(ref owner._running, null);
            owner._gate.Release();
        }
    }
}
