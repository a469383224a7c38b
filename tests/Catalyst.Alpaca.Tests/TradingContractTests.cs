using System.Text.Json;
using Catalyst.Alpaca.Tests.Support;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Alpaca.Tests;

/// <summary>What the broker adapter sends to Alpaca Trading v2 and how it reads the answers (reference/alpaca/examples).</summary>
[TestFixture]
internal sealed class TradingContractTests
{
    private AlpacaFake fake = null!;

    [SetUp]
    public void SetUp() => fake = new AlpacaFake();

    [TearDown]
    public void TearDown() => fake.Dispose();

    [Test]
    public async Task Account_is_read_with_money_strings_as_exact_decimals_and_the_APCA_headers_sent()
    {
        fake.Answer("GET", "/v2/account", 200, Reference.Example("account.response.json"));

        var account = await fake.Broker().GetAccountAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(account.AccountNumber, Is.EqualTo("PALPACA_123"));
            Assert.That(account.Equity, Is.EqualTo(123346.11m));
            Assert.That(account.Cash, Is.EqualTo(122086.5m));
            Assert.That(account.BuyingPower, Is.EqualTo(245432.61m));
            Assert.That(account.LastEquity, Is.EqualTo(122011.09751111286868m));
            Assert.That(account.Status, Is.EqualTo("ACTIVE"));
            Assert.That(account.PatternDayTrader, Is.True);
        });
        var request = fake.Single("GET", "/v2/account");
        Assert.That(request.Headers!["APCA-API-KEY-ID"].ToString(), Is.EqualTo(AlpacaFake.KeyId));
        Assert.That(request.Headers!["APCA-API-SECRET-KEY"].ToString(), Is.EqualTo(AlpacaFake.Secret));
    }

    [Test]
    public async Task Bracket_order_body_matches_the_official_example_and_the_spec_required_fields()
    {
        fake.Answer("POST", "/v2/orders", 200, Reference.Example("order.equity.response.json"));
        var request = new OrderRequest(Symbol.Parse("SPY"), OrderSide.Buy, 100m, OrderType.Market, TimeInForce.Gtc, "cat-0001",
            Bracket: new BracketLegs(301m, 299m, 298.5m));

        await fake.Broker().SubmitOrderAsync(request, CancellationToken.None);

        var sent = JsonDocument.Parse(fake.Single("POST", "/v2/orders").Body!).RootElement;
        var expected = JsonDocument.Parse(Reference.Example("bracket_order.request.json")).RootElement;
        foreach (var field in expected.EnumerateObject())
            Assert.That(sent.GetProperty(field.Name).GetRawText(), Is.EqualTo(field.Value.GetRawText()).IgnoreWhiteSpace,
                $"field {field.Name}");
        Assert.Multiple(() =>
        {
            foreach (var required in RequiredOrderFields())
                Assert.That(sent.TryGetProperty(required, out _), Is.True, $"spec-required field {required}");
            Assert.That(sent.GetProperty("client_order_id").GetString(), Is.EqualTo("cat-0001"));
            Assert.That(sent.GetProperty("extended_hours").GetBoolean(), Is.False);
            Assert.That(sent.TryGetProperty("limit_price", out _), Is.False, "a market entry has no limit_price");
        });
    }

    [TestCase(OrderType.Limit, "limit", "limit_price", "150.25")]
    [TestCase(OrderType.Stop, "stop", "stop_price", "149.5")]
    [TestCase(OrderType.TrailingStop, "trailing_stop", "trail_percent", "1.5")]
    public async Task Simple_orders_carry_their_type_and_price_fields_as_strings(OrderType type, string wireType, string field, string value)
    {
        fake.Answer("POST", "/v2/orders", 200, Reference.Example("order.equity.response.json"));
        var request = new OrderRequest(Symbol.Parse("AAPL"), OrderSide.Sell, 2m, type, TimeInForce.Day, "cat-0002",
            LimitPrice: type == OrderType.Limit ? 150.25m : null, StopPrice: type == OrderType.Stop ? 149.5m : null,
            TrailPercent: type == OrderType.TrailingStop ? 1.5m : null);

        await fake.Broker().SubmitOrderAsync(request, CancellationToken.None);

        var sent = JsonDocument.Parse(fake.Single("POST", "/v2/orders").Body!).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(sent.GetProperty("type").GetString(), Is.EqualTo(wireType));
            Assert.That(sent.GetProperty("side").GetString(), Is.EqualTo("sell"));
            Assert.That(sent.GetProperty("time_in_force").GetString(), Is.EqualTo("day"));
            Assert.That(sent.GetProperty("qty").GetString(), Is.EqualTo("2"));
            Assert.That(sent.GetProperty(field).GetString(), Is.EqualTo(value));
            Assert.That(sent.TryGetProperty("order_class", out _), Is.False);
        });
    }

    [Test]
    public async Task Order_response_is_mapped_with_decimal_quantities_and_status()
    {
        fake.Answer("POST", "/v2/orders", 200, Reference.Example("order.equity.response.json"));
        var order = await fake.Broker().SubmitOrderAsync(new OrderRequest(Symbol.Parse("AAPL"), OrderSide.Buy, 2m, OrderType.Limit,
            TimeInForce.Gtc, "5680c4bc-9ac1-4a12-a44c-df427ba53032", LimitPrice: 150m), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(order.Id, Is.EqualTo("7b08df51-c1ac-453c-99f9-323a5f075f0d"));
            Assert.That(order.Symbol.Value, Is.EqualTo("AAPL"));
            Assert.That(order.Type, Is.EqualTo(OrderType.Limit));
            Assert.That(order.Class, Is.EqualTo(OrderClass.Simple));
            Assert.That(order.TimeInForce, Is.EqualTo(TimeInForce.Gtc));
            Assert.That(order.Quantity, Is.EqualTo(2m));
            Assert.That(order.LimitPrice, Is.EqualTo(150m));
            Assert.That(order.FilledQuantity, Is.EqualTo(0m));
            Assert.That(order.FilledAveragePrice, Is.Null);
            Assert.That(order.Status, Is.EqualTo(BrokerOrderStatus.Accepted));
            Assert.That(order.SubmittedAt, Is.EqualTo(new DateTimeOffset(2023, 12, 12, 22, 31, 24, TimeSpan.Zero).AddTicks(5772157)));
        });
    }

    [Test]
    public void Invalid_orders_are_refused_before_anything_is_sent()
    {
        var broker = fake.Broker();
        var noLimit = new OrderRequest(Symbol.Parse("AAPL"), OrderSide.Buy, 1m, OrderType.Limit, TimeInForce.Day, "c1");
        var inverted = new OrderRequest(Symbol.Parse("AAPL"), OrderSide.Buy, 1m, OrderType.Market, TimeInForce.Day, "c2",
            Bracket: new BracketLegs(99m, 101m));

        var e1 = Assert.ThrowsAsync<SharedKernel.Errors.ValidationException>(() => broker.SubmitOrderAsync(noLimit, CancellationToken.None));
        var e2 = Assert.ThrowsAsync<SharedKernel.Errors.ValidationException>(() => broker.SubmitOrderAsync(inverted, CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(e1!.Field, Is.EqualTo("limit_price"));
            Assert.That(e2!.Field, Is.EqualTo("take_profit"));
            Assert.That(fake.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task Orders_are_found_by_id_and_by_client_order_id_and_listed_nested()
    {
        var order = Reference.Example("order.equity.response.json");
        fake.Answer("GET", "/v2/orders/7b08df51-c1ac-453c-99f9-323a5f075f0d", 200, order);
        fake.Answer("GET", "/v2/orders:by_client_order_id", 200, order);
        fake.Answer("GET", "/v2/orders", 200, $"[{order}]");
        var broker = fake.Broker();

        var byId = await broker.GetOrderAsync("7b08df51-c1ac-453c-99f9-323a5f075f0d", CancellationToken.None);
        var byClient = await broker.GetOrderByClientIdAsync("5680c4bc-9ac1-4a12-a44c-df427ba53032", CancellationToken.None);
        var open = await broker.GetOrdersAsync(openOnly: true, CancellationToken.None);
        var all = await broker.GetOrdersAsync(openOnly: false, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(byId!.ClientOrderId, Is.EqualTo("5680c4bc-9ac1-4a12-a44c-df427ba53032"));
            Assert.That(byClient!.Id, Is.EqualTo("7b08df51-c1ac-453c-99f9-323a5f075f0d"));
            Assert.That(open, Has.Count.EqualTo(1));
            Assert.That(all, Has.Count.EqualTo(1));
        });
        var lookups = fake.Requests.Where(r => r.Path == "/v2/orders:by_client_order_id").ToList();
        Assert.That(AlpacaFake.Query(lookups.Single(), "client_order_id"), Is.EqualTo("5680c4bc-9ac1-4a12-a44c-df427ba53032"));
        var lists = fake.Requests.Where(r => r.Path == "/v2/orders").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lists.Select(r => AlpacaFake.Query(r, "status")), Is.EqualTo(new[] { "open", "all" }));
            Assert.That(lists.Select(r => AlpacaFake.Query(r, "nested")), Is.All.EqualTo("true"));
        });
    }

    [Test]
    public async Task Replace_patches_the_order_with_the_new_prices_and_returns_the_new_order()
    {
        fake.Answer("PATCH", "/v2/orders/abc", 200, Reference.Example("order.equity.response.json"));

        var replaced = await fake.Broker().ReplaceOrderAsync("abc", new ReplaceOrderRequest(LimitPrice: 151.1m), CancellationToken.None);

        var body = JsonDocument.Parse(fake.Single("PATCH", "/v2/orders/abc").Body!).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("limit_price").GetString(), Is.EqualTo("151.1"));
            Assert.That(body.TryGetProperty("qty", out _), Is.False);
            Assert.That(replaced.Id, Is.EqualTo("7b08df51-c1ac-453c-99f9-323a5f075f0d"));
        });
    }

    [Test]
    public async Task Cancel_one_sends_delete_and_cancel_all_reads_the_207_items()
    {
        fake.Answer("DELETE", "/v2/orders/abc", 204, "");
        fake.Answer("DELETE", "/v2/orders", 207,
            """[{"id":"o-1","status":200},{"id":"o-2","status":500,"body":{"code":50010000,"message":"internal error"}}]""");
        var broker = fake.Broker();

        await broker.CancelOrderAsync("abc", CancellationToken.None);
        var results = await broker.CancelAllOrdersAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(fake.Requests.Count(r => r is { Method: "DELETE", Path: "/v2/orders/abc" }), Is.EqualTo(1));
            Assert.That(results.Select(r => (r.Id, r.Status)), Is.EqualTo(new[] { ("o-1", 200), ("o-2", 500) }));
            Assert.That(results[0].Error, Is.Null);
            Assert.That(results[1].Error, Is.EqualTo("internal error"));
        });
    }

    [Test]
    public async Task Positions_are_read_closed_one_by_one_and_closed_all_with_cancel_orders()
    {
        const string position = """
            {"asset_id":"904837e3","symbol":"AAPL","exchange":"NASDAQ","asset_class":"us_equity","qty":"10","side":"long",
             "avg_entry_price":"100.5","market_value":"1010.2","cost_basis":"1005","unrealized_pl":"5.2","current_price":"101.02"}
            """;
        var order = Reference.Example("order.equity.response.json");
        fake.Answer("GET", "/v2/positions", 200, $"[{position}]");
        fake.Answer("GET", "/v2/positions/AAPL", 200, position);
        fake.Answer("GET", "/v2/positions/MSFT", 404, """{"code":40410000,"message":"position does not exist"}""");
        fake.Answer("DELETE", "/v2/positions/AAPL", 200, order);
        fake.Answer("DELETE", "/v2/positions", 207,
            "[{\"symbol\":\"AAPL\",\"status\":200,\"body\":" + order +
            """},{"symbol":"TSLA","status":403,"body":{"code":40310000,"message":"insufficient qty"}}]""");
        var broker = fake.Broker();

        var all = await broker.GetPositionsAsync(CancellationToken.None);
        var aapl = await broker.GetPositionAsync(Symbol.Parse("AAPL"), CancellationToken.None);
        var none = await broker.GetPositionAsync(Symbol.Parse("MSFT"), CancellationToken.None);
        var closing = await broker.ClosePositionAsync(Symbol.Parse("AAPL"), CancellationToken.None);
        var closeAll = await broker.CloseAllPositionsAsync(cancelOrders: true, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(all.Single().Quantity, Is.EqualTo(10m));
            Assert.That(aapl!.AverageEntryPrice, Is.EqualTo(100.5m));
            Assert.That(aapl.UnrealizedPnl, Is.EqualTo(5.2m));
            Assert.That(aapl.CurrentPrice, Is.EqualTo(101.02m));
            Assert.That(none, Is.Null);
            Assert.That(closing.Id, Is.EqualTo("7b08df51-c1ac-453c-99f9-323a5f075f0d"));
            Assert.That(closeAll.Select(r => (r.Id, r.Status)), Is.EqualTo(new[] { ("AAPL", 200), ("TSLA", 403) }));
            Assert.That(closeAll[0].Order!.Symbol.Value, Is.EqualTo("AAPL"));
            Assert.That(closeAll[1].Order, Is.Null);
            Assert.That(closeAll[1].Error, Is.EqualTo("insufficient qty"));
            Assert.That(AlpacaFake.Query(fake.Single("DELETE", "/v2/positions"), "cancel_orders"), Is.EqualTo("true"));
        });
    }

    [Test]
    public async Task Clock_and_calendar_are_read_with_eastern_session_times()
    {
        fake.Answer("GET", "/v2/clock", 200,
            """{"timestamp":"2024-07-01T10:15:00.123456789-04:00","is_open":true,"next_open":"2024-07-02T09:30:00-04:00","next_close":"2024-07-01T16:00:00-04:00"}""");
        fake.Answer("GET", "/v2/calendar", 200,
            """[{"date":"2024-07-03","open":"09:30","close":"13:00","session_open":"0400","session_close":"2000","settlement_date":"2024-07-05"}]""");
        var broker = fake.Broker();

        var clock = await broker.GetClockAsync(CancellationToken.None);
        var days = await broker.GetCalendarAsync(new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 5), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(clock.IsOpen, Is.True);
            Assert.That(clock.NextClose, Is.EqualTo(new DateTimeOffset(2024, 7, 1, 20, 0, 0, TimeSpan.Zero)));
            Assert.That(days.Single().Close, Is.EqualTo(new DateTimeOffset(2024, 7, 3, 17, 0, 0, TimeSpan.Zero)));
            Assert.That(AlpacaFake.Query(fake.Single("GET", "/v2/calendar"), "start"), Is.EqualTo("2024-07-01"));
        });
    }

    /// <summary>The spec's own list for POST /v2/orders, plus the fields every order we send must carry.</summary>
    private static IEnumerable<string> RequiredOrderFields()
    {
        var spec = JsonDocument.Parse(Reference.Spec("trading-api.json")).RootElement;
        var body = spec.GetProperty("paths").GetProperty("/v2/orders").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (body.TryGetProperty("$ref", out var reference))
            body = Resolve(spec, reference.GetString()!);
        var required = body.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        Assert.That(required, Is.SupersetOf(new[] { "type", "time_in_force" }), "the spec's required fields");
        return required.Concat(["symbol", "qty", "side", "client_order_id"]).Distinct();
    }

    private static JsonElement Resolve(JsonElement spec, string reference)
    {
        var node = spec;
        foreach (var part in reference.TrimStart('#', '/').Split('/')) node = node.GetProperty(part);
        return node;
    }
}
