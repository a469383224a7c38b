using Catalyst.Modules.Trading.Features.Reconciliation;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Trading.Book;

/// <summary>
/// Applies the broker's trade-update stream as it arrives (the low-latency path). The stream is opened in StartAsync,
/// before anything can be sent, so no update is missed; a failure to apply one is logged and left to the per-minute sync
/// and the reconciler, which reach the same state from the broker's order records.
/// </summary>
internal sealed class TradeUpdateListener(
    IBrokerPort broker,
    IServiceScopeFactory scopes,
    ILogger<TradeUpdateListener> logger) : BackgroundService
{
    private IAsyncEnumerable<TradeUpdate>? _stream;
    private readonly CancellationTokenSource _stopping = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _stream = broker.StreamTradeUpdatesAsync(_stopping.Token);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopping.Token);
        var ct = linked.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var update in (_stream ?? broker.StreamTradeUpdatesAsync(ct)).WithCancellation(ct))
                {
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<TradingBook>()
                            .SyncAsync(update.Order, update, "broker", "stream", ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogError(ex, "Trade update {Event} for broker order {OrderId} not applied; the sync will catch up",
                            update.Event, update.Order.Id);
                    }
                }
                _stream = null;
                if (!ct.IsCancellationRequested) await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
            // _stopping is checked itself: CancelAsync runs the linked token's callback asynchronously, so the stream opened
            // on _stopping can end before ct reports the cancellation.
            catch (OperationCanceledException) when (ct.IsCancellationRequested || _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _stream = null;
                logger.LogError(ex, "Trade update stream failed; reopening");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}

/// <summary>
/// Once a market minute, right after the broker's own beat: reads every working order back from the broker, so the book
/// is exact before any module (workflow, risk) acts on that minute — and deterministic in a stepped simulation, where the
/// stream is applied asynchronously. At the session's close it reconciles.
/// </summary>
internal sealed class BookHeartbeat(
    IMarketHeartbeat heartbeat,
    IServiceScopeFactory scopes,
    OutboxSignal outbox,
    BookGate gate,
    IOptions<TradingOptions> options,
    ILogger<BookHeartbeat> logger) : IHostedService, IDisposable
{
    /// <summary>After the market (0–9) and the simulated broker (10), before the modules that trade (100+).</summary>
    public const int HeartbeatOrder = 20;

    private IDisposable? _subscription;
    private DateOnly? _reconciledAtClose;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = heartbeat.Subscribe("trading-book", HeartbeatOrder, OnMinuteAsync);
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
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkingOrderSync>().SyncAsync(ct);
        if (outbox.IsDue(now)) await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(ct);
        // Nothing to read, but a pass already running (a trade update's, right after its commit) finishes within this
        // minute, as it did when every minute ran a pass of its own: a stepped simulation stays deterministic.
        else using (await gate.EnterOutboxAsync(ct)) { }

        var date = MarketTime.EasternDate(now);
        if (options.Value.ReconcileAtClose && NyseCalendar.Session(date) is { } session && now >= session.Close
            && _reconciledAtClose != date)
        {
            _reconciledAtClose = date;
            await scope.ServiceProvider.GetRequiredService<Reconciler>().ReconcileAsync("market close", ct);
            logger.LogInformation("Reconciled at the close of {Date}", date);
        }
    }
}

/// <summary>
/// Reads the working orders back from the broker (by id; a replaced one by its client_order_id). An order the broker
/// reports exactly as the book has it is not synced again: while a position is open its two bracket legs sit unchanged
/// for hours, and syncing each one every minute cost a query and a commit apiece for nothing.
/// </summary>
internal sealed class WorkingOrderSync(
    IDbContextFactory<TradingDbContext> contexts,
    IBrokerPort broker,
    TradingBook book)
{
    public async Task SyncAsync(CancellationToken ct)
    {
        List<WorkingOrder> working;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            working = await db.Orders.AsNoTracking()
                .Where(o => Domain.OrderStatuses.Open.Contains(o.Status) && o.BrokerOrderId != null)
                .OrderBy(o => o.CreatedAt)
                .Select(o => new WorkingOrder(o.BrokerOrderId!, o.ClientOrderId, o.Status, o.BrokerStatus, o.Quantity,
                    o.FilledQty, o.LimitPrice, o.StopPrice, o.SubmittedAt))
                .ToListAsync(ct);
        foreach (var row in working)
        {
            var order = await broker.GetOrderAsync(row.BrokerOrderId, ct);
            if (order?.Status == BrokerOrderStatus.Replaced)
                order = await broker.GetOrderByClientIdAsync(row.ClientOrderId, ct) ?? order;
            if (order is not null && !row.IsUnchangedIn(order)) await book.SyncAsync(order, null, "broker", "sync", ct);
        }
    }
}

/// <summary>What the book holds for a working order: the fields the broker's view of it can change.</summary>
internal sealed record WorkingOrder(string BrokerOrderId, string ClientOrderId, string Status, string? BrokerStatus,
    decimal Quantity, decimal FilledQty, decimal? LimitPrice, decimal? StopPrice, DateTimeOffset? SubmittedAt)
{
    /// <summary>
    /// True when applying <paramref name="order"/> would change nothing (see TradingBook.ApplyOrderAsync): same broker id,
    /// status, fills, size and prices, and no legs to apply. Anything else goes through the book.
    /// </summary>
    public bool IsUnchangedIn(BrokerOrder order) =>
        order.Id == BrokerOrderId
        && order.Status != BrokerOrderStatus.Replaced
        && order.Legs.Count == 0
        && Domain.OrderStatuses.Wire(order.Status) == BrokerStatus
        && Domain.OrderStatuses.FromBroker(order.Status) == Status
        && order.FilledQuantity == FilledQty
        && (FilledQty != 0m || order.Quantity == Quantity)
        && (order.LimitPrice ?? LimitPrice) == LimitPrice
        && (order.StopPrice ?? StopPrice) == StopPrice
        && SubmittedAt is not null;
}

/// <summary>
/// Reconciles once at start-up, in the background so a slow broker or a database still starting does not hold the
/// Host: retried with back-off until it succeeds or the Host stops.
/// </summary>
internal sealed class StartupReconciliation(IServiceScopeFactory scopes, ILogger<StartupReconciliation> logger) : BackgroundService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the start-up reconciliation has run (tests and health checks wait on it).</summary>
    public Task Completed => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Reconciler>().ReconcileAsync("start-up", stoppingToken);
                // Round trips committed before a crash but not yet delivered.
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(stoppingToken);
                _done.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Start-up reconciliation attempt {Attempt} failed ({Reason}); retrying in {Delay}",
                    attempt, ex.GetBaseException().Message, delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
        _done.TrySetCanceled(stoppingToken);
    }
}
