using System.Globalization;
using Catalyst.SharedKernel;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Alpaca.Wire;

/// <summary>Alpaca wire shapes to and from the port records.</summary>
internal static class Mapping
{
    public static string Wire(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Wire(decimal? value) => value is { } v ? Wire(v) : null;

    public static string Wire(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    public static string Wire(OrderType type) => type switch
    {
        OrderType.Market => "market",
        OrderType.Limit => "limit",
        OrderType.Stop => "stop",
        OrderType.StopLimit => "stop_limit",
        _ => "trailing_stop",
    };

    public static string Wire(TimeInForce tif) => tif switch
    {
        TimeInForce.Day => "day",
        TimeInForce.Gtc => "gtc",
        TimeInForce.Ioc => "ioc",
        _ => "fok",
    };

    public static Account ToAccount(this AccountDto dto) => new(dto.AccountNumber ?? dto.Id ?? "", dto.Equity, dto.Cash,
        dto.BuyingPower, dto.LastEquity, dto.Status ?? "", dto.PatternDayTrader);

    public static MarketClock ToClock(this ClockDto dto) => new(dto.Timestamp, dto.IsOpen, dto.NextOpen, dto.NextClose);

    /// <summary>Alpaca gives the session as Eastern wall-clock times ("09:30") on a date.</summary>
    public static CalendarDay ToCalendarDay(this CalendarDayDto dto)
    {
        var date = DateOnly.ParseExact(dto.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new CalendarDay(date, MarketTime.AtEastern(date, ParseTime(dto.Open)), MarketTime.AtEastern(date, ParseTime(dto.Close)));
    }

    private static TimeOnly ParseTime(string text) =>
        TimeOnly.ParseExact(text.Length > 5 ? text[..5] : text, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Null for instruments that are not US equity tickers (crypto pairs such as "BTC/USD").</summary>
    public static BrokerOrder? ToOrder(this OrderDto dto)
    {
        if (!Symbol.TryParse(dto.Symbol, out var symbol)) return null;
        var legs = dto.Legs?.Select(l => l.ToOrder()).OfType<BrokerOrder>().ToList() ?? [];
        var submitted = dto.SubmittedAt ?? dto.CreatedAt ?? default;
        return new BrokerOrder(
            dto.Id, dto.ClientOrderId, symbol,
            dto.Side.Equals("sell", StringComparison.OrdinalIgnoreCase) ? OrderSide.Sell : OrderSide.Buy,
            ParseType(dto.Type ?? dto.OrderType), ParseClass(dto.OrderClass), ParseTimeInForce(dto.TimeInForce),
            dto.Qty ?? 0m, dto.FilledQty ?? 0m, dto.FilledAvgPrice, dto.LimitPrice, dto.StopPrice,
            ParseStatus(dto.Status), submitted, dto.FilledAt, dto.UpdatedAt ?? submitted, legs,
            dto.TrailPercent, dto.Hwm);
    }

    public static BrokerOrder ToOrderOrThrow(this OrderDto dto) => dto.ToOrder()
        ?? throw new ServiceUnavailableException("BROKER_UNEXPECTED_RESPONSE", $"Alpaca answered with an order for '{dto.Symbol}', not a US equity.");

    public static BrokerPosition? ToPosition(this PositionDto dto)
    {
        if (!Symbol.TryParse(dto.Symbol, out var symbol)) return null;
        // Alpaca reports a short as side=short; some responses also sign qty, so the sign is taken from side.
        var quantity = dto.Side is "short" ? -Math.Abs(dto.Qty) : dto.Qty;
        var costBasis = dto.CostBasis ?? Math.Abs(quantity) * dto.AvgEntryPrice;
        return new BrokerPosition(symbol, quantity, dto.AvgEntryPrice, dto.MarketValue ?? 0m, dto.CurrentPrice ?? 0m,
            dto.UnrealizedPl ?? 0m, costBasis);
    }

    public static OrderType ParseType(string? text) => text switch
    {
        "limit" => OrderType.Limit,
        "stop" => OrderType.Stop,
        "stop_limit" => OrderType.StopLimit,
        "trailing_stop" => OrderType.TrailingStop,
        _ => OrderType.Market,
    };

    public static OrderClass ParseClass(string? text) => text switch
    {
        "bracket" => OrderClass.Bracket,
        "oco" => OrderClass.Oco,
        "oto" => OrderClass.Oto,
        _ => OrderClass.Simple,
    };

    /// <summary>opg and cls are day orders for the auction; we never send them but may see them.</summary>
    public static TimeInForce ParseTimeInForce(string? text) => text switch
    {
        "gtc" => TimeInForce.Gtc,
        "ioc" => TimeInForce.Ioc,
        "fok" => TimeInForce.Fok,
        _ => TimeInForce.Day,
    };

    public static BrokerOrderStatus ParseStatus(string? text) => text switch
    {
        "new" => BrokerOrderStatus.New,
        "accepted" or "accepted_for_bidding" => BrokerOrderStatus.Accepted,
        "pending_new" => BrokerOrderStatus.PendingNew,
        "partially_filled" => BrokerOrderStatus.PartiallyFilled,
        "filled" => BrokerOrderStatus.Filled,
        "done_for_day" => BrokerOrderStatus.DoneForDay,
        "canceled" => BrokerOrderStatus.Canceled,
        "expired" => BrokerOrderStatus.Expired,
        "replaced" => BrokerOrderStatus.Replaced,
        "pending_cancel" => BrokerOrderStatus.PendingCancel,
        "pending_replace" => BrokerOrderStatus.PendingReplace,
        "rejected" => BrokerOrderStatus.Rejected,
        "suspended" => BrokerOrderStatus.Suspended,
        "held" => BrokerOrderStatus.Held,
        "stopped" => BrokerOrderStatus.Stopped,
        "calculated" => BrokerOrderStatus.Calculated,
        // An unknown status is treated as still working: safer to keep watching an order than to forget it.
        _ => BrokerOrderStatus.PendingNew,
    };

    public static TradeUpdateEvent? ParseEvent(string? text) => text switch
    {
        "new" => TradeUpdateEvent.New,
        "fill" => TradeUpdateEvent.Fill,
        "partial_fill" => TradeUpdateEvent.PartialFill,
        "canceled" => TradeUpdateEvent.Canceled,
        "expired" => TradeUpdateEvent.Expired,
        "done_for_day" => TradeUpdateEvent.DoneForDay,
        "replaced" => TradeUpdateEvent.Replaced,
        "rejected" => TradeUpdateEvent.Rejected,
        "pending_new" => TradeUpdateEvent.PendingNew,
        "stopped" => TradeUpdateEvent.Stopped,
        "pending_cancel" => TradeUpdateEvent.PendingCancel,
        "pending_replace" => TradeUpdateEvent.PendingReplace,
        "calculated" => TradeUpdateEvent.Calculated,
        "suspended" => TradeUpdateEvent.Suspended,
        "order_replace_rejected" => TradeUpdateEvent.OrderReplaceRejected,
        "order_cancel_rejected" => TradeUpdateEvent.OrderCancelRejected,
        "held" => TradeUpdateEvent.Held,
        "accepted" => TradeUpdateEvent.Accepted,
        _ => null,
    };

    public static Bar ToBar(this BarDto dto) => new(dto.Time.ToUniversalTime(), dto.Open, dto.High, dto.Low, dto.Close,
        dto.Volume, dto.TradeCount, dto.Vwap);

    public static Snapshot ToSnapshot(this SnapshotDto dto, Symbol symbol) => new(symbol,
        dto.LatestTrade is { } t ? new Trade(t.Price, t.Size, t.Time.ToUniversalTime()) : null,
        dto.LatestQuote is { } q ? new Quote(q.BidPrice, q.BidSize, q.AskPrice, q.AskSize, q.Time.ToUniversalTime()) : null,
        dto.MinuteBar?.ToBar(), dto.DailyBar?.ToBar(), dto.PrevDailyBar?.ToBar());

    public static NewsArticle ToArticle(this NewsDto dto) => new(
        dto.Id.ToString(CultureInfo.InvariantCulture), dto.Headline, dto.Summary ?? "", dto.Source ?? "",
        string.IsNullOrWhiteSpace(dto.Url) ? null : dto.Url,
        (dto.Symbols ?? []).Select(s => Symbol.TryParse(s, out var sym) ? sym : (Symbol?)null).OfType<Symbol>().ToList(),
        dto.CreatedAt.ToUniversalTime(), dto.UpdatedAt.ToUniversalTime());
}
