using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.Broker;

internal sealed partial class SimulatedBroker
{
    private static readonly IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>> NoBars = new Dictionary<Symbol, IReadOnlyList<Bar>>();

    /// <summary>
    /// One market minute: the bar that has just completed (it started a minute ago) executes what was working before it
    /// started; day orders whose session has closed expire.
    /// </summary>
    internal async Task OnMinuteAsync(DateTimeOffset now, CancellationToken ct)
    {
        Symbol[] symbols;
        lock (_gate)
        {
            var date = MarketTime.EasternDate(now);
            if (date != _equityDate)
            {
                // Marks are still yesterday's closes here, so this is the equity Alpaca reports as last_equity.
                _lastEquity = Equity();
                _equityDate = date;
            }
            symbols = [.. _orders.Where(o => o.IsWorking).Select(o => o.Symbol).Concat(_positions.Keys).Distinct()
                .OrderBy(s => s.Value, StringComparer.Ordinal)];
        }

        var barStart = now - TimeSpan.FromMinutes(1);
        var bars = symbols.Length == 0
            ? NoBars
            : await _market.GetBarsAsync(new BarsRequest(symbols, BarTimeframe.OneMinute, barStart, now), ct).ConfigureAwait(false);

        lock (_gate)
        {
            // A day order left over from a session whose close the beats skipped must not fill in the next session.
            ExpireDue(barStart);
            foreach (var symbol in symbols)
            {
                if (!bars.TryGetValue(symbol, out var list)) continue;
                // Only the completed minute: whatever else the feed returns is either old or not finished yet.
                var bar = list.LastOrDefault(b => b.Time >= barStart && b.Time < now);
                if (bar is null) continue;
                Execute(symbol, bar, now);
                _marks[symbol] = bar.Close;
            }
            ExpireDue(now);
        }
    }

    private void ExpireDue(DateTimeOffset until)
    {
        foreach (var order in _orders.Where(o => o.IsOpen && o.ExpiresAt <= until).ToList())
            Close(order, BrokerOrderStatus.Expired);
    }

    private void Execute(Symbol symbol, Bar bar, DateTimeOffset now)
    {
        var session = NyseCalendar.Session(MarketTime.EasternDate(bar.Time));
        if (session is null || bar.Time < session.Open || bar.Time >= session.Close) return;

        // The symbol's orders share the minute's liquidity, first come first served.
        var capacity = _options.MaxBarVolumeFraction > 0 ? bar.Volume * _options.MaxBarVolumeFraction : decimal.MaxValue;
        var candidates = _orders.Where(o => o.Symbol == symbol && o.IsWorking && o.ActiveFrom <= bar.Time)
            .OrderBy(o => o.Parent?.Sequence ?? o.Sequence)
            .ThenBy(o => LegPriority(o, bar))
            .ToList();
        foreach (var order in candidates)
        {
            if (!order.IsWorking) continue; // its one-cancels-other sibling filled earlier in this bar
            var price = FillRules.PriceFor(order, bar, _options.SlippageBps);
            var quantity = price is null ? 0m : Math.Min(order.Remaining, capacity);
            if (quantity > 0 && order.Remaining == decimal.Truncate(order.Remaining)) quantity = decimal.Floor(quantity);

            if (order.TimeInForce == TimeInForce.Fok && quantity < order.Remaining)
            {
                Close(order, BrokerOrderStatus.Canceled);
                continue;
            }
            if (quantity > 0)
            {
                capacity -= quantity;
                Fill(order, quantity, price!.Value, now);
            }
            if (order.TimeInForce == TimeInForce.Ioc && order.IsOpen) Close(order, BrokerOrderStatus.Canceled);
        }
    }

