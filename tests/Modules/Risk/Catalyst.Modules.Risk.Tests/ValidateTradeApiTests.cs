using System.Text.Json;
using Catalyst.Modules.Risk.Features.Actions;
using Catalyst.Modules.Risk.Features.Config;
using Catalyst.Modules.Risk.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Catalyst.Modules.Risk.Tests.RiskTestKit;

namespace Catalyst.Modules.Risk.Tests;

/// <summary>
/// POST /api/v1/risk/validate on the real Host, Postgres and the simulated broker (a real long position in <c>_held</c>,
/// filled by the simulation), each check passing and failing with the exact §5.3 body. The order-flow guards are relaxed
/// here (they have their own fixture) so the rejections below do not start a cool-down.
/// </summary>
[NonParallelizable]
public sealed class ValidateTradeApiTests
{
    private const string RelaxedGuards = """
        order_guards:
          duplicate_window_seconds: 0
          max_orders_per_minute: 10000
          cooldown_after_rejections: 100
        """;

    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private AdjustableBroker _broker = null!;
    private Symbol _held;       // long 10 shares, filled by the simulated broker
    private Symbol _twin;       // daily returns identical to _held's: correlation +1
    private Symbol _other;      // an unrelated name for the plain checks

    private static readonly string[] AllEntryChecks =
        ["kill_switch", "order_flow", "daily_loss_limit", "max_positions", "position_size_limit", "correlation_check", "risk_reward_ratio"];

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await StartAsync(ParametersFile(RelaxedGuards), o => o.ConfigureServices = s =>
        {
            DecoratePorts(s);
            s.Replace(ServiceDescriptor.Singleton<IRiskActionExecutor>(new RecordingExecutor()));
            s.Replace(ServiceDescriptor.Singleton<ICycleProbe>(new FakeCycleProbe()));
        });
        _client = _app.CreateApiClient();
        _broker = _app.Services.GetRequiredService<AdjustableBroker>();

        var session = _app.Services.GetRequiredService<SimulationSession>();
        await session.RunUntilAsync(MarketTime.AtEastern(Day, new TimeOnly(9, 35)));
        var market = _app.Services.GetRequiredService<IMarketDataPort>();
        var universe = await market.GetUniverseAsync(100, CancellationToken.None);
        var snapshots = await market.GetSnapshotsAsync(universe.Select(u => u.Symbol).ToList(), CancellationToken.None);
        var midPriced = snapshots.Values.Where(s => s.Price is > 20m and < 100m).Select(s => s.Symbol).OrderBy(s => s.Value).ToList();
        Assert.That(midPriced, Has.Count.GreaterThanOrEqualTo(3), "the simulated market has mid-priced names");
        (_held, _twin, _other) = (midPriced[0], midPriced[1], midPriced[2]);
        _app.Services.GetRequiredService<CorrelatedMarket>().Follow(_twin, _held, +1);

        await _broker.SubmitOrderAsync(new OrderRequest(_held, OrderSide.Buy, 10m, OrderType.Market, TimeInForce.Day,
            "risk-test-held"), CancellationToken.None);
        await session.StepAsync();
        var positions = await _broker.GetPositionsAsync(CancellationToken.None);
        Assert.That(positions.Single().Symbol, Is.EqualTo(_held), "the simulated broker filled the setup order");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [TearDown]
    public void Reset() => _broker.EquityOffset = 0m;

    private Task<(int Status, JsonElement Body)> Validate(object body) => PostAsync(_client, "/api/v1/risk/validate", body);

    private static void AssertRejected(int status, JsonElement body, string check, string reason)
    {
        Assert.That(status, Is.EqualTo(403), body.ToString());
        Assert.That(body.GetProperty("approved").GetBoolean(), Is.False);
        Assert.That(body.GetProperty("reason").GetString(), Is.EqualTo(reason));
        Assert.That(body.GetProperty("details").GetProperty("check_failed").GetString(), Is.EqualTo(check));
        var names = body.EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(names, Is.EquivalentTo(new[] { "approved", "reason", "details" }), "the §5.3 403 body");
    }

