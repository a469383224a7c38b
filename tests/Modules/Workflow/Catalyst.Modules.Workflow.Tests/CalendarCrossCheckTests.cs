using System.Net;
using System.Runtime.CompilerServices;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>
/// Paper mode: a cycle's start compares our NYSE calendar with the broker's calendar and clock. The Host runs with
/// Catalyst:Mode=Paper (the Alpaca adapters registered, pointed at a closed loopback port so nothing leaves the
/// machine), the broker port replaced by a stub whose calendar the test sets.
/// </summary>
[NonParallelizable]
public sealed class CalendarCrossCheckTests
{
    [Test]
    public async Task A_broker_calendar_that_disagrees_is_a_timeline_event_and_a_warning_alert()
    {
        var clock = new FakeTimeProvider(WorkflowTestHost.Et(8, 0));
        var broker = new CalendarBroker(clock);
        await using var app = await WorkflowTestHost.StartAsync(o =>
        {
            o.Settings["Catalyst:Mode"] = "Paper";
            o.Settings["Alpaca:KeyId"] = "PKTEST-KEY-ID";
            o.Settings["Alpaca:SecretKey"] = "test-secret-key";
            o.Settings["Alpaca:TradingBaseUrl"] = "http://127.0.0.1:1/";
            o.Settings["Alpaca:DataBaseUrl"] = "http://127.0.0.1:1/";
            o.Settings["Alpaca:StreamBaseUrl"] = "ws://127.0.0.1:1/stream";
            o.Settings["Alpaca:DataStreamUrl"] = "ws://127.0.0.1:1/v2/iex";
            o.Settings["Alpaca:NewsStreamUrl"] = "ws://127.0.0.1:1/v1beta1/news";
            o.Settings["Catalyst:News:IngestionEnabled"] = "false";
            o.Clock = clock;
            o.ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<IBrokerPort>(broker));
        });
        using var client = app.CreateApiClient();

        // The broker agrees: 09:30–16:00 ET, closed at 08:00.
        broker.Session = new CalendarDay(WorkflowTestHost.Day, WorkflowTestHost.Et(9, 30), WorkflowTestHost.Et(16, 0));
        var (created, agreed) = await client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), agreed.ToString());
        var agreedTypes = (await client.TimelineAsync(agreed.Str("cycle_id"))).Select(e => e.Str("event_type")).ToList();
        Assert.That(agreedTypes, Does.Contain("calendar_checked").And.No.Contain("calendar_mismatch"));
        Assert.That(broker.CalendarReads, Is.EqualTo(1), "the broker's calendar was asked");
        var (stopped, stopBody) = await client.PostJsonAsync("/api/v1/workflow/stop", new { reason = "restart against another calendar" });
        Assert.That(stopped, Is.EqualTo(HttpStatusCode.OK), stopBody.ToString());

        // The broker says today closes early, at 13:00 ET.
        broker.Session = new CalendarDay(WorkflowTestHost.Day, WorkflowTestHost.Et(9, 30), WorkflowTestHost.Et(13, 0));
        var (again, started) = await client.PostJsonAsync("/api/v1/workflow/start", new { session_mode = "supervised" });
        Assert.That(again, Is.EqualTo(HttpStatusCode.Created), started.ToString());
        var timeline = await client.TimelineAsync(started.Str("cycle_id"));
        var mismatch = timeline.SingleOrDefault(e => e.Str("event_type") == "calendar_mismatch");
        Assert.That(mismatch.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object),
            "a calendar_mismatch event; timeline: " + string.Join(", ", timeline.Select(e => e.Str("event_type"))));
        Assert.That(mismatch.Str("description"), Does.Contain("close differs: ours 16:00 ET, broker 13:00 ET"));

        await using var scope = app.Services.CreateAsyncScope();
        var alerts = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetAlerts("active"));
        var alert = alerts.Where(a => a.AlertType == "calendar_mismatch").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(alert, Has.Count.EqualTo(1), "one warning for the disagreeing start, none for the agreeing one");
            Assert.That(alert.FirstOrDefault()?.Severity, Is.EqualTo("warning"));
            Assert.That(alert.FirstOrDefault()?.Message, Does.Contain("2026-03-10").And.Contain("broker 13:00 ET"));
        });
    }

    /// <summary>A flat, quiet broker whose calendar and clock the test controls.</summary>
    private sealed class CalendarBroker(TimeProvider clock) : IBrokerPort
    {
        public CalendarDay? Session { get; set; }

        public int CalendarReads { get; private set; }

        public Task<Account> GetAccountAsync(CancellationToken ct) =>
            Task.FromResult(new Account("PAPER-STUB", 100_000m, 100_000m, 200_000m, 100_000m, "ACTIVE", false));

        public Task<MarketClock> GetClockAsync(CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var open = Session is { } s && now >= s.Open && now < s.Close;
            return Task.FromResult(new MarketClock(now, open, Session?.Open ?? now, Session?.Close ?? now));
        }

        public Task<IReadOnlyList<CalendarDay>> GetCalendarAsync(DateOnly start, DateOnly end, CancellationToken ct)
        {
            CalendarReads++;
            IReadOnlyList<CalendarDay> days = Session is { } s && s.Date >= start && s.Date <= end ? [s] : [];
            return Task.FromResult(days);
        }

        public Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(bool openOnly, CancellationToken ct) => Task.FromResult<IReadOnlyList<BrokerOrder>>([]);
        public Task<BrokerOrder?> GetOrderAsync(string orderId, CancellationToken ct) => Task.FromResult<BrokerOrder?>(null);
        public Task<BrokerOrder?> GetOrderByClientIdAsync(string clientOrderId, CancellationToken ct) => Task.FromResult<BrokerOrder?>(null);
        public Task<IReadOnlyList<BulkItemResult>> CancelAllOrdersAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<BulkItemResult>>([]);
        public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<BrokerPosition>>([]);
        public Task<BrokerPosition?> GetPositionAsync(Symbol symbol, CancellationToken ct) => Task.FromResult<BrokerPosition?>(null);

        public Task<IReadOnlyList<BulkItemResult>> CloseAllPositionsAsync(bool cancelOrders, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<BulkItemResult>>([]);

        public Task<BrokerOrder> SubmitOrderAsync(OrderRequest request, CancellationToken ct) => throw new NotSupportedException();
        public Task<BrokerOrder> ReplaceOrderAsync(string orderId, ReplaceOrderRequest request, CancellationToken ct) => throw new NotSupportedException();
        public Task CancelOrderAsync(string orderId, CancellationToken ct) => throw new NotSupportedException();
        public Task<BrokerOrder> ClosePositionAsync(Symbol symbol, CancellationToken ct) => throw new NotSupportedException();

        public async IAsyncEnumerable<TradeUpdate> StreamTradeUpdatesAsync([EnumeratorCancellation] CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            yield break;
        }
    }
}
