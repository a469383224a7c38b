using Catalyst.Modules.Trading.Contracts;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Catalyst.Modules.Trading.Features.Orders;

/// <summary>
/// §5.2 request body. Everything is nullable so a missing or misspelt value is a 400 naming the field, not a binder error.
/// stop_loss and take_profit together make the entry a bracket order.
/// </summary>
internal sealed record PlaceOrderBody(string? Symbol, string? Side, decimal? Quantity, string? OrderType, decimal? LimitPrice,
    decimal? StopPrice, decimal? StopLoss, decimal? TakeProfit, string? Pattern, string? Catalyst);

internal sealed record CancelAllOrdersResult(int Cancelled, string Reason);

internal static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/orders").WithTags("Trading");

        group.MapPost("/", async Task<Created<OrderPlacedDto>> (PlaceOrderBody body, ISender sender, CancellationToken ct) =>
            {
                var placed = await sender.Send(ToRequest(body), ct);
                return TypedResults.Created($"/api/v1/orders/{placed.OrderId}/status", placed);
            })
            .WithName("PlaceOrder")
            .WithSummary("Validate with Risk, store the intent, send to the broker (a bracket when stop_loss and take_profit are given). 403 when Risk rejects.");

        group.MapGet("/{order_id}/status", async Task<Ok<OrderStatusDto>> ([FromRoute(Name = "order_id")] string orderId, ISender sender,
                    CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetOrderStatus(ParseId(orderId)), ct)))
            .WithName("GetOrderStatus")
            .WithSummary("The order's status, filled quantity, average fill price and fill time.");

        group.MapDelete("/{order_id}", async Task<Ok<OrderStatusDto>> ([FromRoute(Name = "order_id")] string orderId, ISender sender,
                    CancellationToken ct) => TypedResults.Ok(await sender.Send(new CancelOrder(ParseId(orderId)), ct)))
            .WithName("CancelOrder")
            .WithSummary("Cancel one working order; 409 when it is already filled, cancelled or rejected.");

        group.MapDelete("/", async Task<Ok<CancelAllOrdersResult>> (string? reason, ISender sender, CancellationToken ct) =>
            {
                var why = string.IsNullOrWhiteSpace(reason) ? "Cancel all orders" : reason;
                return TypedResults.Ok(new CancelAllOrdersResult(await sender.Send(new CancelAllOrders(why), ct), why));
            })
            .WithName("CancelAllOrders")
            .WithSummary("Cancel every working order at the broker (bracket legs included).");

        return endpoints;
    }

    internal static Guid ParseId(string text) => Guid.TryParse(text, out var id)
        ? id
        : throw new ValidationException("order_id", $"'{text}' is not an order id (a UUID)");

    private static PlaceOrder ToRequest(PlaceOrderBody body)
    {
        if (body.Symbol is null) throw new ValidationException("symbol", "symbol is required");
        var side = body.Side?.Trim().ToLowerInvariant() switch
        {
            "buy" => OrderSide.Buy,
            "sell" => OrderSide.Sell,
            null => throw new ValidationException("side", "side is required: buy or sell"),
            _ => throw new ValidationException("side", $"'{body.Side}' is not a side: use buy or sell"),
        };
        var type = body.OrderType?.Trim().ToLowerInvariant() switch
        {
            null or "market" => OrderType.Market,
            "limit" => OrderType.Limit,
            "stop" => OrderType.Stop,
            "stop_limit" => OrderType.StopLimit,
            _ => throw new ValidationException("order_type", $"'{body.OrderType}' is not an order type: use market, limit, stop or stop_limit"),
        };
        var quantity = body.Quantity ?? throw new ValidationException("quantity", "quantity is required (shares, > 0)");
        return new PlaceOrder(body.Symbol, side, quantity, type, body.LimitPrice, body.StopPrice, body.StopLoss, body.TakeProfit,
            body.Pattern, body.Catalyst, "api");
    }
}
