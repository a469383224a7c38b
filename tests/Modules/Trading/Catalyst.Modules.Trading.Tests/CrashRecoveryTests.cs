using System.Net;
using Catalyst.Modules.Trading.Book;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Trading.Tests;

/// <summary>
/// The Host dies between storing an order's intent and recording the broker's answer; a new Host on the same database
/// (and the same broker, which a crash does not take down) reconciles at start-up by client_order_id — adopting what the
/// broker has, closing what it never got — and never sends the order a second time.
/// </summary>
[NonParallelizable]
public sealed class CrashRecoveryTests
{
    private SimulationSession _session = null!;
    private ServiceProvider _brokerHost = null!;
    private IBrokerPort _broker = null!;
    private TestDatabase _database = null!;

    [SetUp]
    public async Task Start()
    {
        _session = SimulationSession.Create(new SimulationOptions { Seed = 42, Date = TradingHarness.Date, Speed = SimulationOptions.ManualSpeed });
        // The broker lives outside both Hosts, as Alpaca does.
        _brokerHost = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<TimeProvider>(_session.Clock)
            .AddSingleton(_session.MarketData)
            .AddSingleton(_session.Heartbeat)
            .AddSimulatedBroker()
            .BuildServiceProvider();
        _broker = _brokerHost.GetRequiredService<IBrokerPort>();
        _database = await TestDatabase.CreateAsync();
        await _session.RunUntilAsync(MarketTime.AtEastern(TradingHarness.Date, new TimeOnly(9, 40)));
    }

    [TearDown]
    public async Task Stop()
    {
        await _brokerHost.DisposeAsync();
        _session.Dispose();
        await _database.DisposeAsync();
    }

    private Task<TradingHarness> HostAsync() =>
        TradingHarness.StartAsync(o => o.Database = _database, session: _session, broker: _broker);

    private static async Task<(OrderRow Row, OrderIntent Intent)> StoreIntentAsync(TradingHarness h, Symbol symbol, decimal quantity)
    {
        await using var scope = h.App.Services.CreateAsyncScope();
        var securityId = await scope.ServiceProvider.GetRequiredService<ISecurityRegistry>().GetOrCreateIdAsync(symbol, CancellationToken.None);
        var intent = new OrderIntent(symbol, securityId, OrderSide.Buy, quantity, OrderType.Market, "api", "entry");
        return (await scope.ServiceProvider.GetRequiredService<OrderSender>().StoreIntentAsync(intent, CancellationToken.None), intent);
    }

    private static async Task<OrderRow> OrderAsync(TradingHarness h, Guid id)
    {
        await using var scope = h.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TradingDbContext>().Orders.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    [Test]
    public async Task An_order_the_broker_received_before_the_crash_is_adopted_with_its_fill_and_not_sent_again()
    {
        Symbol symbol;
        OrderRow intentRow;
        OrderIntent intent;
        await using (var first = await HostAsync())
        {
            symbol = (await first.PickSymbolsAsync(1))[0].Symbol;
            (intentRow, intent) = await StoreIntentAsync(first, symbol, 12m);
        }
        // The send happened and the Host died before it could record the broker's answer. The order reaches the broker
        // after the first Host is gone, so its trade-update stream cannot record the answer either (a race otherwise).
        await _broker.SubmitOrderAsync(OrderSender.BuildRequest(intent, intentRow.ClientOrderId), CancellationToken.None);
        // The market moves on while we are down: the order fills at the broker.
        await _session.StepAsync();
        Assert.That(await _broker.GetPositionAsync(symbol, CancellationToken.None), Is.Not.Null);

        await using var second = await HostAsync();
        var order = await OrderAsync(second, intentRow.Id);
        var atBroker = (await _broker.GetOrdersAsync(false, CancellationToken.None)).Where(o => o.ClientOrderId == intentRow.ClientOrderId).ToList();
        Assert.That(atBroker, Has.Count.EqualTo(1), "one order at the broker for the client_order_id");
        Assert.That((await _broker.GetOrdersAsync(false, CancellationToken.None)), Has.Count.EqualTo(1), "nothing resent");
        Assert.That(order.BrokerOrderId, Is.EqualTo(atBroker[0].Id));
        Assert.That(order.Status, Is.EqualTo("filled"));
        Assert.That(order.FilledQty, Is.EqualTo(12m));

        var position = await second.OpenPositionAsync(symbol);
        Assert.That(position.GetProperty("quantity").GetDecimal(), Is.EqualTo(12m));
        Assert.That(position.GetProperty("entry_price").GetDecimal(), Is.EqualTo(atBroker[0].FilledAveragePrice));

        await using var scope = second.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TradingDbContext>();
        var run = await db.Reconciliations.OrderBy(r => r.Id).LastAsync();
        Assert.That(run.Reason, Is.EqualTo("start-up"));
        Assert.That(run.OrdersRepaired, Is.EqualTo(1));
        Assert.That(run.Notes, Does.Contain(intentRow.ClientOrderId));

        // A second reconciliation finds nothing left to repair.
        var again = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcileWithBroker("check"));
        Assert.That(again.OrdersRepaired + again.PositionsRepaired, Is.EqualTo(0), string.Join("; ", again.Notes));
    }

