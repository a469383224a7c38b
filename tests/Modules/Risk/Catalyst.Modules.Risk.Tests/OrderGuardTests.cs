using System.Text.Json;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Catalyst.Modules.Risk.Tests.RiskTestKit;

namespace Catalyst.Modules.Risk.Tests;

/// <summary>
/// The order-flow guards with their default settings (30 s duplicate window, 10 orders a minute, a 5-minute cool-down
/// after 3 rejections in 5 minutes), on the simulation's virtual clock: each test starts a few virtual minutes after the
/// previous one so their windows do not overlap.
/// </summary>
[NonParallelizable]
public sealed class OrderGuardTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await StartAsync(ParametersFile());
        _client = _app.CreateApiClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>The app's simulated day; owned (and disposed) by the app.</summary>
    private SimulationSession Session => _app.Services.GetRequiredService<SimulationSession>();

    [SetUp]
    public async Task NextWindow()
    {
        for (var i = 0; i < 6; i++) await Session.StepAsync();
    }

    private Task<(int Status, JsonElement Body)> Entry(decimal quantity, double takeProfit = 56.0, bool preview = false) =>
        PostAsync(_client, "/api/v1/risk/validate",
            new { symbol = "GRDA", side = "buy", quantity, price = 50.0, stop_loss = 48.0, take_profit = takeProfit, preview });

    private static string? Check(JsonElement body) =>
        body.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("check_failed", out var c)
            ? c.GetString()
            : null;

    [Test]
    public async Task The_same_order_twice_within_thirty_seconds_is_a_duplicate()
    {
        Assert.That((await Entry(10)).Status, Is.EqualTo(200));
        var (status, body) = await Entry(10);
        Assert.That(status, Is.EqualTo(403), body.ToString());
        Assert.That(Check(body), Is.EqualTo("duplicate_order"));
        Assert.That(body.GetProperty("details").GetProperty("window_seconds").GetInt32(), Is.EqualTo(30));
        Assert.That(body.GetProperty("reason").GetString(), Does.StartWith("Duplicate order: buy 10 GRDA"));

        Assert.That((await Entry(11)).Status, Is.EqualTo(200), "another quantity is another order");
        Assert.That((await Entry(10, preview: true)).Status, Is.EqualTo(200), "a preview is not an order");

        await Session.StepAsync(); // a virtual minute later the window has passed
        Assert.That((await Entry(10)).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task More_than_ten_orders_a_minute_are_refused()
    {
        for (var i = 1; i <= 10; i++) Assert.That((await Entry(100 + i)).Status, Is.EqualTo(200), $"order {i}");
        var (status, body) = await Entry(200);
        Assert.That(status, Is.EqualTo(403), body.ToString());
        Assert.That(Check(body), Is.EqualTo("order_rate_limit"));
        Assert.That(body.GetProperty("details").GetProperty("orders_last_minute").GetInt32(), Is.EqualTo(10));
        Assert.That(body.GetProperty("details").GetProperty("max_orders_per_minute").GetInt32(), Is.EqualTo(10));

        await Session.StepAsync();
        Assert.That((await Entry(201)).Status, Is.EqualTo(200), "the next minute has room again");
    }

    [Test]
    public async Task Three_rejections_in_five_minutes_start_a_cool_down()
    {
        // Reward:risk 0.5 is refused by the risk_reward_ratio check.
        Assert.That(Check((await Entry(1, takeProfit: 51.0)).Body), Is.EqualTo("risk_reward_ratio"));
        Assert.That(Check((await Entry(2, takeProfit: 51.0)).Body), Is.EqualTo("risk_reward_ratio"));
        var (_, third) = await Entry(3, takeProfit: 51.0);
        Assert.That(Check(third), Is.EqualTo("risk_reward_ratio"));
        Assert.That(third.GetProperty("details").TryGetProperty("cooldown_until", out _), Is.True, "the third rejection says the cool-down began");

        var (status, body) = await Entry(4);
        Assert.That(status, Is.EqualTo(403), body.ToString());
        Assert.That(Check(body), Is.EqualTo("cool_down"), "even a good order waits out the cool-down");

        for (var i = 0; i < 4; i++) await Session.StepAsync();
        Assert.That(Check((await Entry(5)).Body), Is.EqualTo("cool_down"), "four minutes in, still cooling down");
        await Session.StepAsync();
        Assert.That((await Entry(6)).Status, Is.EqualTo(200), "after five minutes entries resume");

        var (_, limits) = await SendAsync(_client, HttpMethod.Get, "/api/v1/risk/limits");
        Assert.That(limits.GetProperty("order_guards").GetProperty("cooldown_until").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}