    [Test]
    public async Task An_entry_within_every_limit_is_approved_with_the_seed_body()
    {
        // 100 x 50.00 = 5,000 of stock (limit 20,000); risk 100 x (50 - 48) = 200; reward:risk 6 / 2 = 3 (minimum 1.5).
        var (status, body) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 100, price = 50.00, stop_loss = 48.00, take_profit = 56.00 });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("approved").GetBoolean(), Is.True);
            Assert.That(body.GetProperty("position_size").GetDecimal(), Is.EqualTo(100m));
            Assert.That(body.GetProperty("risk_amount").GetDecimal(), Is.EqualTo(200m));
            Assert.That(body.GetProperty("max_risk").GetDecimal(), Is.EqualTo(2000m));
            Assert.That(Strings(body.GetProperty("checks_passed")), Is.EqualTo(AllEntryChecks));
            Assert.That(body.GetProperty("stop_loss").GetDecimal(), Is.EqualTo(48m));
            Assert.That(body.GetProperty("take_profit").GetDecimal(), Is.EqualTo(56m));
            Assert.That(body.GetProperty("details").GetProperty("risk_reward_ratio").GetDecimal(), Is.EqualTo(3m));
        });
    }

    [TestCase("{\"symbol\":\"12AB\",\"side\":\"buy\",\"quantity\":10}", "symbol")]
    [TestCase("{\"side\":\"buy\",\"quantity\":10}", "symbol")]
    [TestCase("{\"symbol\":\"ABC\",\"side\":\"hold\",\"quantity\":10}", "side")]
    [TestCase("{\"symbol\":\"ABC\",\"side\":\"buy\",\"quantity\":-5}", "quantity")]
    [TestCase("{\"symbol\":\"ABC\",\"side\":\"buy\",\"quantity\":\"ten\"}", "quantity")]
    [TestCase("{\"symbol\":\"ABC\",\"side\":\"buy\",\"quantity\":10,\"price\":0}", "price")]
    [TestCase("{\"symbol\":\"ABC\",\"side\":\"buy\",\"quantity\":10,\"price\":50,\"stop_loss\":51}", "stop_loss")]
    [TestCase("{\"symbol\":\"ABC\",\"side\":\"sell\",\"quantity\":10,\"price\":50,\"take_profit\":55}", "take_profit")]
    [TestCase("{\"symbol\":\"ABC\",\"side\":\"buy\",\"quantity\":10,\"price\":50,\"take_profit\":49}", "take_profit")]
    [TestCase("not json", "body")]
    public async Task Bad_input_is_a_400_naming_the_field(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/api/v1/risk/validate", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), text);
        using var doc = JsonDocument.Parse(text);
        Assert.That(doc.RootElement.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo(field));
    }

    [Test]
    public async Task The_kill_switch_blocks_entries_but_not_exits()
    {
        var (on, onBody) = await PostAsync(_client, "/api/v1/risk/kill-switch", new { reason = "Too volatile today" });
        Assert.That(on, Is.EqualTo(200), onBody.ToString());
        Assert.That(onBody.GetProperty("active").GetBoolean(), Is.True);
        try
        {
            var (status, body) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 10, price = 50.0, stop_loss = 48.0 });
            AssertRejected(status, body, "kill_switch", "Kill switch is active: new entries are blocked");
            Assert.That(body.GetProperty("details").GetProperty("reason").GetString(), Is.EqualTo("Too volatile today"));

            var (exit, exitBody) = await Validate(new { symbol = _held.Value, side = "sell", quantity = 10, is_exit = true });
            Assert.That(exit, Is.EqualTo(200), exitBody.ToString());
            Assert.That(exitBody.GetProperty("position_size").GetDecimal(), Is.EqualTo(10m));

            var (_, alerts) = await SendAsync(_client, HttpMethod.Get, "/api/v1/alerts?status=active");
            Assert.That(alerts.EnumerateArray().Any(a => a.GetProperty("alert_type").GetString() == "kill_switch"
                && a.GetProperty("severity").GetString() == "critical"), Is.True, alerts.ToString());

            var (_, riskStatus) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/status");
            Assert.That(riskStatus.GetProperty("kill_switch_active").GetBoolean(), Is.True);
            Assert.That(riskStatus.GetProperty("status").GetString(), Is.EqualTo("halted"));
        }
        finally
        {
            var (off, offBody) = await SendAsync(_client, HttpMethod.Delete, "/api/v1/risk/kill-switch");
            Assert.That(off, Is.EqualTo(200), offBody.ToString());
            Assert.That(offBody.GetProperty("active").GetBoolean(), Is.False);
        }
        var (after, _) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 10, price = 50.0, stop_loss = 48.0 });
        Assert.That(after, Is.EqualTo(200));
    }

    [Test]
    public async Task Activating_the_kill_switch_needs_a_reason()
    {
        var (status, body) = await PostAsync(_client, "/api/v1/risk/kill-switch", new { reason = " " });
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), Is.EqualTo("reason"));
    }

    private async Task SetDailyPnl(decimal pnl)
    {
        _broker.EquityOffset = 0m;
        var account = await _broker.GetAccountAsync(CancellationToken.None);
        _broker.EquityOffset = pnl - (account.Equity - account.LastEquity);
    }

    [Test]
    public async Task Past_the_daily_loss_limit_entries_are_refused_with_the_seed_body()
    {
        await SetDailyPnl(-2050m);
        var (status, body) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 50, price = 50.0, stop_loss = 48.0 });
        Assert.That(status, Is.EqualTo(403), body.ToString());
        Assert.That(body.GetProperty("approved").GetBoolean(), Is.False);
        Assert.That(body.GetProperty("reason").GetString(), Is.EqualTo("Daily loss limit exceeded"));
        var details = body.GetProperty("details");
        Assert.That(details.GetProperty("current_loss").GetDecimal(), Is.EqualTo(-2050.00m));
        Assert.That(details.GetProperty("max_loss").GetDecimal(), Is.EqualTo(-2000m));
        Assert.That(details.GetProperty("check_failed").GetString(), Is.EqualTo("daily_loss_limit"));
        Assert.That(details.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "current_loss", "max_loss", "check_failed" }));

        var (exit, exitBody) = await Validate(new { symbol = _held.Value, side = "sell", quantity = 5, is_exit = true });
        Assert.That(exit, Is.EqualTo(200), "exits stay allowed at the loss limit: " + exitBody);
    }

    [Test]
    public async Task Below_the_daily_loss_limit_the_remaining_budget_is_the_max_risk()
    {
        await SetDailyPnl(-1999m);
        var (status, body) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 1, price = 50.0, stop_loss = 49.5 });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("max_risk").GetDecimal(), Is.EqualTo(1m));
        Assert.That(Strings(body.GetProperty("checks_passed")), Does.Contain("daily_loss_limit"));
    }

    [Test]
    public async Task At_max_positions_a_new_symbol_is_refused_but_adding_to_a_held_one_is_not()
    {
        var (updated, updateBody) = await PostAsync(_client, "/api/v1/config/update",
            new { parameter_path = "position_limits.max_positions", new_value = 1 });
        Assert.That(updated, Is.EqualTo(200), updateBody.ToString());
        try
        {
            var (status, body) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 10, price = 50.0, stop_loss = 48.0 });
            AssertRejected(status, body, "max_positions", "Maximum open positions reached (1 of 1)");
            Assert.That(body.GetProperty("details").GetProperty("current_positions").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("details").GetProperty("max_positions").GetInt32(), Is.EqualTo(1));

            var (add, addBody) = await Validate(new { symbol = _held.Value, side = "buy", quantity = 1, stop_loss = 1.0 });
            Assert.That(add, Is.EqualTo(200), addBody.ToString());
        }
        finally
        {
            await PostAsync(_client, "/api/v1/config/update", new { parameter_path = "position_limits.max_positions", new_value = 5 });
        }
    }

    [Test]
    public async Task A_position_over_twenty_percent_of_capital_is_refused()
    {
        // 500 x 50.00 = 25,000 > 20% of 100,000.
        var (status, body) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 500, price = 50.0, stop_loss = 48.0 });
        AssertRejected(status, body, "position_size_limit", "Position value 25000.00 exceeds 20% of capital (20000.00)");
        var details = body.GetProperty("details");
        Assert.That(details.GetProperty("position_value").GetDecimal(), Is.EqualTo(25000m));
        Assert.That(details.GetProperty("max_position_value").GetDecimal(), Is.EqualTo(20000m));
        Assert.That(details.GetProperty("quantity").GetDecimal(), Is.EqualTo(500m));
    }

    [Test]
    public async Task A_long_entry_perfectly_correlated_with_an_open_long_is_refused_but_a_short_hedge_is_not()
    {
        var (status, body) = await Validate(new { symbol = _twin.Value, side = "buy", quantity = 10, price = 50.0, stop_loss = 48.0 });
        AssertRejected(status, body, "correlation_check",
            $"{_twin} is correlated with the open {_held} position (1.00 > 0.7)");
        var details = body.GetProperty("details");
        Assert.That(details.GetProperty("correlated_with").GetString(), Is.EqualTo(_held.Value));
        Assert.That(details.GetProperty("correlation").GetDecimal(), Is.EqualTo(1m).Within(0.0001m));
        Assert.That(details.GetProperty("max_correlation").GetDecimal(), Is.EqualTo(0.7m));
        Assert.That(details.GetProperty("lookback_days").GetInt32(), Is.EqualTo(20));

        var (hedge, hedgeBody) = await Validate(new { symbol = _twin.Value, side = "sell", quantity = 10, price = 50.0, stop_loss = 52.0 });
        Assert.That(hedge, Is.EqualTo(200), "short the twin of a long is a hedge: " + hedgeBody);
    }

    [Test]
    public async Task A_target_below_the_minimum_reward_to_risk_is_refused()
    {
        // Risk 2.00, reward 1.00: 0.5 < 1.5.
        var (status, body) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 10, price = 50.0, stop_loss = 48.0, take_profit = 51.0 });
        AssertRejected(status, body, "risk_reward_ratio", "Reward:risk 0.50 is below the minimum 1.5");
        Assert.That(body.GetProperty("details").GetProperty("risk_reward_ratio").GetDecimal(), Is.EqualTo(0.5m));
        Assert.That(body.GetProperty("details").GetProperty("min_risk_reward_ratio").GetDecimal(), Is.EqualTo(1.5m));
    }

    [Test]
    public async Task Without_a_quantity_risk_sizes_fixed_fractional_capped_by_the_position_limit()
    {
        // 1% of 100,000 = 1,000 / 2.00 a share = 500 shares = 25,000 > 20,000 -> 400 shares, risk 800.00; the target is
        // set at the minimum reward:risk: 50 + 1.5 x 2 = 53.00. (The journal is empty, so Kelly does not apply.)
        var (status, body) = await Validate(new { symbol = _other.Value, side = "buy", price = 50.0, stop_loss = 48.0 });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("position_size").GetDecimal(), Is.EqualTo(400m));
        Assert.That(body.GetProperty("risk_amount").GetDecimal(), Is.EqualTo(800m));
        Assert.That(body.GetProperty("take_profit").GetDecimal(), Is.EqualTo(53m));
        var details = body.GetProperty("details");
        Assert.That(details.GetProperty("sizing_method").GetString(), Is.EqualTo("fixed_fractional"));
        Assert.That(details.GetProperty("capped_by").GetString(), Is.EqualTo("max_position_pct"));
    }

    [Test]
    public async Task Without_a_stop_risk_takes_the_tighter_of_two_atr_and_support_from_the_technical_module()
    {
        var (status, body) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 10 });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        var price = body.GetProperty("details").GetProperty("price").GetDecimal();
        var stop = body.GetProperty("stop_loss").GetDecimal();
        var source = body.GetProperty("details").GetProperty("stop_source").GetString();

        var (_, indicators) = await SendAsync(_client, HttpMethod.Get, $"/api/v1/indicators/{_other.Value}?timeframe=1Day");
        var atr = indicators.GetProperty("atr_14").GetDecimal();
        var atrStop = Math.Floor((price - 2m * atr) * 100m) / 100m;
        decimal? support = indicators.GetProperty("support").ValueKind == JsonValueKind.Number ? indicators.GetProperty("support").GetDecimal() : null;
        var supportStop = support is { } s && s < price ? Math.Floor(s * 100m) / 100m : (decimal?)null;
        var expected = supportStop is { } ss && price - ss < price - atrStop ? (ss, "support") : (atrStop, "atr");
        Assert.That((stop, source), Is.EqualTo(expected), $"price {price}, atr {atr}, support {support}");
        Assert.That(body.GetProperty("risk_amount").GetDecimal(), Is.EqualTo(10m * (price - stop)));
    }

    [Test]
    public async Task An_exit_larger_than_the_position_or_without_one_is_refused()
    {
        var (status, body) = await Validate(new { symbol = _held.Value, side = "sell", quantity = 11, is_exit = true });
        AssertRejected(status, body, "exit_reduces_position", $"Exit quantity 11 exceeds the 10 {_held} shares held");
        var (none, noneBody) = await Validate(new { symbol = _other.Value, side = "sell", quantity = 1, is_exit = true });
        AssertRejected(none, noneBody, "exit_reduces_position", $"No open {_other} position to exit");
    }

    [Test]
    public async Task Every_decision_is_stored()
    {
        await Validate(new { symbol = _other.Value, side = "buy", quantity = 500, price = 50.0, stop_loss = 48.0 });
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
        var last = await db.Decisions.OrderByDescending(d => d.Id).FirstAsync();
        Assert.That(last.Approved, Is.False);
        Assert.That(last.CheckFailed, Is.EqualTo("position_size_limit"));
        Assert.That(last.Quantity, Is.EqualTo(500m));
        Assert.That(last.Details, Does.Contain("\"position_value\""));
    }

    [Test]
    public async Task Status_limits_and_exposures_describe_the_account()
    {
        await SetDailyPnl(-1600m);
        var (status, body) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/status");
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("daily_pnl").GetDecimal(), Is.EqualTo(-1600m));
            Assert.That(body.GetProperty("daily_pnl_pct").GetDecimal(), Is.EqualTo(-1.6m));
            Assert.That(body.GetProperty("max_daily_loss").GetDecimal(), Is.EqualTo(-2000m));
            Assert.That(body.GetProperty("loss_limit_used_pct").GetDecimal(), Is.EqualTo(80m));
            Assert.That(body.GetProperty("positions_count").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("max_positions").GetInt32(), Is.EqualTo(5));
            Assert.That(body.GetProperty("capital").GetDecimal(), Is.EqualTo(100000m));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("warning"));
            Assert.That(body.GetProperty("total_exposure").GetDecimal(), Is.GreaterThan(0m));
        });

        var (_, limits) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/limits");
        Assert.That(limits.GetProperty("daily_loss").GetProperty("used").GetDecimal(), Is.EqualTo(1600m));
        Assert.That(limits.GetProperty("daily_loss").GetProperty("available").GetDecimal(), Is.EqualTo(400m));
        Assert.That(limits.GetProperty("positions").GetProperty("available").GetDecimal(), Is.EqualTo(4m));
        Assert.That(limits.GetProperty("max_position_value").GetDecimal(), Is.EqualTo(20000m));

        var (_, exposures) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/exposures");
        var position = exposures.GetProperty("positions").EnumerateArray().Single();
        Assert.That(position.GetProperty("symbol").GetString(), Is.EqualTo(_held.Value));
        Assert.That(position.GetProperty("side").GetString(), Is.EqualTo("long"));
        Assert.That(position.GetProperty("quantity").GetDecimal(), Is.EqualTo(10m));
        Assert.That(exposures.GetProperty("gross_exposure").GetDecimal(),
            Is.EqualTo(position.GetProperty("market_value").GetDecimal()));
    }

    [Test]
    public async Task Preview_assessments_run_the_same_checks()
    {
        var (status, body) = await Validate(new { symbol = _twin.Value, side = "buy", quantity = 10, price = 50.0, stop_loss = 48.0, preview = true });
        Assert.That(status, Is.EqualTo(403));
        Assert.That(body.GetProperty("details").GetProperty("check_failed").GetString(), Is.EqualTo("correlation_check"));
        var (ok, okBody) = await Validate(new { symbol = _other.Value, side = "buy", quantity = 10, price = 50.0, stop_loss = 48.0, preview = true });
        Assert.That(ok, Is.EqualTo(200));
        Assert.That(Strings(okBody.GetProperty("checks_passed")), Does.Not.Contain("order_flow"));
    }
}
