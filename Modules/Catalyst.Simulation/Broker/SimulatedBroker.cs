using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Options;

namespace Catalyst.Simulation.Broker;

/// <summary>
/// A paper broker in the image of Alpaca's: orders rest in an in-memory book and fill against the minute bars the market
/// completes, one heartbeat at a time, so a strategy sees the same order life (new, partial fills, fills, OCO legs,
/// expiry at the close) as it would against Alpaca paper.
/// </summary>
/// <remarks>
/// Buying power is 1× equity, no margin: equity minus the gross market value of all positions (long and short) minus what
/// open orders that would add exposure reserve. For a long-only book that is simply cash minus open buy orders.
/// Short sales are allowed from a flat position; an order that would flip a position through zero is refused as Alpaca
/// refuses it ("insufficient qty available").
/// </remarks>
internal sealed partial class SimulatedBroker : IBrokerPort, IDisposable
{
    /// <summary>Runs right after the simulated market (0–9) and before every module (100+).</summary>
    public const int HeartbeatOrder = 10;

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly IMarketDataPort _market;
    private readonly SimulatedBrokerOptions _options;
    private readonly IDisposable _subscription;

    private readonly List<SimOrder> _orders = [];
    private readonly Dictionary<string, SimOrder> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimOrder> _byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<Symbol, SimPosition> _positions = [];
    private readonly Dictionary<Symbol, decimal> _marks = [];
    private readonly List<Channel<TradeUpdate>> _subscribers = [];

    private decimal _cash;
    private decimal _lastEquity;
    private DateOnly _equityDate;
    private long _orderSequence;
    private long _executionSequence;

    /// <summary>
    /// Names this broker's ids (orders, executions, its own client order ids). Every simulated day starts a new broker
    /// against the same database (run.sh restarted, a backtest's next day), and Trading keys fills and orders by these
    /// ids, so a sequence alone would make day 2's "order 1" look like day 1's.
    /// </summary>
    private readonly string _idPrefix = $"sim-{Guid.NewGuid():N}"[..12];