    /// <summary>
    /// When one bar reaches both exits of a bracket, the one the open gapped through went first; otherwise the stop-loss is
    /// assumed to have (the path inside a bar is unknown, and assuming the worse outcome keeps backtests honest).
    /// </summary>
    private static int LegPriority(SimOrder order, Bar bar)
    {
        if (order.Parent is null) return 0;
        if (!order.IsTakeProfit) return 1;
        return FillRules.GapsThroughAtOpen(order, bar) ? 0 : 2;
    }

    private void Fill(SimOrder order, decimal quantity, decimal price, DateTimeOffset now)
    {
        order.FilledQuantity += quantity;
        order.FilledNotional += quantity * price;
        order.UpdatedAt = now;
        var complete = order.FilledQuantity == order.Quantity;
        order.Status = complete ? BrokerOrderStatus.Filled : BrokerOrderStatus.PartiallyFilled;
        if (complete) order.FilledAt = now;

        if (!_positions.TryGetValue(order.Symbol, out var position))
            _positions[order.Symbol] = position = new SimPosition(order.Symbol);
        position.Apply(order.SignedDirection * quantity, price);
        if (position.Quantity == 0) _positions.Remove(order.Symbol);
        _cash -= order.SignedDirection * quantity * price + quantity * _options.CommissionPerShare;
        _marks[order.Symbol] = price;

        Emit(complete ? TradeUpdateEvent.Fill : TradeUpdateEvent.PartialFill, order, price, quantity, position.Quantity,
            NextExecutionId());

        // Exits activate only once the entry is complete (Alpaca's rule); from then on they work from the next bar.
        if (complete && order.Legs.Count > 0) ActivateLegs(order, order.Quantity, now);
        if (order.Parent is { } parent)
            foreach (var sibling in parent.Legs.Where(l => l != order && l.IsOpen).ToList())
                Close(sibling, BrokerOrderStatus.Canceled, cascade: false);
    }

    // ---- validation -------------------------------------------------------------------------------------------

    private static void ValidateShape(OrderRequest request)
    {
        if (request.Quantity <= 0) throw new ValidationException("qty", "qty must be > 0");
        if (request.Quantity != decimal.Truncate(request.Quantity)
            && (request.Type != OrderType.Market || request.TimeInForce != TimeInForce.Day || request.Bracket is not null))
            throw new ValidationException("qty", "fractional orders must be simple market day orders");
        if (request.ClientOrderId.Length > 128)
            throw new ValidationException("client_order_id", "client_order_id must be at most 128 characters");

        if (request.Type is OrderType.Limit or OrderType.StopLimit)
            RequirePositive(request.LimitPrice, "limit_price", $"limit_price is required for {Wire(request.Type)} orders");
        if (request.Type is OrderType.Stop or OrderType.StopLimit)
            RequirePositive(request.StopPrice, "stop_price", $"stop_price is required for {Wire(request.Type)} orders");
        if (request.Type == OrderType.TrailingStop)
        {
            if (request.TrailPercent is null == request.TrailPrice is null)
                throw new ValidationException("trail_percent", "exactly one of trail_price and trail_percent is required for trailing_stop orders");
            if (request.TrailPercent is { } pct && (pct <= 0 || pct >= 100))
                throw new ValidationException("trail_percent", "trail_percent must be > 0 and < 100");
            if (request.TrailPrice is { } trail && trail <= 0)
                throw new ValidationException("trail_price", "trail_price must be > 0");
        }
        if (request.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok && request.Type is not (OrderType.Market or OrderType.Limit))
            throw new ValidationException("time_in_force", "ioc and fok apply only to market and limit orders");
        if (request.ExtendedHours && (request.Type != OrderType.Limit || request.TimeInForce is not (TimeInForce.Day or TimeInForce.Gtc)))
            throw new ValidationException("extended_hours", "extended hours orders must be day or gtc limit orders");

        if (request.Bracket is { } bracket)
        {
            if (request.TimeInForce is not (TimeInForce.Day or TimeInForce.Gtc))
                throw new ValidationException("time_in_force", "bracket orders must be day or gtc");
            if (request.Type == OrderType.TrailingStop)
                throw new ValidationException("type", "bracket orders cannot be trailing_stop orders");
            if (request.ExtendedHours)
                throw new ValidationException("extended_hours", "bracket orders cannot be extended hours orders");
            RequirePositive(bracket.TakeProfitLimitPrice, "take_profit.limit_price", "bracket orders require take_profit.limit_price");
            RequirePositive(bracket.StopLossStopPrice, "stop_loss.stop_price", "bracket orders require stop_loss.stop_price");
            if (bracket.StopLossLimitPrice is { } slLimit) RequirePositive(slLimit, "stop_loss.limit_price", "stop_loss.limit_price must be > 0");
        }
    }

