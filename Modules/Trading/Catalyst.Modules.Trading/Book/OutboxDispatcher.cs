using System.Text.Json;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Trading.Book;

/// <summary>
/// Publishes the outbox's pending events in order. A failing handler leaves the row pending with the error and it is
/// tried again on the next minute, up to <see cref="MaxAttempts"/>; handlers must therefore be idempotent (Reporting's
/// journal keys on the position id). Runs outside the book's gate, because a handler may call back into Trading.
/// </summary>
internal sealed class OutboxDispatcher(
    IDbContextFactory<TradingDbContext> contexts,
    EventPublisher events,
    BookGate gate,
    OutboxSignal signal,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 10;
    private const int BatchSize = 100;

    public static OutboxRow Row(RoundTripClosed e, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        EventType = nameof(RoundTripClosed),
        Payload = JsonSerializer.Serialize(e, WireJson.Options),
    };

    public async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        using var _ = await gate.EnterOutboxAsync(ct);
        // Cleared before the read: a row committed after it marks the signal again, so the next minute looks.
        signal.BeginPass(clock.GetUtcNow());
        var everythingDelivered = false;
        try
        {
            var dispatched = await DispatchBatchAsync(ct);
            everythingDelivered = dispatched.All && dispatched.Count < BatchSize;
            return dispatched.Count;
        }
        finally
        {
            if (!everythingDelivered) signal.MarkPending();
        }
    }

    private async Task<(int Count, bool All)> DispatchBatchAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pending = await db.Outbox.Where(o => o.DispatchedAt == null && o.Attempts < MaxAttempts).OrderBy(o => o.Id)
            .Take(BatchSize).ToListAsync(ct);
        var dispatched = 0;
        foreach (var row in pending)
        {
            row.Attempts++;
            try
            {
                switch (row.EventType)
                {
                    case nameof(RoundTripClosed):
                        await events.PublishAsync(JsonSerializer.Deserialize<RoundTripClosed>(row.Payload, WireJson.Options)!, ct);
                        break;
                    default:
                        throw new InvalidOperationException($"unknown outbox event type {row.EventType}");
                }
                row.DispatchedAt = clock.GetUtcNow();
                row.LastError = null;
                dispatched++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var message = ex.GetBaseException().Message;
                row.LastError = message.Length > 1000 ? message[..1000] : message;
                logger.LogWarning(ex, "Outbox event {Id} ({Type}) not delivered (attempt {Attempt} of {Max})", row.Id, row.EventType,
                    row.Attempts, MaxAttempts);
            }
            await db.SaveChangesAsync(ct);
        }
        return (dispatched, dispatched == pending.Count);
    }
}

/// <summary>
/// Whether the outbox may hold something to deliver, so the per-minute pass reads it only then: after this process
/// committed a row, after a pass that left one undelivered, and at start-up. A sweep every <see cref="SweepInterval"/>
/// still finds rows no signal here knows of — another instance's, committed just before it crashed.
/// </summary>
internal sealed class OutboxSignal
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(15);

    private int _pending = 1;
    private long _lastPassTicks = DateTimeOffset.MinValue.UtcTicks;

    public void MarkPending() => Volatile.Write(ref _pending, 1);

    public void BeginPass(DateTimeOffset now)
    {
        Volatile.Write(ref _pending, 0);
        Volatile.Write(ref _lastPassTicks, now.UtcTicks);
    }

    public bool IsDue(DateTimeOffset now) =>
        Volatile.Read(ref _pending) == 1 || now.UtcTicks - Volatile.Read(ref _lastPassTicks) >= SweepInterval.Ticks;
}
