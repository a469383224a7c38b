using System.Globalization;
using System.Net;
using System.Text.Json;
using Catalyst.Alpaca.Http;
using Catalyst.Alpaca.Streaming;
using Catalyst.Alpaca.Wire;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca;

/// <summary>IBrokerPort over Alpaca Trading v2 (paper or live, by base URL and keys).</summary>
internal sealed class AlpacaBroker(AlpacaRestClient rest, TradeUpdatesStream tradeUpdates, ILogger<AlpacaBroker> logger) : IBrokerPort
{
    public async Task<Account> GetAccountAsync(CancellationToken ct) =>
        (await rest.GetAsync<AccountDto>("v2/account", "the account", ct).ConfigureAwait(false)).ToAccount();

    public async Task<MarketClock> GetClockAsync(CancellationToken ct) =>
        (await rest.GetAsync<ClockDto>("v2/clock", "the clock", ct).ConfigureAwait(false)).ToClock();

    public async Task<IReadOnlyList<CalendarDay>> GetCalendarAsync(DateOnly start, DateOnly end, CancellationToken ct)
    {
        var days = await rest.GetAsync<List<CalendarDayDto>>(
            $"v2/calendar?start={start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&end={end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            "the calendar", ct).ConfigureAwait(false);
        return days.Select(d => d.ToCalendarDay()).ToList();
    }

    /// <summary>
    /// Never resubmitted blindly: when the outcome is unknown (timeout, dropped connection, 5xx) the order is looked up by
    /// its client_order_id first, and only sent again if Alpaca has no such order — Alpaca refuses a duplicate
    /// client_order_id, so even a race here cannot trade twice.
    /// </summary>
    public async Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken ct)
    {
        var body = OrderRequests.ToWire(request);
        try
        {
            return await PostOrderAsync(body, ct).ConfigureAwait(false);
        }
        catch (ServiceUnavailableException ex) when (ex.Code == "BROKER_UNAVAILABLE")
        {
            logger.LogWarning("Order {ClientOrderId} outcome unknown ({Error}); looking it up before any retry",
                request.ClientOrderId, ex.Message);
            if (await GetOrderByClientIdAsync(request.ClientOrderId, ct).ConfigureAwait(false) is { } placed) return placed;
            try
            {
                return await PostOrderAsync(body, ct).ConfigureAwait(false);
            }
            catch (ValidationException duplicate) when (duplicate.Message.Contains("client_order_id", StringComparison.OrdinalIgnoreCase))
            {
                // The first attempt did land after all (Alpaca refuses a reused client_order_id): report that order.
                if (await GetOrderByClientIdAsync(request.ClientOrderId, ct).ConfigureAwait(false) is { } landed) return landed;
                throw;
            }
        }
    }

    private async Task<BrokerOrder> PostOrderAsync(OrderRequestDto body, CancellationToken ct) =>
        (await rest.SendAsync<OrderDto>(HttpMethod.Post, "v2/orders", body, "the order", ct).ConfigureAwait(false)).ToOrderOrThrow();

    public async Task<BrokerOrder?> GetOrderAsync(string orderId, CancellationToken ct) =>
        (await rest.GetOrNullAsync<OrderDto>($"v2/orders/{Uri.EscapeDataString(orderId)}?nested=true", "such order", ct)
            .ConfigureAwait(false))?.ToOrder();

    public async Task<BrokerOrder?> GetOrderByClientIdAsync(string clientOrderId, CancellationToken ct) =>
        (await rest.GetOrNullAsync<OrderDto>(
            $"v2/orders:by_client_order_id?client_order_id={Uri.EscapeDataString(clientOrderId)}", "such order", ct)
            .ConfigureAwait(false))?.ToOrder();

    public async Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(bool openOnly, CancellationToken ct)
    {
        var orders = await rest.GetAsync<List<OrderDto>>(
            $"v2/orders?status={(openOnly ? "open" : "all")}&nested=true&limit=500", "the orders", ct).ConfigureAwait(false);
        return orders.Select(o => o.ToOrder()).OfType<BrokerOrder>().ToList();
    }

    public async Task<BrokerOrder> ReplaceOrderAsync(string orderId, ReplaceOrderRequest request, CancellationToken ct) =>
        (await rest.SendAsync<OrderDto>(HttpMethod.Patch, $"v2/orders/{Uri.EscapeDataString(orderId)}",
            OrderRequests.ToWire(request), "the order", ct).ConfigureAwait(false)).ToOrderOrThrow();

    public Task CancelOrderAsync(string orderId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Delete, $"v2/orders/{Uri.EscapeDataString(orderId)}", null, "such order",
            allowNotFound: false, ct);

    public async Task<IReadOnlyList<BulkItemResult>> CancelAllOrdersAsync(CancellationToken ct)
    {
        var items = await rest.SendAsync<List<CancelResultDto>>(HttpMethod.Delete, "v2/orders", null, "cancel-all", ct)
            .ConfigureAwait(false);
        return items.Select(i => BulkItem(i.Id, i.Status, i.Body)).ToList();
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct)
    {
        var positions = await rest.GetAsync<List<PositionDto>>("v2/positions", "the positions", ct).ConfigureAwait(false);
        return positions.Select(p => p.ToPosition()).OfType<BrokerPosition>().ToList();
    }

    public async Task<BrokerPosition?> GetPositionAsync(Symbol symbol, CancellationToken ct) =>
        (await rest.GetOrNullAsync<PositionDto>($"v2/positions/{Uri.EscapeDataString(symbol.Value)}", "such position", ct)
            .ConfigureAwait(false))?.ToPosition();

    public async Task<BrokerOrder> ClosePositionAsync(Symbol symbol, CancellationToken ct) =>
        (await rest.SendAsync<OrderDto>(HttpMethod.Delete, $"v2/positions/{Uri.EscapeDataString(symbol.Value)}", null,
            $"a position in {symbol}", ct).ConfigureAwait(false)).ToOrderOrThrow();

    public async Task<IReadOnlyList<BulkItemResult>> CloseAllPositionsAsync(bool cancelOrders, CancellationToken ct)
    {
        var items = await rest.SendAsync<List<CloseResultDto>>(HttpMethod.Delete,
            $"v2/positions?cancel_orders={(cancelOrders ? "true" : "false")}", null, "close-all", ct).ConfigureAwait(false);
        return items.Select(i => BulkItem(i.Symbol, i.Status, i.Body)).ToList();
    }

    public IAsyncEnumerable<TradeUpdate> StreamTradeUpdatesAsync(CancellationToken ct) => tradeUpdates.SubscribeAsync(ct);

    /// <summary>A 207 item: the order on success, Alpaca's message otherwise.</summary>
    private static BulkItemResult BulkItem(string id, int status, JsonElement? body)
    {
        var ok = status is >= 200 and < 300;
        BrokerOrder? order = null;
        string? error = null;
        if (body is { ValueKind: JsonValueKind.Object } element)
        {
            if (ok && element.TryGetProperty("id", out _))
                order = element.Deserialize<OrderDto>(AlpacaJson.Options)?.ToOrder();
            else if (element.TryGetProperty("message", out var message))
                error = message.GetString();
        }

        if (!ok) error ??= ((HttpStatusCode)status).ToString();
        return new BulkItemResult(id, status, order, error);
    }
}
