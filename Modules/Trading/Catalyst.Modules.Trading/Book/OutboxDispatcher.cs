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
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 10;

    public static OutboxRow Row(RoundTripClosed e, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        EventType = nameof(RoundTripClosed),
        Payload = JsonSerializer.Serialize(e, WireJson.Options),
    };

    public async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        using var _ = await gate.EnterOutboxAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pending = await db.Outbox.Where(o => o.DispatchedAt == null && o.Attempts < MaxAttempts).OrderBy(o => o.Id)
            .Take(100).ToListAsync(ct);
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
        return dispatched;
    }
}
