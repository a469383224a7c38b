using System.Collections.Concurrent;
using System.Text.Json;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Serialization;

namespace Catalyst.Modules.Trading.Book;

/// <summary>
/// Serializes every change to orders and positions in this process (trade updates, polling, placements, closes,
/// reconciliation all touch the same rows), and knows which intents are being sent right now so the reconciler never
/// resolves an order whose broker call is still in flight. One Host runs trading (the Redis cycle lock), so a
/// process-wide gate is enough.
/// </summary>
internal sealed class BookGate : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly SemaphoreSlim _outbox = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        return new Releaser(_lock);
    }

    /// <summary>One outbox dispatcher at a time, so an event is not published twice concurrently.</summary>
    public async Task<IDisposable> EnterOutboxAsync(CancellationToken ct)
    {
        await _outbox.WaitAsync(ct);
        return new Releaser(_outbox);
    }

    public void BeginSend(string clientOrderId) => _inFlight.TryAdd(clientOrderId, 0);

    public void EndSend(string clientOrderId) => _inFlight.TryRemove(clientOrderId, out _);

    public bool IsInFlight(string clientOrderId) => _inFlight.ContainsKey(clientOrderId);

    public void Dispose()
    {
        _lock.Dispose();
        _outbox.Dispose();
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }
}

internal static class AuditLog
{
    /// <summary>Adds an audit row to the context, so it commits (or not) with the change it describes.</summary>
    public static void Audit(this TradingDbContext db, DateTimeOffset at, string actor, string action, string entityType,
        object entityId, object payload) =>
        db.AuditLog.Add(new AuditRow
        {
            OccurredAt = at,
            Actor = actor.Length > 32 ? actor[..32] : actor,
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            Payload = JsonSerializer.Serialize(payload, WireJson.Options),
        });
}