    public SimulatedBroker(TimeProvider clock, IMarketDataPort market, IMarketHeartbeat heartbeat,
        IOptions<SimulatedBrokerOptions> options)
    {
        _clock = clock;
        _market = market;
        _options = options.Value;
        if (_options.StartingCash < 0) throw new ValidationException("StartingCash", "starting cash must not be negative");
        if (_options.SlippageBps < 0) throw new ValidationException("SlippageBps", "slippage must not be negative");
        _cash = _options.StartingCash;
        _lastEquity = _options.StartingCash;
        _equityDate = _clock.TodayEastern();
        _subscription = heartbeat.Subscribe("simulated-broker", HeartbeatOrder, OnMinuteAsync);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_gate)
        {
            foreach (var channel in _subscribers) channel.Writer.TryComplete();
            _subscribers.Clear();
        }
    }

    // ---- account, clock, calendar -------------------------------------------------------------------------------

    public async Task<Account> GetAccountAsync(CancellationToken ct)
    {
        await RefreshMarksAsync(PositionSymbols(), ct).ConfigureAwait(false);
        lock (_gate)
        {
            var equity = Equity();
            return new Account(_options.AccountNumber, equity, _cash, BuyingPower(equity), _lastEquity, "ACTIVE", false);
        }
    }

    public Task<MarketClock> GetClockAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var today = NyseCalendar.Session(MarketTime.EasternDate(now));
        var isOpen = today is not null && now >= today.Open && now < today.Close;
        var next = NyseCalendar.Session(NyseCalendar.NextTradingDay(MarketTime.EasternDate(now)))!;
        var nextOpen = today is not null && now < today.Open ? today.Open : next.Open;
        var nextClose = today is not null && now < today.Close ? today.Close : next.Close;
        return Task.FromResult(new MarketClock(MarketTime.ToEastern(now), isOpen, MarketTime.ToEastern(nextOpen),
            MarketTime.ToEastern(nextClose)));
    }

    public Task<IReadOnlyList<CalendarDay>> GetCalendarAsync(DateOnly start, DateOnly end, CancellationToken ct)
    {
        if (end < start) throw new ValidationException("end", "end must not be before start");
        IReadOnlyList<CalendarDay> days = NyseCalendar.TradingDays(start, end)
            .Select(d => NyseCalendar.Session(d)!)
            .Select(s => new CalendarDay(s.Date, MarketTime.ToEastern(s.Open), MarketTime.ToEastern(s.Close)))
            .ToList();
        return Task.FromResult(days);
    }

    // ---- orders -------------------------------------------------------------------------------------------------

    public async Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateShape(request);
        var price = await ReferencePriceAsync(request.Symbol, ct).ConfigureAwait(false);
        ValidateBracketPrices(request, price);

        lock (_gate)
        {
            _marks[request.Symbol] = price;
            var clientOrderId = string.IsNullOrEmpty(request.ClientOrderId) ? NextClientOrderId() : request.ClientOrderId;
            if (_byClientId.ContainsKey(clientOrderId))
                throw new ValidationException("client_order_id", "client_order_id must be unique");

            var position = _positions.GetValueOrDefault(request.Symbol)?.Quantity ?? 0m;
            var reducing = request.Side == OrderSide.Buy ? position < 0 : position > 0;
            var reservePrice = ReservePrice(request, price);
            if (reducing)
            {
                var available = Math.Abs(position) - HeldQuantity(request.Symbol, request.Side);
                if (request.Quantity > available)
                    throw new ForbiddenException("INSUFFICIENT_QTY",
                        $"insufficient qty available for order (requested: {Format(request.Quantity)}, available: {Format(Math.Max(0, available))})",
                        new Dictionary<string, object?>
                        {
                            ["symbol"] = request.Symbol.Value, ["requested"] = request.Quantity, ["available"] = Math.Max(0, available),
                        });
            }
            else
            {
                var cost = request.Quantity * reservePrice;
                var buyingPower = BuyingPower(Equity());
                if (cost > buyingPower)
                    throw new ForbiddenException("INSUFFICIENT_BUYING_POWER", "insufficient buying power",
                        new Dictionary<string, object?> { ["buying_power"] = buyingPower, ["cost_basis"] = cost });
            }

            var now = _clock.GetUtcNow();
            var order = NewOrder(request.Symbol, request.Side, request.Type, request.Class, request.TimeInForce, clientOrderId,
                request.Quantity, now, ExpiryFor(request.TimeInForce, now));
            order.LimitPrice = request.LimitPrice;
            order.StopPrice = request.StopPrice;
            order.IsOpening = !reducing;
            order.ReservePrice = reservePrice;
            order.ActiveFrom = now;
            if (request.Type == OrderType.TrailingStop)
            {
                order.TrailPercent = request.TrailPercent;
                order.TrailPrice = request.TrailPrice;
                order.WaterMark = price;
                order.StopPrice = FillRules.TrailingStop(request.Side, price, request.TrailPercent, request.TrailPrice);
            }

            if (request.Bracket is { } bracket) AddBracketLegs(order, bracket, now);
            Emit(TradeUpdateEvent.New, order);
            return order.ToBrokerOrder();
        }
    }

    public Task<BrokerOrder?> GetOrderAsync(string orderId, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_byId.GetValueOrDefault(orderId)?.ToBrokerOrder());
    }

    public Task<BrokerOrder?> GetOrderByClientIdAsync(string clientOrderId, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_byClientId.GetValueOrDefault(clientOrderId)?.ToBrokerOrder());
    }

    /// <summary>Top-level orders in submission order, legs nested; "open" includes a filled entry whose exit legs still work.</summary>
    public Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(bool openOnly, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<BrokerOrder> orders = _orders
                .Where(o => o.Parent is null && o.Status != BrokerOrderStatus.Replaced)
                .Where(o => !openOnly || o.IsOpen || o.Legs.Any(l => l.IsOpen))
                .Select(o => o.ToBrokerOrder())
                .ToList();
            return Task.FromResult(orders);
        }
    }

    /// <summary>
    /// Like Alpaca's PATCH: the working order becomes <c>replaced</c> and a new order (new id) takes its place, keeping the
    /// client order id unless a new one is given, and its place in a bracket.
    /// </summary>
    public Task<BrokerOrder> ReplaceOrderAsync(string orderId, ReplaceOrderRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var old = Find(orderId);
            if (!old.IsOpen)
                throw new ValidationException("order_id", $"order is not replaceable (status {old.Status.ToString().ToLowerInvariant()})");
            ValidateReplace(old, request);
            var clientOrderId = request.ClientOrderId ?? old.ClientOrderId;
            if (clientOrderId != old.ClientOrderId && _byClientId.ContainsKey(clientOrderId))
                throw new ValidationException("client_order_id", "client_order_id must be unique");

            var now = _clock.GetUtcNow();
            var replacement = NewOrder(old.Symbol, old.Side, old.Type, old.Class, old.TimeInForce, clientOrderId,
                request.Quantity ?? old.Remaining, now, old.ExpiresAt, old.IsTakeProfit);
            replacement.LimitPrice = request.LimitPrice ?? old.LimitPrice;
            replacement.StopPrice = request.StopPrice ?? old.StopPrice;
            replacement.TrailPercent = old.TrailPercent;
            replacement.TrailPrice = old.TrailPrice;
            replacement.WaterMark = old.WaterMark;
            replacement.IsOpening = old.IsOpening;
            replacement.ReservePrice = replacement.LimitPrice ?? replacement.StopPrice ?? old.ReservePrice;
            if (request.Trail is { } trail)
            {
                if (old.TrailPercent is not null) replacement.TrailPercent = trail; else replacement.TrailPrice = trail;
            }
            if (old.Type == OrderType.TrailingStop)
                replacement.StopPrice = FillRules.TrailingStop(old.Side, old.WaterMark!.Value, replacement.TrailPercent,
                    replacement.TrailPrice);
            // A held leg stays held; a working order works again from the next bar (the current minute is already under way).
            replacement.Status = old.Status == BrokerOrderStatus.Held ? BrokerOrderStatus.Held : BrokerOrderStatus.New;
            replacement.ActiveFrom = old.Status == BrokerOrderStatus.Held ? null : now;

            if (old.Parent is { } parent)
            {
                replacement.Parent = parent;
                parent.Legs[parent.Legs.IndexOf(old)] = replacement;
            }
            foreach (var leg in old.Legs)
            {
                leg.Parent = replacement;
                leg.Quantity = replacement.Quantity;
                replacement.Legs.Add(leg);
            }
            old.Legs.Clear();

            old.Status = BrokerOrderStatus.Replaced;
            old.UpdatedAt = now;
            _byClientId[clientOrderId] = replacement;
            Emit(TradeUpdateEvent.Replaced, old);
            Emit(TradeUpdateEvent.New, replacement);
            return Task.FromResult(replacement.ToBrokerOrder());
        }
    }

    public Task CancelOrderAsync(string orderId, CancellationToken ct)
    {
        lock (_gate)
        {
            var order = Find(orderId);
            if (!order.IsOpen)
                throw new ValidationException("order_id", $"order is not cancelable (status {order.Status.ToString().ToLowerInvariant()})");
            Close(order, BrokerOrderStatus.Canceled);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<BulkItemResult>> CancelAllOrdersAsync(CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(CancelAllLocked());
    }

    // ---- positions ----------------------------------------------------------------------------------------------

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct)
    {
        await RefreshMarksAsync(PositionSymbols(), ct).ConfigureAwait(false);
        lock (_gate)
            return _positions.Values.OrderBy(p => p.Symbol.Value, StringComparer.Ordinal)
                .Select(p => p.ToBrokerPosition(Mark(p.Symbol))).ToList();
    }

    public async Task<BrokerPosition?> GetPositionAsync(Symbol symbol, CancellationToken ct)
    {
        await RefreshMarksAsync([symbol], ct).ConfigureAwait(false);
        lock (_gate) return _positions.GetValueOrDefault(symbol)?.ToBrokerPosition(Mark(symbol));
    }

    public Task<BrokerOrder> ClosePositionAsync(Symbol symbol, CancellationToken ct)
    {
        decimal quantity;
        lock (_gate)
        {
            if (_positions.GetValueOrDefault(symbol) is not { } position)
                throw new NotFoundException($"position does not exist: {symbol}", new Dictionary<string, object?> { ["symbol"] = symbol.Value });
            quantity = position.Quantity;
        }
        return SubmitOrderAsync(new OrderRequest(symbol, quantity > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(quantity),
            OrderType.Market, TimeInForce.Day, ""), ct);
    }

    public async Task<IReadOnlyList<BulkItemResult>> CloseAllPositionsAsync(bool cancelOrders, CancellationToken ct)
    {
        Symbol[] symbols;
        lock (_gate)
        {
            if (cancelOrders) CancelAllLocked();
            symbols = [.. _positions.Keys.OrderBy(s => s.Value, StringComparer.Ordinal)];
        }
        var results = new List<BulkItemResult>(symbols.Length);
        foreach (var symbol in symbols)
        {
            try
            {
                results.Add(new BulkItemResult(symbol.Value, 200, await ClosePositionAsync(symbol, ct).ConfigureAwait(false), null));
            }
            catch (CatalystException e)
            {
                results.Add(new BulkItemResult(symbol.Value, e.StatusCode, null, e.Message));
            }
        }
        return results;
    }

    // ---- trade updates ------------------------------------------------------------------------------------------

    /// <summary>Every event from the moment of this call, in order; each caller gets its own unbounded channel.</summary>
    public IAsyncEnumerable<TradeUpdate> StreamTradeUpdatesAsync(CancellationToken ct)
    {
        // Registered now, not on first MoveNext, so nothing submitted between this call and the first read is lost.
        var channel = Channel.CreateUnbounded<TradeUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_gate) _subscribers.Add(channel);
        return ReadAsync(channel, ct);
    }

    private async IAsyncEnumerable<TradeUpdate> ReadAsync(Channel<TradeUpdate> channel, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            await foreach (var update in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                yield return update;
        }
        finally
        {
            lock (_gate) _subscribers.Remove(channel);
        }
    }

    // ---- helpers (callers hold the lock unless stated) -------------------------------------------------------------

    private SimOrder NewOrder(Symbol symbol, OrderSide side, OrderType type, OrderClass orderClass, TimeInForce tif,
        string clientOrderId, decimal quantity, DateTimeOffset now, DateTimeOffset? expiresAt, bool takeProfit = false)
    {
        var sequence = ++_orderSequence;
        var order = new SimOrder
        {
            Sequence = sequence,
            Id = $"{_idPrefix}-ord-{sequence:D6}",
            ClientOrderId = clientOrderId,
            Symbol = symbol,
            Side = side,
            Type = type,
            Class = orderClass,
            TimeInForce = tif,
            SubmittedAt = now,
            Quantity = quantity,
            Status = BrokerOrderStatus.New,
            UpdatedAt = now,
            ExpiresAt = expiresAt,
            IsTakeProfit = takeProfit,
        };
        _orders.Add(order);
        _byId[order.Id] = order;
        _byClientId[clientOrderId] = order;
        return order;
    }

    private void AddBracketLegs(SimOrder parent, BracketLegs bracket, DateTimeOffset now)
    {
        var exit = parent.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var takeProfit = NewOrder(parent.Symbol, exit, OrderType.Limit, OrderClass.Bracket, parent.TimeInForce,
            $"{parent.ClientOrderId}-tp", parent.Quantity, now, parent.ExpiresAt, takeProfit: true);
        takeProfit.LimitPrice = bracket.TakeProfitLimitPrice;
        var stopLoss = NewOrder(parent.Symbol, exit, bracket.StopLossLimitPrice is null ? OrderType.Stop : OrderType.StopLimit,
            OrderClass.Bracket, parent.TimeInForce, $"{parent.ClientOrderId}-sl", parent.Quantity, now, parent.ExpiresAt);
        stopLoss.StopPrice = bracket.StopLossStopPrice;
        stopLoss.LimitPrice = bracket.StopLossLimitPrice;
        foreach (var leg in (SimOrder[])[takeProfit, stopLoss])
        {
            leg.Status = BrokerOrderStatus.Held;
            leg.Parent = parent;
            parent.Legs.Add(leg);
        }
    }

    private SimOrder Find(string orderId) => _byId.GetValueOrDefault(orderId)
        ?? throw new NotFoundException($"order not found: {orderId}", new Dictionary<string, object?> { ["order_id"] = orderId });

    private IReadOnlyList<BulkItemResult> CancelAllLocked()
    {
        var results = new List<BulkItemResult>();
        // Parents first: cancelling a parent takes its held legs with it, so those need no entry of their own.
        foreach (var order in _orders.Where(o => o.IsOpen).ToList())
        {
            if (!order.IsOpen) continue;
            Close(order, BrokerOrderStatus.Canceled);
            results.Add(new BulkItemResult(order.Id, 200, order.ToBrokerOrder(), null));
        }
        return results;
    }

    /// <summary>Ends an open order as canceled or expired, and settles its bracket: legs of an unfilled entry go with it,
    /// legs of a partly filled entry start protecting what was filled, and a leg takes its one-cancels-other sibling.</summary>
    private void Close(SimOrder order, BrokerOrderStatus status, bool cascade = true)
    {
        if (!order.IsOpen) return;
        var now = _clock.GetUtcNow();
        order.Status = status;
        order.UpdatedAt = now;
        Emit(status == BrokerOrderStatus.Expired ? TradeUpdateEvent.Expired : TradeUpdateEvent.Canceled, order);

        var heldLegs = order.Legs.Where(l => l.Status == BrokerOrderStatus.Held).ToList();
        if (heldLegs.Count > 0)
        {
            if (order.FilledQuantity > 0) ActivateLegs(order, order.FilledQuantity, now);
            else foreach (var leg in heldLegs) Close(leg, status, cascade: false);
        }
        if (cascade && order.Parent is { } parent)
            foreach (var sibling in parent.Legs.Where(l => l != order && l.IsOpen).ToList())
                Close(sibling, status, cascade: false);
    }

    private void ActivateLegs(SimOrder parent, decimal quantity, DateTimeOffset now)
    {
        foreach (var leg in parent.Legs.Where(l => l.Status == BrokerOrderStatus.Held))
        {
            leg.Quantity = quantity;
            leg.Status = BrokerOrderStatus.New;
            leg.ActiveFrom = now;
            leg.UpdatedAt = now;
            Emit(TradeUpdateEvent.New, leg);
        }
    }

    private void Emit(TradeUpdateEvent kind, SimOrder order, decimal? price = null, decimal? quantity = null,
        decimal? positionQuantity = null, string? executionId = null)
    {
        if (_subscribers.Count == 0) return;
        var update = new TradeUpdate(kind, order.ToBrokerOrder(), _clock.GetUtcNow(), price, quantity, positionQuantity, executionId);
        foreach (var channel in _subscribers) channel.Writer.TryWrite(update);
    }

    private decimal Mark(Symbol symbol) => _marks.GetValueOrDefault(symbol);

    private decimal Equity() => _cash + _positions.Values.Sum(p => p.Quantity * Mark(p.Symbol));

    private decimal BuyingPower(decimal equity)
    {
        var gross = _positions.Values.Sum(p => Math.Abs(p.Quantity * Mark(p.Symbol)));
        var reserved = _orders.Where(o => o.IsOpen && o.IsOpening && o.Status != BrokerOrderStatus.Held)
            .Sum(o => o.Remaining * o.ReservePrice);
        return Math.Max(0m, equity - gross - reserved);
    }

    /// <summary>Shares of the position already promised to working orders on the closing side; the two legs of a
    /// one-cancels-other pair promise the same shares, so a pair counts once.</summary>
    private decimal HeldQuantity(Symbol symbol, OrderSide side)
    {
        var working = _orders.Where(o => o.Symbol == symbol && o.Side == side && o.IsOpen && !o.IsOpening
            && o.Status != BrokerOrderStatus.Held && o.Parent is null).Sum(o => o.Remaining);
        var legs = _orders.Where(o => o.Symbol == symbol && o.Side == side && o.IsWorking && o.Parent is not null)
            .GroupBy(o => o.Parent!.Sequence)
            .Sum(g => g.Max(o => o.Remaining));
        return working + legs;
    }

    private Symbol[] PositionSymbols()
    {
        lock (_gate) return [.. _positions.Keys];
    }

    /// <summary>Marks positions to the market's latest prices (called without the lock: it awaits the market).</summary>
    private async Task RefreshMarksAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct)
    {
        if (symbols.Count == 0) return;
        var snapshots = await _market.GetSnapshotsAsync(symbols, ct).ConfigureAwait(false);
        lock (_gate)
            foreach (var (symbol, snapshot) in snapshots)
                if (PriceOf(snapshot) is { } price) _marks[symbol] = price;
    }

    private async Task<decimal> ReferencePriceAsync(Symbol symbol, CancellationToken ct)
    {
        var snapshots = await _market.GetSnapshotsAsync([symbol], ct).ConfigureAwait(false);
        if (snapshots.TryGetValue(symbol, out var snapshot) && PriceOf(snapshot) is { } price) return price;
        throw new ValidationException("symbol", $"asset not found: no market data for {symbol}");
    }

    private static decimal? PriceOf(Snapshot snapshot) =>
        snapshot.Price ?? snapshot.PreviousDailyBar?.Close ?? (snapshot.LatestQuote is { AskPrice: > 0 } q ? q.AskPrice : null);

    /// <summary>What one share of the order may cost: its limit or stop, or the latest price plus slippage for market-like orders.</summary>
    private decimal ReservePrice(OrderRequest request, decimal price) => request.Type switch
    {
        OrderType.Limit or OrderType.StopLimit => request.LimitPrice!.Value,
        OrderType.Stop => FillRules.Slip(request.StopPrice!.Value, OrderSide.Buy, _options.SlippageBps),
        _ => FillRules.Slip(price, OrderSide.Buy, _options.SlippageBps),
    };

    /// <summary>Day orders end at the close of their session; one sent after the close works the next session.</summary>
    private static DateTimeOffset? ExpiryFor(TimeInForce tif, DateTimeOffset now)
    {
        if (tif != TimeInForce.Day) return null;
        var date = MarketTime.EasternDate(now);
        var session = NyseCalendar.Session(date);
        return session is not null && now < session.Close
            ? session.Close
            : NyseCalendar.Session(NyseCalendar.NextTradingDay(date))!.Close;
    }

    private string NextClientOrderId() => $"{_idPrefix}-coid-{_orderSequence + 1:D6}";

    private string NextExecutionId() => $"{_idPrefix}-exec-{++_executionSequence:D6}";

    private static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
