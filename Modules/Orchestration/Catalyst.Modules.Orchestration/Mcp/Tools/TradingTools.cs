using System.Globalization;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Orchestration.Mcp.Tools;

/// <summary>§4.4 execution and v4.1/004 position management: the Trading module's contracts.</summary>
internal static class TradingTools
{
    public static IEnumerable<ToolDefinition> All()
    {
        yield return new ToolDefinition(
            "execute_trade",
            "Execute trade",
            """
            Place an order (real money in paper/live mode). Every order is first validated by the risk manager (kill
            switch, daily loss limit, max 5 positions, position size <= 20% of capital, correlation with open positions,
            minimum reward:risk); a rejection comes back as a JSON-RPC error -32602 whose data names the failed check
            (e.g. {"check_failed": "daily_loss_limit", "current_loss": -2050.0, "max_loss": -2000.0}) - tell the user why
            and do not retry unchanged. Confirm symbol, side and quantity with the user before calling.
            symbol: ticker; side: buy or sell; quantity: shares (> 0); order_type: market (default) or limit; limit_price:
            USD, required for (and only for) limit orders; stop_loss / take_profit: USD prices for a bracket order. For a
            buy without stop_loss and take_profit, the stop and target of the symbol's candidate analysis are used, so
            the entry goes out as a bracket (entry + stop + target) while those levels still bracket the current price;
            otherwise the risk manager's stop (2x ATR or support) and target are used.
            Example: {"symbol": "TSLA", "side": "buy", "quantity": 50} or {"symbol": "NVDA", "side": "buy", "quantity": 25,
            "order_type": "limit", "limit_price": 485.00, "stop_loss": 478.00, "take_profit": 498.00}.
            Returns {"order_id", "status" (e.g. accepted, new, filled), "symbol", "side", "quantity", "order_type",
            "limit_price", "stop_loss", "take_profit", "bracket", "submitted_at", "message"}. Market orders usually fill
            within seconds: check with get_order_status or read catalyst://positions/current.
            """,
            [
                ToolParam.Sym("symbol", "Stock ticker, e.g. \"TSLA\"."),
                ToolParam.OneOf("side", "buy or sell.", ["buy", "sell"], required: true),
                ToolParam.Num("quantity", "Number of shares, greater than 0.", required: true, exclusiveMinimum: 0, maximum: 1_000_000),
                ToolParam.OneOf("order_type", "market (fill now) or limit (fill at limit_price or better).", ["market", "limit"],
                    defaultValue: "market"),
                ToolParam.Num("limit_price", "Limit price in USD; required when order_type is limit.", exclusiveMinimum: 0),
                ToolParam.Num("stop_loss", "Protective stop price in USD (below the entry for a buy).", exclusiveMinimum: 0),
                ToolParam.Num("take_profit", "Profit target price in USD (above the entry for a buy).", exclusiveMinimum: 0),
            ],
            ToolEffect.Destructive, Idempotent: false, ExecuteTrade) { OpenWorld = true };

        yield return new ToolDefinition(
            "close_position",
            "Close position",
            """
            Close the open position in one symbol immediately with a market order (its stop and target orders are
            cancelled). Use it when the user wants out of a trade. reason is logged for analysis (default "Manual close").
            Example: {"symbol": "NVDA", "reason": "Breaking support"}.
            Returns {"position_id", "symbol", "quantity_closed", "avg_exit_price", "realized_pnl" (USD),
            "realized_pnl_pct" (%), "closed_at", "message"}. A tool error NOT_FOUND when there is no open position in it.
            """,
            [
                ToolParam.Sym("symbol", "Ticker of the open position, e.g. \"NVDA\"."),
                ToolParam.Str("reason", "Why the position is closed (logged).", minLength: 1, maxLength: 500, defaultValue: "Manual close"),
            ],
            ToolEffect.Destructive, Idempotent: false,
            async call =>
            {
                var symbol = call.Args.Symbol("symbol").Value;
                var closed = await call.Send(new ClosePosition(symbol, call.Args.RequiredString("reason")));
                return new ToolOutput(Wire.With(closed, ("message", $"{symbol} position closed")));
            }) { OpenWorld = true };

        yield return new ToolDefinition(
            "close_all_positions",
            "Close all positions",
            """
            Flatten the whole book: cancel every open order and close every open position at market. The session keeps
            running (use stop_trading_session to also end it, emergency_stop_trading to also halt). Confirm first.
            Example: {"reason": "Risk off before CPI"}.
            Returns {"positions_closed", "total_realized_pnl" (USD), "positions": [{"position_id", "symbol",
            "quantity_closed", "avg_exit_price", "realized_pnl", "realized_pnl_pct", "closed_at"}], "message"}.
            """,
            [ToolParam.Str("reason", "Why everything is closed (logged).", required: true, minLength: 1, maxLength: 500)],
            ToolEffect.Destructive, Idempotent: false,
            async call =>
            {
                var closed = await call.Send(new CloseAllPositions(call.Args.RequiredString("reason")));
                return new ToolOutput(new
                {
                    PositionsClosed = closed.Count,
                    TotalRealizedPnl = closed.Sum(p => p.RealizedPnl),
                    Positions = closed,
                    Message = closed.Count == 0 ? "No open positions to close" : $"Closed {closed.Count} position(s)",
                });
            }) { OpenWorld = true };

        yield return new ToolDefinition(
            "update_position",
            "Update position",
            """
            Change the protection of an open position: a new stop_loss and/or take_profit price (USD), a trailing stop
            (trailing_stop_pct, percent below the high, 0.1-50), or move_stop_to_breakeven=true (stop to the entry price).
            Use it to tighten risk on a winner or give a trade room. Give at least one change.
            Example: {"symbol": "TSLA", "move_stop_to_breakeven": true} or {"symbol": "AAPL", "stop_loss": 172.50, "take_profit": 181.00}.
            Returns the position {"position_id", "symbol", "side", "quantity", "entry_price", "current_price",
            "unrealized_pnl", "stop_loss", "take_profit", ...} after the change. A tool error NOT_FOUND without an open position.
            """,
            [
                ToolParam.Sym("symbol", "Ticker of the open position."),
                ToolParam.Num("stop_loss", "New stop-loss price, USD.", exclusiveMinimum: 0),
                ToolParam.Num("take_profit", "New take-profit price, USD.", exclusiveMinimum: 0),
                ToolParam.Num("trailing_stop_pct", "Trailing stop distance in percent (0.1-50).", minimum: 0.1m, maximum: 50),
                ToolParam.Flag("move_stop_to_breakeven", "true: move the stop to the entry price."),
            ],
            ToolEffect.Destructive, Idempotent: true,
            async call =>
            {
                var a = call.Args;
                var breakeven = a.Bool("move_stop_to_breakeven") ?? false;
                if (!a.Has("stop_loss") && !a.Has("take_profit") && !a.Has("trailing_stop_pct") && !breakeven)
                    throw new InvalidParamsException("arguments",
                        "Give at least one change: stop_loss, take_profit, trailing_stop_pct or move_stop_to_breakeven=true.");
                var symbol = a.Symbol("symbol").Value;
                var position = await call.Send(new UpdatePosition(symbol, a.Decimal("stop_loss"), a.Decimal("take_profit"),
                    a.Decimal("trailing_stop_pct"), breakeven));
                return new ToolOutput(Wire.With(position, ("message", $"{symbol} position updated")));
            }) { OpenWorld = true };

        yield return new ToolDefinition(
            "get_order_status",
            "Get order status",
            """
            Get the current state of an order placed with execute_trade. Example: {"order_id": "3f0c9a8e-..."}.
            Returns {"order_id", "status" (new, accepted, partially_filled, filled, canceled, rejected, expired),
            "filled_qty", "avg_fill_price" (USD), "filled_at"}. A tool error NOT_FOUND for an unknown order id.
            """,
            [ToolParam.Id("order_id", "The order_id returned by execute_trade (a UUID).")],
            ToolEffect.ReadOnly, Idempotent: true,
            async call => new ToolOutput(await call.Send(new GetOrderStatus(call.Args.Guid("order_id")))));

        yield return new ToolDefinition(
            "cancel_order",
            "Cancel order",
            """
            Cancel an order that has not filled yet (e.g. a resting limit order). A filled order cannot be cancelled -
            use close_position instead. Example: {"order_id": "3f0c9a8e-..."}.
            Returns the order {"order_id", "status", "filled_qty", "avg_fill_price", "filled_at"} after the cancel request.
            """,
            [ToolParam.Id("order_id", "The order_id to cancel (a UUID).")],
            ToolEffect.Destructive, Idempotent: true,
            async call => new ToolOutput(await call.Send(new CancelOrder(call.Args.Guid("order_id"))))) { OpenWorld = true };
    }

