using Catalyst.Alpaca.Tests.Support;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Catalyst.Alpaca.Tests;

/// <summary>Alpaca's error statuses become the Catalyst exceptions IBrokerPort promises.</summary>
[TestFixture]
internal sealed class ErrorMappingTests
{
    private AlpacaFake fake = null!;

    [SetUp]
    public void SetUp() => fake = new AlpacaFake();

    [TearDown]
    public void TearDown() => fake.Dispose();

    private static OrderRequest Order(string clientId = "cat-err") =>
        new(Symbol.Parse("AAPL"), OrderSide.Buy, 10m, OrderType.Limit, TimeInForce.Day, clientId, LimitPrice: 150m);

    [Test]
    public void Insufficient_buying_power_403_is_forbidden_with_its_own_code()
    {
        fake.Answer("POST", "/v2/orders", 403,
            """{"buying_power":"176531.28","code":40310000,"cost_basis":"48640000","message":"insufficient buying power"}""");

        var ex = Assert.ThrowsAsync<ForbiddenException>(() => fake.Broker().SubmitOrderAsync(Order(), CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo("INSUFFICIENT_BUYING_POWER"));
        Assert.That(ex.Message, Does.Contain("insufficient buying power"));
    }

    [Test]
    public void Other_403_is_broker_forbidden()
    {
        fake.Answer("POST", "/v2/orders", 403, """{"code":40310000,"message":"new orders are rejected by user request"}""");

        var ex = Assert.ThrowsAsync<ForbiddenException>(() => fake.Broker().SubmitOrderAsync(Order(), CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo("BROKER_FORBIDDEN"));
    }

    [Test]
    public void Unprocessable_422_is_a_validation_error_on_order_with_alpacas_message()
    {
        fake.Answer("POST", "/v2/orders", 422, """{"code":42210000,"message":"bracket orders must be entry orders"}""");

        var ex = Assert.ThrowsAsync<ValidationException>(() => fake.Broker().SubmitOrderAsync(Order(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Field, Is.EqualTo("order"));
            Assert.That(ex.Message, Is.EqualTo("bracket orders must be entry orders"));
        });
    }

    [Test]
    public async Task Not_found_404_is_null_for_lookups_and_NotFound_for_actions()
    {
        fake.Answer("GET", "/v2/orders/missing", 404, """{"code":40410000,"message":"order not found"}""");
        fake.Answer("DELETE", "/v2/orders/missing", 404, """{"code":40410000,"message":"order not found"}""");
        var broker = fake.Broker();

        Assert.That(await broker.GetOrderAsync("missing", CancellationToken.None), Is.Null);
        var ex = Assert.ThrowsAsync<NotFoundException>(() => broker.CancelOrderAsync("missing", CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("order not found"));
    }

    [Test]
    public async Task Rate_limited_429_is_waited_out_per_Retry_After_then_succeeds()
    {
        fake.Server.Given(Request.Create().WithPath("/v2/account").UsingGet()).InScenario("rl").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
                .WithBody("""{"code":42910000,"message":"rate limit exceeded"}"""));
        fake.Server.Given(Request.Create().WithPath("/v2/account").UsingGet()).InScenario("rl").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Reference.Example("account.response.json")));

        var started = DateTimeOffset.UtcNow;
        var account = await fake.Broker().GetAccountAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(account.AccountNumber, Is.EqualTo("PALPACA_123"));
            Assert.That(fake.Requests.Count(r => r.Path == "/v2/account"), Is.EqualTo(2));
            Assert.That(DateTimeOffset.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)), "honoured Retry-After");
        });
    }

    [Test]
    public async Task Rate_limited_429_honours_X_RateLimit_Reset_when_there_is_no_Retry_After()
    {
        var reset = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeSeconds();
        fake.Server.Given(Request.Create().WithPath("/v2/clock").UsingGet()).InScenario("reset").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("X-RateLimit-Reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        fake.Server.Given(Request.Create().WithPath("/v2/clock").UsingGet()).InScenario("reset").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                """{"timestamp":"2024-07-01T10:15:00-04:00","is_open":true,"next_open":"2024-07-02T09:30:00-04:00","next_close":"2024-07-01T16:00:00-04:00"}"""));

        var clock = await fake.Broker().GetClockAsync(CancellationToken.None);

        var calls = fake.Requests.Where(r => r.Path == "/v2/clock").Select(r => r.DateTime).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(clock.IsOpen, Is.True);
            Assert.That(calls, Has.Count.EqualTo(2));
            Assert.That(calls[1], Is.GreaterThanOrEqualTo(DateTimeOffset.FromUnixTimeSeconds(reset).UtcDateTime.AddMilliseconds(-50)));
        });
    }

    [Test]
    public void Rate_limited_429_beyond_the_retry_bound_is_BROKER_RATE_LIMITED()
    {
        fake.Answer("GET", "/v2/account", 429, """{"code":42910000,"message":"rate limit exceeded"}""",
            r => r.WithHeader("Retry-After", "0"));

        var ex = Assert.ThrowsAsync<ServiceUnavailableException>(() => fake.Broker().GetAccountAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo("BROKER_RATE_LIMITED"));
            Assert.That(fake.Requests, Has.Count.EqualTo(1 + fake.Options.MaxRateLimitRetries));
        });
    }

    [Test]
    public void Server_error_500_is_BROKER_UNAVAILABLE()
    {
        fake.Answer("GET", "/v2/positions", 500, """{"code":50010000,"message":"internal server error"}""");

        var ex = Assert.ThrowsAsync<ServiceUnavailableException>(() => fake.Broker().GetPositionsAsync(CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo("BROKER_UNAVAILABLE"));
    }

    [Test]
    public async Task An_order_whose_submission_failed_with_500_but_landed_is_found_by_client_id_and_not_resent()
    {
        fake.Answer("POST", "/v2/orders", 500, """{"code":50010000,"message":"internal server error"}""");
        fake.Answer("GET", "/v2/orders:by_client_order_id", 200, Reference.Example("order.equity.response.json"));

        var order = await fake.Broker().SubmitOrderAsync(Order("5680c4bc-9ac1-4a12-a44c-df427ba53032"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(order.Id, Is.EqualTo("7b08df51-c1ac-453c-99f9-323a5f075f0d"));
            Assert.That(fake.Requests.Count(r => r.Method == "POST"), Is.EqualTo(1), "never resubmitted blindly");
            Assert.That(AlpacaFake.Query(fake.Single("GET", "/v2/orders:by_client_order_id"), "client_order_id"),
                Is.EqualTo("5680c4bc-9ac1-4a12-a44c-df427ba53032"));
        });
    }

    [Test]
    public void An_order_that_did_not_land_is_resent_once_after_the_lookup_then_reported_unavailable()
    {
        fake.Answer("POST", "/v2/orders", 503, """{"code":50310000,"message":"service unavailable"}""");
        fake.Answer("GET", "/v2/orders:by_client_order_id", 404, """{"code":40410000,"message":"order not found"}""");

        var ex = Assert.ThrowsAsync<ServiceUnavailableException>(() => fake.Broker().SubmitOrderAsync(Order(), CancellationToken.None));

        var sequence = fake.Requests.OrderBy(r => r.DateTime).Select(r => r.Method).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo("BROKER_UNAVAILABLE"));
            Assert.That(sequence, Is.EqualTo(new[] { "POST", "GET", "POST" }));
        });
    }
}
