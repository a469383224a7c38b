using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Risk.Domain;

/// <summary>A guard's refusal: the check name, the reason and its details.</summary>
internal sealed record GuardRefusal(string Check, string Reason, Dictionary<string, object?> Details);

/// <summary>
/// Order-flow guards beyond the seed's checks, against runaway loops and fat fingers: a second order with the same symbol,
/// side and quantity inside the duplicate window; more approved orders per rolling minute than allowed; and, after N
/// rejections inside the rejection window, a cool-down during which entries are refused. State is in memory: only the
/// instance holding the trading lock validates orders.
/// </summary>
internal sealed class OrderFlowGuard(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<(string Symbol, OrderSide Side, decimal Quantity, DateTimeOffset At)> _approved = [];
    private readonly List<DateTimeOffset> _rejections = [];
    private DateTimeOffset? _cooldownUntil;

    /// <summary>The cool-down in force at <paramref name="now"/>, if any.</summary>
    public DateTimeOffset? CooldownUntil(DateTimeOffset now)
    {
        lock (_gate) return _cooldownUntil is { } until && until > now ? until : null;
    }

    /// <summary>Cool-down (entries only), then duplicate, then rate; null when the order may go on to the risk checks.</summary>
    public GuardRefusal? Check(string symbol, OrderSide side, decimal? quantity, bool isExit, RiskParameters parameters)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Prune(now, parameters);
            if (!isExit && _cooldownUntil is { } until && until > now)
            {
                return new GuardRefusal("cool_down",
                    $"Cooling down after {parameters.CooldownAfterRejections} rejections in {parameters.RejectionWindow.TotalMinutes:0} minutes; new entries resume at {until:HH:mm:ss} UTC",
                    new Dictionary<string, object?>
                    {
                        ["cooldown_until"] = until,
                        ["rejections"] = parameters.CooldownAfterRejections,
                        ["window_minutes"] = (int)parameters.RejectionWindow.TotalMinutes,
                    });
            }
            return quantity is { } qty ? Duplicate(symbol, side, qty, now, parameters) ?? Rate(isExit, now, parameters) : Rate(isExit, now, parameters);
        }
    }

    /// <summary>
    /// Records an approved order, re-checking duplicate and rate under the lock so two concurrent validations of the same
    /// order cannot both pass. Returns the refusal when the other one won.
    /// </summary>
    public GuardRefusal? TryRecordApproval(string symbol, OrderSide side, decimal quantity, bool isExit, RiskParameters parameters)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Prune(now, parameters);
            var refusal = Duplicate(symbol, side, quantity, now, parameters) ?? Rate(isExit, now, parameters);
            if (refusal is null) _approved.Add((symbol, side, quantity, now));
            return refusal;
        }
    }

    /// <summary>Counts a rejection; the Nth inside the window starts the cool-down. A cool-down refusal does not count.</summary>
    public DateTimeOffset? RecordRejection(string check, RiskParameters parameters)
    {
        if (check == "cool_down") return null;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Prune(now, parameters);
            _rejections.Add(now);
            if (_rejections.Count >= parameters.CooldownAfterRejections)
            {
                _cooldownUntil = now + parameters.Cooldown;
                _rejections.Clear();
                return _cooldownUntil;
            }
            return null;
        }
    }

    private GuardRefusal? Duplicate(string symbol, OrderSide side, decimal quantity, DateTimeOffset now, RiskParameters parameters)
    {
        if (parameters.DuplicateWindow <= TimeSpan.Zero) return null;
        foreach (var order in _approved)
        {
            if (order.Symbol == symbol && order.Side == side && order.Quantity == quantity && now - order.At < parameters.DuplicateWindow)
            {
                return new GuardRefusal("duplicate_order",
                    $"Duplicate order: {side.ToString().ToLowerInvariant()} {quantity} {symbol} was approved {(now - order.At).TotalSeconds:0} s ago",
                    new Dictionary<string, object?>
                    {
                        ["symbol"] = symbol,
                        ["side"] = side.ToString().ToLowerInvariant(),
                        ["quantity"] = quantity,
                        ["previous_at"] = order.At,
                        ["window_seconds"] = (int)parameters.DuplicateWindow.TotalSeconds,
                    });
            }
        }
        return null;
    }

    private GuardRefusal? Rate(bool isExit, DateTimeOffset now, RiskParameters parameters)
    {
        // Getting out is never rate limited: a flatten sends one order per position at once.
        if (isExit) return null;
        var lastMinute = _approved.Count(o => now - o.At < TimeSpan.FromMinutes(1));
        if (lastMinute < parameters.MaxOrdersPerMinute) return null;
        return new GuardRefusal("order_rate_limit",
            $"Order rate limit: {lastMinute} orders in the last minute (max {parameters.MaxOrdersPerMinute})",
            new Dictionary<string, object?>
            {
                ["orders_last_minute"] = lastMinute,
                ["max_orders_per_minute"] = parameters.MaxOrdersPerMinute,
            });
    }

    private void Prune(DateTimeOffset now, RiskParameters parameters)
    {
        var keep = parameters.DuplicateWindow > TimeSpan.FromMinutes(1) ? parameters.DuplicateWindow : TimeSpan.FromMinutes(1);
        _approved.RemoveAll(o => now - o.At >= keep);
        _rejections.RemoveAll(r => now - r >= parameters.RejectionWindow);
    }
}