    [Test]
    public async Task An_intent_that_never_reached_the_broker_is_closed_as_rejected_and_not_sent()
    {
        Guid id;
        await using (var first = await HostAsync())
        {
            var symbol = (await first.PickSymbolsAsync(1))[0].Symbol;
            id = (await StoreIntentAsync(first, symbol, 5m)).Row.Id;
        }
        await _session.StepAsync();

        await using var second = await HostAsync();
        var order = await OrderAsync(second, id);
        Assert.That(order.Status, Is.EqualTo("rejected"));
        Assert.That(order.RejectReason, Does.Contain("never reached the broker"));
        Assert.That(await _broker.GetOrdersAsync(false, CancellationToken.None), Is.Empty);
        var (_, status) = await second.GetAsync($"/api/v1/orders/{id}/status");
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("rejected"));
    }

    [Test]
    public async Task Positions_and_orders_only_the_broker_knows_are_adopted_at_start_up()
    {
        await using var probe = await HostAsync();
        var symbols = await probe.PickSymbolsAsync(2);
        await probe.DisposeAsync();
        // Traded by hand at the broker while the Host was down: a position and a resting order.
        await _broker.SubmitOrderAsync(new OrderRequest(symbols[0].Symbol, OrderSide.Buy, 8m, OrderType.Market, TimeInForce.Day, "by-hand-1"), CancellationToken.None);
        await _session.StepAsync();
        await _broker.SubmitOrderAsync(new OrderRequest(symbols[1].Symbol, OrderSide.Buy, 4m, OrderType.Limit, TimeInForce.Day, "by-hand-2",
            LimitPrice: Math.Round(symbols[1].Price * 0.5m, 2)), CancellationToken.None);

        await using var second = await HostAsync();
        var position = await second.OpenPositionAsync(symbols[0].Symbol);
        Assert.That(position.GetProperty("quantity").GetDecimal(), Is.EqualTo(8m));
        await using var scope = second.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TradingDbContext>();
        var adopted = await db.Orders.SingleAsync(o => o.ClientOrderId == "by-hand-2");
        Assert.That(adopted.Status, Is.EqualTo("submitted"));
        Assert.That(adopted.Purpose, Is.EqualTo("adopted"));
    }

    [Test]
    public async Task A_broker_timeout_after_the_send_is_resolved_by_client_order_id_without_a_second_order()
    {
        var flaky = new FlakyBroker(_broker) { FailAfterSubmit = true };
        await using var h = await TradingHarness.StartAsync(o => o.Database = _database, session: _session, broker: flaky);
        var symbol = (await h.PickSymbolsAsync(1))[0].Symbol;
        var (response, json) = await h.PostAsync("/api/v1/orders", new { symbol = symbol.Value, side = "buy", quantity = 6 });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToString());
        Assert.That(json.GetProperty("alpaca_order_id").GetString(), Is.Not.Null);
        Assert.That(await _broker.GetOrdersAsync(false, CancellationToken.None), Has.Count.EqualTo(1));

        flaky.FailAfterSubmit = false;
        flaky.FailBeforeSubmit = true;
        var (down, body) = await h.PostAsync("/api/v1/orders", new { symbol = symbol.Value, side = "buy", quantity = 6 });
        Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body.ToString());
        var details = body.GetProperty("error").GetProperty("details");
        Assert.That(details.GetProperty("status").GetString(), Is.EqualTo("pending_new"));
        var pendingId = details.GetProperty("order_id").GetGuid();

        flaky.FailBeforeSubmit = false;
        await using var scope = h.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcileWithBroker("after outage"));
        Assert.That(result.OrdersRepaired, Is.GreaterThanOrEqualTo(1));
        var (_, status) = await h.GetAsync($"/api/v1/orders/{pendingId}/status");
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("rejected"));
        Assert.That(await _broker.GetOrdersAsync(false, CancellationToken.None), Has.Count.EqualTo(1));
    }

    /// <summary>The broker port with a failing network: before the request leaves, or after the broker accepted it.</summary>
    private sealed class FlakyBroker(IBrokerPort inner) : IBrokerPort
    {
        public bool FailBeforeSubmit { get; set; }
        public bool FailAfterSubmit { get; set; }

        public async Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken ct)
        {
            if (FailBeforeSubmit) throw new ServiceUnavailableException("BROKER_UNAVAILABLE", "503 from the broker");
            var order = await inner.SubmitOrderAsync(request, ct);
            if (FailAfterSubmit) throw new TimeoutException("the response never came");
            return order;
        }

        public Task<BrokerOrder?> GetOrderByClientIdAsync(string clientOrderId, CancellationToken ct) =>
            FailBeforeSubmit ? throw new ServiceUnavailableException("BROKER_UNAVAILABLE", "503") : inner.GetOrderByClientIdAsync(clientOrderId, ct);

        public Task<Account> GetAccountAsync(CancellationToken ct) => inner.GetAccountAsync(ct);
        public Task<MarketClock> GetClockAsync(CancellationToken ct) => inner.GetClockAsync(ct);
        public Task<IReadOnlyList<CalendarDay>> GetCalendarAsync(DateOnly start, DateOnly end, CancellationToken ct) => inner.GetCalendarAsync(start, end, ct);
        public Task<BrokerOrder?> GetOrderAsync(string orderId, CancellationToken ct) => inner.GetOrderAsync(orderId, ct);
        public Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(bool openOnly, CancellationToken ct) => inner.GetOrdersAsync(openOnly, ct);
        public Task<BrokerOrder> ReplaceOrderAsync(string orderId, ReplaceOrderRequest request, CancellationToken ct) => inner.ReplaceOrderAsync(orderId, request, ct);
        public Task CancelOrderAsync(string orderId, CancellationToken ct) => inner.CancelOrderAsync(orderId, ct);
        public Task<IReadOnlyList<BulkItemResult>> CancelAllOrdersAsync(CancellationToken ct) => inner.CancelAllOrdersAsync(ct);
        public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct) => inner.GetPositionsAsync(ct);
        public Task<BrokerPosition?> GetPositionAsync(Symbol symbol, CancellationToken ct) => inner.GetPositionAsync(symbol, ct);
        public Task<BrokerOrder> ClosePositionAsync(Symbol symbol, CancellationToken ct) => inner.ClosePositionAsync(symbol, ct);
        public Task<IReadOnlyList<BulkItemResult>> CloseAllPositionsAsync(bool cancelOrders, CancellationToken ct) => inner.CloseAllPositionsAsync(cancelOrders, ct);
        public IAsyncEnumerable<TradeUpdate> StreamTradeUpdatesAsync(CancellationToken ct) => inner.StreamTradeUpdatesAsync(ct);
    }
}
