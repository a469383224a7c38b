using Catalyst.Modules.Trading.Book;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Trading.Features.Positions;

/// <summary>
/// Closes positions with market orders of our own (intent first, like every order), after cancelling what works for
/// them at the broker, then waits briefly for the fill so the answer can carry the real exit price.
/// </summary>
internal sealed class PositionCloser(
    IDbContextFactory<TradingDbContext> contexts,
    ISecurityRegistry securities,
    IBrokerPort broker,
    OrderSender sender,
    ExitOrders exits,
    TradingBook book,
    PositionReader reader,
    IOptions<TradingOptions> options,
    Microsoft.Extensions.Configuration.IConfiguration configuration,
    TimeProvider clock,
    ILogger<PositionCloser> logger)
{
    private const int PollMilliseconds = 200;

    public async Task<PositionClosedDto> CloseAsync(Symbol symbol, string reason, string actor, CancellationToken ct)
    {
        var position = await reader.FindOpenAsync(symbol, ct) ?? throw PositionReader.NoOpenPosition(symbol);
        await exits.CancelWorkingExitsAsync(position.SecurityId, actor, ct, includeEntries: true);
        var row = await SubmitCloseAsync(position.Id, symbol, reason, actor, ct);
        if (row is not null) await WaitForFillsAsync([row], ct);
        return await ResultAsync(position.Id, symbol, row?.Id, ct);
    }

    public async Task<IReadOnlyList<PositionClosedDto>> CloseAllAsync(string reason, string actor, CancellationToken ct)
    {
        // Everything working at the broker goes first, ours or not: a flatten must not leave an entry that fills later.
        var results = await broker.CancelAllOrdersAsync(ct);
        foreach (var result in results)
            if (result.Order is { } order) await book.SyncAsync(order, null, actor, "sync", ct);
        List<PositionRow> open;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            open = await db.Positions.AsNoTracking().Where(p => p.Status == PositionStatuses.Open).OrderBy(p => p.OpenedAt).ToListAsync(ct);

        var closing = new List<(PositionRow Position, Symbol Symbol, OrderRow? Order)>();
        var failures = new Dictionary<string, object?>();
        foreach (var position in open)
        {
            var symbol = await securities.FindSymbolAsync(position.SecurityId, ct) ?? throw new InvalidOperationException("unknown security");
            try
            {
                await exits.CancelWorkingExitsAsync(position.SecurityId, actor, ct, includeEntries: true);
                closing.Add((position, symbol, await SubmitCloseAsync(position.Id, symbol, reason, actor, ct)));
            }
            catch (CatalystException ex)
            {
                // One refusal must not stop the rest of a flatten.
                logger.LogError("Close of {Symbol} failed during close-all: {Reason}", symbol, ex.Message);
                failures[symbol.Value] = ex.Message;
            }
        }
        await WaitForFillsAsync(closing.Where(c => c.Order is not null).Select(c => c.Order!).ToList(), ct);

        var closed = new List<PositionClosedDto>();
        foreach (var (position, symbol, order) in closing) closed.Add(await ResultAsync(position.Id, symbol, order?.Id, ct));
        await book.ChangeAsync(actor, (db, changes) =>
        {
            changes.Audit(db, "positions.close_all", "book", "all", new
            {
                reason, closed = closed.Select(c => c.Symbol).ToList(), failed = failures,
            });
            return Task.FromResult(0);
        }, ct);
        if (failures.Count > 0)
            throw new ServiceUnavailableException("CLOSE_ALL_INCOMPLETE",
                $"{failures.Count} of {open.Count} positions could not be closed; the others are closing.",
                new Dictionary<string, object?>
                {
                    ["failed"] = failures, ["closing"] = closed.Select(c => c.Symbol).ToList(),
                });
        return closed;
    }

    /// <summary>Null when the position turned out to be flat already (an exit leg filled while we cancelled it).</summary>
    private async Task<OrderRow?> SubmitCloseAsync(Guid positionId, Symbol symbol, string reason, string actor, CancellationToken ct)
    {
        PositionRow position;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            position = await db.Positions.AsNoTracking().SingleAsync(p => p.Id == positionId, ct);
        if (position.Status != PositionStatuses.Open) return null;

        var intent = new OrderIntent(symbol, position.SecurityId, PositionSides.ClosingSide(position.Side), position.Quantity,
            OrderType.Market, actor, OrderPurposes.Close, ExitReason: ExitReasons.Classify(reason), Note: reason);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await sender.PlaceAsync(intent, ct);
            }
            catch (ForbiddenException ex) when (ex.Code == "INSUFFICIENT_QTY" && attempt < 4)
            {
                // A real broker cancels asynchronously: the legs may still hold the shares for a moment.
                await Task.Delay(TimeSpan.FromMilliseconds(300 * attempt), ct);
            }
        }
    }

    private TimeSpan FillWait()
    {
        if (options.Value.CloseFillWaitSeconds is { } seconds) return TimeSpan.FromSeconds(Math.Max(0, seconds));
        var simulated = string.IsNullOrWhiteSpace(configuration["Catalyst:Mode"])
            || string.Equals(configuration["Catalyst:Mode"], "Simulation", StringComparison.OrdinalIgnoreCase);
        return simulated ? TimeSpan.Zero : TimeSpan.FromSeconds(5);
    }

    private async Task WaitForFillsAsync(IReadOnlyList<OrderRow> orders, CancellationToken ct)
    {
        var pending = orders.Where(o => o.BrokerOrderId is not null && !OrderStatuses.IsTerminal(o.Status)).ToList();
        // Counted polls, not a clock: the app's clock may be virtual and standing still.
        var polls = (int)(FillWait().TotalMilliseconds / PollMilliseconds);
        for (var i = 0; i < polls && pending.Count > 0; i++)
        {
            await Task.Delay(PollMilliseconds, ct);
            var next = new List<OrderRow>();
            foreach (var order in pending)
            {
                var synced = await exits.RefreshAsync(order.BrokerOrderId!, order.Source, ct);
                if (synced is not null && !OrderStatuses.IsTerminal(synced.Status)) next.Add(synced);
            }
            pending = next;
        }
    }

    private async Task<PositionClosedDto> ResultAsync(Guid positionId, Symbol symbol, Guid? orderId, CancellationToken ct)
    {
        PositionRow position;
        OrderRow? order;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            position = await db.Positions.AsNoTracking().SingleAsync(p => p.Id == positionId, ct);
            order = orderId is { } id ? await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id, ct) : null;
        }
        if (position.Status == PositionStatuses.Closed)
        {
            var exit = PositionMath.ExitPrice(position) ?? 0m;
            return new PositionClosedDto(position.Id, symbol.Value, order?.FilledQty ?? position.ExitQuantity,
                PositionMath.Price(order?.AvgFillPrice ?? exit), position.RealizedPnl,
                PositionMath.Percent(position.RealizedPnl, position.EntryNotional), position.ClosedAt ?? clock.GetUtcNow(),
                PositionStatuses.Closed, orderId);
        }
        // Still working: estimate at the last price so the caller sees what the close is about to realize.
        var prices = await reader.PricesAsync([symbol], ct);
        var price = prices.TryGetValue(symbol, out var p) ? p : PositionMath.EntryPrice(position);
        var estimate = position.RealizedPnl + PositionMath.Unrealized(position, price);
        return new PositionClosedDto(position.Id, symbol.Value, position.Quantity, PositionMath.Price(price),
            PositionMath.Cents(estimate), PositionMath.Percent(estimate, position.EntryNotional), clock.GetUtcNow(),
            "closing", orderId);
    }
}

internal sealed class ClosePositionHandler(PositionCloser closer) : IRequestHandler<ClosePosition, PositionClosedDto>
{
    public async ValueTask<PositionClosedDto> Handle(ClosePosition request, CancellationToken cancellationToken) =>
        await closer.CloseAsync(Symbol.Parse(request.Symbol), request.Reason, "close", cancellationToken);
}

internal sealed class CloseAllPositionsHandler(PositionCloser closer) : IRequestHandler<CloseAllPositions, IReadOnlyList<PositionClosedDto>>
{
    public async ValueTask<IReadOnlyList<PositionClosedDto>> Handle(CloseAllPositions request, CancellationToken cancellationToken) =>
        await closer.CloseAllAsync(request.Reason, "close_all", cancellationToken);
}