    private static async ValueTask<ToolOutput> ExecuteTrade(ToolContext call)
    {
        var a = call.Args;
        var symbol = a.Symbol("symbol").Value;
        var side = a.RequiredString("side") == "buy" ? OrderSide.Buy : OrderSide.Sell;
        var orderType = a.RequiredString("order_type") == "limit" ? OrderType.Limit : OrderType.Market;
        var limitPrice = a.Decimal("limit_price");
        if (orderType == OrderType.Limit && limitPrice is null)
            throw new InvalidParamsException("limit_price", "limit_price is required for a limit order.");
        if (orderType == OrderType.Market && limitPrice is not null)
            throw new InvalidParamsException("limit_price", "limit_price applies only to limit orders; omit it or use order_type \"limit\".");

        var stopLoss = a.Decimal("stop_loss");
        var takeProfit = a.Decimal("take_profit");
        string? defaultsFrom = null, pattern = null, catalyst = null;
        if (side == OrderSide.Buy)
        {
            // §4.4 / v4.1: an entry without its own exits takes the candidate analysis's stop and target (a bracket).
            var analysis = await TryCandidate(call, symbol);
            if (analysis is not null)
            {
                pattern = analysis.Candidate.Pattern;
                catalyst = analysis.Candidate.Headline ?? analysis.Candidate.CatalystType;
                if (stopLoss is null && takeProfit is null && analysis.Candidate.Stop is { } stop && analysis.Candidate.Target is { } target)
                {
                    // The scan's levels go stale as the price moves: use them only while they still bracket the entry
                    // (else Trading takes Risk's own stop and target for the current price).
                    var entry = limitPrice ?? await CurrentPrice(call, a.Symbol("symbol"));
                    if (entry is { } price && stop < price && price < target)
                        (stopLoss, takeProfit, defaultsFrom) = (stop, target, "candidate_analysis");
                }
            }
        }

        var placed = await call.Send(new PlaceOrder(symbol, side, a.Decimal("quantity")!.Value, orderType, limitPrice,
            StopLoss: stopLoss, TakeProfit: takeProfit, Pattern: pattern, Catalyst: catalyst, Source: "mcp"));

        var sideText = side == OrderSide.Buy ? "BUY" : "SELL";
        var priceText = orderType == OrderType.Limit ? "limit " + Usd(limitPrice!.Value) : "market";
        var userExits = a.Has("stop_loss") || a.Has("take_profit");
        defaultsFrom ??= userExits ? "arguments" : side == OrderSide.Buy ? "risk_manager" : null;
        var exits = stopLoss is not null || takeProfit is not null
            ? $" with stop {(stopLoss is { } s ? Usd(s) : "none")} and target {(takeProfit is { } t ? Usd(t) : "none")}"
            : defaultsFrom == "risk_manager" ? " with the risk manager's stop and target (see catalyst://positions/current)" : "";
        return new ToolOutput(Wire.With(placed,
            ("side", side),
            ("order_type", orderType),
            ("limit_price", limitPrice),
            ("stop_loss", stopLoss),
            ("take_profit", takeProfit),
            ("bracket", stopLoss is not null && takeProfit is not null ? true : defaultsFrom == "risk_manager" ? null : false),
            ("exits_from", defaultsFrom),
            ("message", $"Order submitted: {sideText} {a.Decimal("quantity")!.Value.ToString(CultureInfo.InvariantCulture)} {symbol} at {priceText}{exits}")));
    }

    private static async ValueTask<decimal?> CurrentPrice(ToolContext call, Symbol symbol)
    {
        var snapshots = await call.Services.GetRequiredService<IMarketDataPort>().GetSnapshotsAsync([symbol], call.CancellationToken);
        return snapshots.TryGetValue(symbol, out var snapshot) ? snapshot.Price : null;
    }

    private static async ValueTask<CandidateAnalysisDto?> TryCandidate(ToolContext call, string symbol)
    {
        try
        {
            return await call.Send(new GetCandidateAnalysis(symbol));
        }
        catch (NotFoundException)
        {
            return null; // not a scan candidate: the order goes without default exits (Risk still sizes and checks it)
        }
    }

    private static string Usd(decimal value) => "$" + value.ToString("0.00##", CultureInfo.InvariantCulture);
}
