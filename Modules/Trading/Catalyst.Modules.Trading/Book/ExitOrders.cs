using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Trading.Book;

/// <summary>
/// The orders working for a position at the broker: cancelled before the position is closed or resized by hand (a
/// broker refuses to sell shares its exit legs already promise), and re-read afterwards so the book matches.
/// </summary>
internal sealed class ExitOrders(
    IDbContextFactory<TradingDbContext> contexts,
    IBrokerPort broker,
    TradingBook book,
    ILogger<ExitOrders> logger)
{
    /// <summary>Working orders of the security: the exits (legs, protective stops), or every order with <paramref name="includeEntries"/>.</summary>
    public async Task<List<OrderRow>> WorkingAsync(long securityId, bool includeEntries, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Orders.AsNoTracking()
            .Where(o => o.SecurityId == securityId && OrderStatuses.Open.Contains(o.Status) && o.BrokerOrderId != null)
            .OrderBy(o => o.CreatedAt)
            .ToListAsync(ct);
        return includeEntries ? rows : rows.Where(o => o.LegRole is not null || o.Purpose == OrderPurposes.Protect).ToList();
    }

    public async Task<int> CancelWorkingExitsAsync(long securityId, string actor, CancellationToken ct, bool includeEntries = false)
    {
        var rows = await WorkingAsync(securityId, includeEntries, ct);
        foreach (var row in rows) await CancelAsync(row.BrokerOrderId!, ct);
        foreach (var row in rows) await RefreshAsync(row.BrokerOrderId!, actor, ct);
        return rows.Count;
    }

    /// <summary>Cancels at the broker; an order already gone (filled, cancelled with its sibling) is not an error here.</summary>
    public async Task CancelAsync(string brokerOrderId, CancellationToken ct)
    {
        try
        {
            await broker.CancelOrderAsync(brokerOrderId, ct);
        }
        catch (Exception ex) when (ex is NotFoundException or ValidationException or ConflictException)
        {
            logger.LogDebug("Cancel of {BrokerOrderId} not needed: {Reason}", brokerOrderId, ex.Message);
        }
    }

    /// <summary>Re-reads one order from the broker into the book; an order the broker no longer knows is left to the reconciler.</summary>
    public async Task<OrderRow?> RefreshAsync(string brokerOrderId, string actor, CancellationToken ct)
    {
        var order = await broker.GetOrderAsync(brokerOrderId, ct);
        return order is null ? null : await book.SyncAsync(order, null, actor, "sync", ct);
    }
}
