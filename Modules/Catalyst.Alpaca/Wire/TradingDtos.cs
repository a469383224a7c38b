namespace Catalyst.Alpaca.Wire;

// Shapes of the Trading API v2 (reference/alpaca/trading-api.json); names map through AlpacaJson's snake_case policy.

internal sealed class AccountDto
{
    public string? Id { get; set; }
    public string? AccountNumber { get; set; }
    public string? Status { get; set; }
    public decimal Equity { get; set; }
    public decimal Cash { get; set; }
    public decimal BuyingPower { get; set; }
    public decimal LastEquity { get; set; }
    public bool PatternDayTrader { get; set; }
}

internal sealed class ClockDto
{
    public DateTimeOffset Timestamp { get; set; }
    public bool IsOpen { get; set; }
    public DateTimeOffset NextOpen { get; set; }
    public DateTimeOffset NextClose { get; set; }
}

internal sealed class CalendarDayDto
{
    public string Date { get; set; } = "";
    public string Open { get; set; } = "";
    public string Close { get; set; } = "";
}

internal sealed class OrderDto
{
    public string Id { get; set; } = "";
    public string ClientOrderId { get; set; } = "";
    public string Symbol { get; set; } = "";
    public string? AssetClass { get; set; }
    public decimal? Qty { get; set; }
    public decimal? Notional { get; set; }
    public decimal? FilledQty { get; set; }
    public decimal? FilledAvgPrice { get; set; }
    public string? OrderClass { get; set; }
    public string? Type { get; set; }
    public string? OrderType { get; set; }
    public string Side { get; set; } = "";
    public string TimeInForce { get; set; } = "";
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    public decimal? TrailPrice { get; set; }
    public decimal? TrailPercent { get; set; }
    public decimal? Hwm { get; set; }
    public string Status { get; set; } = "";
    public bool ExtendedHours { get; set; }
    public List<OrderDto>? Legs { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? FilledAt { get; set; }
}

/// <summary>POST /v2/orders body: only type and time_in_force are required by the spec; money goes as strings.</summary>
internal sealed class OrderRequestDto
{
    public required string Symbol { get; init; }
    public required string Qty { get; init; }
    public required string Side { get; init; }
    public required string Type { get; init; }
    public required string TimeInForce { get; init; }
    public string? LimitPrice { get; init; }
    public string? StopPrice { get; init; }
    public string? TrailPrice { get; init; }
    public string? TrailPercent { get; init; }
    public bool ExtendedHours { get; init; }
    public required string ClientOrderId { get; init; }
    public string? OrderClass { get; init; }
    public TakeProfitDto? TakeProfit { get; init; }
    public StopLossDto? StopLoss { get; init; }
}

internal sealed class TakeProfitDto
{
    public required string LimitPrice { get; init; }
}

internal sealed class StopLossDto
{
    public required string StopPrice { get; init; }
    public string? LimitPrice { get; init; }
}

/// <summary>PATCH /v2/orders/{id} body.</summary>
internal sealed class ReplaceRequestDto
{
    public string? Qty { get; init; }
    public string? LimitPrice { get; init; }
    public string? StopPrice { get; init; }
    public string? Trail { get; init; }
    public string? ClientOrderId { get; init; }
}

internal sealed class PositionDto
{
    public string Symbol { get; set; } = "";
    public decimal Qty { get; set; }
    public string? Side { get; set; }
    public decimal AvgEntryPrice { get; set; }
    public decimal? MarketValue { get; set; }
    public decimal? CostBasis { get; set; }
    public decimal? UnrealizedPl { get; set; }
    public decimal? CurrentPrice { get; set; }
}

/// <summary>One item of DELETE /v2/orders (207): the order id and the HTTP status of its cancel.</summary>
internal sealed class CancelResultDto
{
    public string Id { get; set; } = "";
    public int Status { get; set; }
    public System.Text.Json.JsonElement? Body { get; set; }
}

/// <summary>One item of DELETE /v2/positions (207): the symbol, the status, and the closing order (or an error).</summary>
internal sealed class CloseResultDto
{
    public string Symbol { get; set; } = "";
    public int Status { get; set; }
    public System.Text.Json.JsonElement? Body { get; set; }
}

internal sealed class ErrorDto
{
    public long? Code { get; set; }
    public string? Message { get; set; }
}

internal sealed class TradeUpdateDto
{
    public string Event { get; set; } = "";
    public string? ExecutionId { get; set; }
    public OrderDto? Order { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public decimal? Price { get; set; }
    public decimal? Qty { get; set; }
    public decimal? PositionQty { get; set; }
}