    /// <summary>Alpaca's bracket rule: the take-profit at least a cent on the profitable side of the base price, the stop a cent on the other.</summary>
    private static void ValidateBracketPrices(OrderRequest request, decimal latestPrice)
    {
        if (request.Bracket is not { } bracket) return;
        var basePrice = request.Type switch
        {
            OrderType.Limit => request.LimitPrice!.Value,
            OrderType.Stop or OrderType.StopLimit => request.StopPrice!.Value,
            _ => latestPrice,
        };
        var buy = request.Side == OrderSide.Buy;
        if (buy ? bracket.TakeProfitLimitPrice < basePrice + 0.01m : bracket.TakeProfitLimitPrice > basePrice - 0.01m)
            throw new ValidationException("take_profit.limit_price",
                $"take_profit.limit_price must be {(buy ? ">= base_price + 0.01" : "<= base_price - 0.01")} (base_price {basePrice})");
        if (buy ? bracket.StopLossStopPrice > basePrice - 0.01m : bracket.StopLossStopPrice < basePrice + 0.01m)
            throw new ValidationException("stop_loss.stop_price",
                $"stop_loss.stop_price must be {(buy ? "<= base_price - 0.01" : ">= base_price + 0.01")} (base_price {basePrice})");
    }

    private static void ValidateReplace(SimOrder order, ReplaceOrderRequest request)
    {
        if (request.Quantity is { } qty)
        {
            if (qty <= 0) throw new ValidationException("qty", "qty must be > 0");
            if (qty != decimal.Truncate(qty) && order.Type != OrderType.Market)
                throw new ValidationException("qty", "fractional orders must be simple market day orders");
        }
        if (request.LimitPrice is { } limit)
        {
            if (order.Type is not (OrderType.Limit or OrderType.StopLimit))
                throw new ValidationException("limit_price", $"limit_price does not apply to {Wire(order.Type)} orders");
            RequirePositive(limit, "limit_price", "limit_price must be > 0");
        }
        if (request.StopPrice is { } stop)
        {
            if (order.Type is not (OrderType.Stop or OrderType.StopLimit))
                throw new ValidationException("stop_price", $"stop_price does not apply to {Wire(order.Type)} orders");
            RequirePositive(stop, "stop_price", "stop_price must be > 0");
        }
        if (request.Trail is { } trail)
        {
            if (order.Type != OrderType.TrailingStop)
                throw new ValidationException("trail", $"trail does not apply to {Wire(order.Type)} orders");
            if (trail <= 0 || (order.TrailPercent is not null && trail >= 100))
                throw new ValidationException("trail", "trail must be > 0 (and < 100 for a percentage)");
        }
        if (request.ClientOrderId is { Length: 0 or > 128 })
            throw new ValidationException("client_order_id", "client_order_id must be 1 to 128 characters");
    }

    private static void RequirePositive(decimal? value, string field, string missing)
    {
        if (value is null) throw new ValidationException(field, missing);
        if (value <= 0) throw new ValidationException(field, $"{field} must be > 0");
    }

    private static string Wire(OrderType type) => type switch
    {
        OrderType.StopLimit => "stop_limit",
        OrderType.TrailingStop => "trailing_stop",
        _ => type.ToString().ToLowerInvariant(),
    };
}
