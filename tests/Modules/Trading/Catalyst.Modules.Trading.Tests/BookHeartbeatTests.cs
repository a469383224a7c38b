using System.Text.Json;
using Catalyst.Modules.Trading.Book;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Trading.Tests;

/// <summary>The per-minute book work: which working orders are synced again, and when the outbox is read.</summary>
public sealed class BookHeartbeatTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    private static readonly WorkingOrder StopLeg = new("b-1", "c-1-sl", "submitted", "new", 100m, 0m, null, 9.50m, Submitted);

    private static BrokerOrder Broker(decimal filled = 0m, BrokerOrderStatus status = BrokerOrderStatus.New, decimal? stop = 9.50m,
        decimal quantity = 100m, string id = "b-1", IReadOnlyList<BrokerOrder>? legs = null) =>
        new(id, "c-1-sl", Symbol.Parse("ABCD"), OrderSide.Sell, OrderType.Stop, OrderClass.Bracket, TimeInForce.Day, quantity,
            filled, null, null, stop, status, Submitted, null, Submitted, legs ?? []);

    [Test]
    public void A_working_order_the_broker_reports_as_the_book_has_it_is_not_synced_again()
    {
        Assert.That(StopLeg.IsUnchangedIn(Broker()), Is.True);
    }

    [Test]
    public void Any_difference_the_book_would_apply_sends_the_order_through_the_book()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StopLeg.IsUnchangedIn(Broker(filled: 40m, status: BrokerOrderStatus.PartiallyFilled)), Is.False, "a fill");
            Assert.That(StopLeg.IsUnchangedIn(Broker(filled: 40m)), Is.False, "filled quantity alone");
            Assert.That(StopLeg.IsUnchangedIn(Broker(status: BrokerOrderStatus.Canceled)), Is.False, "a status");
            Assert.That(StopLeg.IsUnchangedIn(Broker(stop: 9.75m)), Is.False, "a moved stop");
            Assert.That(StopLeg.IsUnchangedIn(Broker(quantity: 80m)), Is.False, "an unfilled order's size");
            Assert.That(StopLeg.IsUnchangedIn(Broker(id: "b-2")), Is.False, "a replacement's new broker id");
            Assert.That(StopLeg.IsUnchangedIn(Broker(status: BrokerOrderStatus.Replaced)), Is.False, "replaced");
            Assert.That(StopLeg.IsUnchangedIn(Broker(legs: [Broker(id: "b-3")])), Is.False, "legs to apply");
            Assert.That((StopLeg with { SubmittedAt = null }).IsUnchangedIn(Broker()), Is.False, "a submission time to record");
            Assert.That((StopLeg with { BrokerStatus = null }).IsUnchangedIn(Broker()), Is.False, "a broker status to record");
        });
    }

    [Test]
    public void The_outbox_is_read_when_something_may_wait_and_otherwise_swept_every_fifteen_minutes()
    {
        var signal = new OutboxSignal();
        Assert.That(signal.IsDue(Submitted), Is.True, "at start-up");
        signal.BeginPass(Submitted);
        Assert.That(signal.IsDue(Submitted.AddMinutes(1)), Is.False, "nothing committed since the last pass");
        signal.MarkPending();
        Assert.That(signal.IsDue(Submitted.AddMinutes(1)), Is.True, "a row committed (or left undelivered)");
        signal.BeginPass(Submitted.AddMinutes(1));
        Assert.That(signal.IsDue(Submitted.AddMinutes(15)), Is.False);
        Assert.That(signal.IsDue(Submitted.AddMinutes(1) + OutboxSignal.SweepInterval), Is.True, "the sweep");
    }

    [Test]
    public async Task A_round_trip_another_instance_left_in_the_outbox_is_delivered_by_the_sweep()
    {
        await using var h = await TradingHarness.StartAsync();
        await h.RunUntilEasternAsync(9, 31);
        var contexts = h.App.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        var positionId = Guid.NewGuid();
        long rowId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var at = h.Session.Clock.GetUtcNow();
            var closed = new RoundTripClosed(positionId, "ZZTOP", "long", 10m, 10m, 10.5m, at.AddMinutes(-20), at, 5m, 2m,
                null, null, "manual");
            var row = new OutboxRow { OccurredAt = at, EventType = nameof(RoundTripClosed), Payload = JsonSerializer.Serialize(closed, WireJson.Options) };
            db.Outbox.Add(row);
            await db.SaveChangesAsync();
            rowId = row.Id;
        }

        var minutes = 0;
        var delivered = await h.StepUntilAsync(async () =>
        {
            minutes++;
            await using var db = await contexts.CreateDbContextAsync();
            return (await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == rowId)).DispatchedAt is not null;
        }, (int)OutboxSignal.SweepInterval.TotalMinutes + 2);
        Assert.That(delivered, Is.True, $"still pending after {minutes} minutes");
    }
}
