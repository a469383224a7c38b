using System.Text.Json;
using Catalyst.Alpaca.Streaming;
using Catalyst.Alpaca.Tests.Support;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Catalyst.Alpaca.Tests;

/// <summary>The websocket clients against a real websocket server: login, binary frames, parsing, reconnect after a drop.</summary>
[TestFixture]
internal sealed class StreamingTests
{
    private static AlpacaOptions Options(WebSocketServer server) => new()
    {
        KeyId = AlpacaFake.KeyId,
        SecretKey = AlpacaFake.Secret,
        TradingBaseUrl = new Uri("http://127.0.0.1:1/"),
        DataBaseUrl = new Uri("http://127.0.0.1:1/"),
        StreamBaseUrl = server.Url("/stream"),
        DataStreamUrl = server.Url("/v2/iex"),
        NewsStreamUrl = server.Url("/v1beta1/news"),
        StreamBackoffStart = TimeSpan.FromMilliseconds(50),
        StreamBackoffCap = TimeSpan.FromMilliseconds(200),
    };

    [Test]
    public async Task Trade_updates_log_in_listen_parse_a_binary_fill_and_reconnect_after_a_drop()
    {
        var fill = Reference.Example("trade_updates.fill.json");
        await using var server = await WebSocketServer.StartAsync(async session =>
        {
            await session.ReceiveAsync();
            await session.SendBinaryAsync("""{"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}""");
            await session.ReceiveAsync();
            await session.SendBinaryAsync("""{"stream":"listening","data":{"streams":["trade_updates"]}}""");
            await session.SendBinaryAsync("{\"stream\":\"trade_updates\",\"data\":{\"event\""); // malformed: skipped
            await session.SendBinaryAsync(fill);
            if (session.Number == 1)
            {
                await Task.Delay(100);
                session.Drop();
                return;
            }

            await session.HoldAsync();
        });
        await using var stream = new TradeUpdatesStream(Options(server), TimeProvider.System, NullLogger<TradeUpdatesStream>.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var updates = new List<TradeUpdate>();
        await foreach (var update in stream.SubscribeAsync(timeout.Token))
        {
            updates.Add(update);
            if (updates.Count == 2) break;
        }

        var first = updates[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.Event, Is.EqualTo(TradeUpdateEvent.Fill));
            Assert.That(first.Price, Is.EqualTo(105.8988475m));
            Assert.That(first.Quantity, Is.EqualTo(1790.86m));
            Assert.That(first.PositionQuantity, Is.EqualTo(0m));
            Assert.That(first.ExecutionId, Is.EqualTo("2f63ea93-423d-4169-b3f6-3fdafc10c418"));
            Assert.That(first.Timestamp, Is.EqualTo(DateTimeOffset.Parse("2022-04-19T17:45:05.0249167Z", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(first.Order.Id, Is.EqualTo("a5be8f5e-fdfa-41f5-a644-7a74fe947a8f"));
            Assert.That(first.Order.Symbol.Value, Is.EqualTo("SOLUSD"));
            Assert.That(first.Order.Side, Is.EqualTo(OrderSide.Sell));
            Assert.That(first.Order.Status, Is.EqualTo(BrokerOrderStatus.Filled));
            Assert.That(first.Order.FilledAveragePrice, Is.EqualTo(105.8988475m));
            Assert.That(updates[1].Order.Id, Is.EqualTo(first.Order.Id), "the same fill again over the new connection");
            Assert.That(server.Connections, Is.EqualTo(2), "the client reconnected after the drop, not after the malformed frame");
            Assert.That(stream.Connections, Is.EqualTo(2));
        });
        var sent = server.Received.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sent[0].GetProperty("action").GetString(), Is.EqualTo("auth"));
            Assert.That(sent[0].GetProperty("key").GetString(), Is.EqualTo(AlpacaFake.KeyId));
            Assert.That(sent[0].GetProperty("secret").GetString(), Is.EqualTo(AlpacaFake.Secret));
            Assert.That(sent[1].GetProperty("action").GetString(), Is.EqualTo("listen"));
            Assert.That(sent[1].GetProperty("data").GetProperty("streams")[0].GetString(), Is.EqualTo("trade_updates"));
        });
    }

    [Test]
    public async Task Two_subscribers_share_one_connection()
    {
        var fill = Reference.Example("trade_updates.fill.json");
        await using var server = await WebSocketServer.StartAsync(async session =>
        {
            await session.ReceiveAsync();
            await session.SendTextAsync("""{"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}""");
            await session.ReceiveAsync();
            await Task.Delay(300); // both subscribers are attached by now
            await session.SendBinaryAsync(fill);
            await session.HoldAsync();
        });
        await using var stream = new TradeUpdatesStream(Options(server), TimeProvider.System, NullLogger<TradeUpdatesStream>.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        static async Task<TradeUpdate> FirstAsync(IAsyncEnumerable<TradeUpdate> updates)
        {
            await foreach (var update in updates) return update;
            throw new InvalidOperationException("stream ended");
        }

        var results = await Task.WhenAll(FirstAsync(stream.SubscribeAsync(timeout.Token)), FirstAsync(stream.SubscribeAsync(timeout.Token)));

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Event), Is.All.EqualTo(TradeUpdateEvent.Fill));
            Assert.That(server.Connections, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Bars_stream_logs_in_subscribes_the_symbols_and_yields_only_them()
    {
        await using var server = await WebSocketServer.StartAsync(async session =>
        {
            await session.SendTextAsync("""[{"T":"success","msg":"connected"}]""");
            await session.ReceiveAsync();
            await session.SendTextAsync("""[{"T":"success","msg":"authenticated"}]""");
            await session.ReceiveAsync();
            await session.SendTextAsync("""[{"T":"subscription","trades":[],"quotes":[],"bars":["AAPL"]}]""");
            await session.SendTextAsync("""
                [{"T":"b","S":"MSFT","o":400,"h":401,"l":399,"c":400.5,"v":1000,"t":"2024-07-01T14:31:00Z","n":10,"vw":400.2},
                 {"T":"b","S":"AAPL","o":215.1,"h":215.9,"l":214.8,"c":215.55,"v":23500,"t":"2024-07-01T14:31:00Z","n":310,"vw":215.4}]
                """);
            await session.HoldAsync();
        });
        var options = Options(server);
        var marketData = new AlpacaMarketData(null!, new BarsStream(options, TimeProvider.System, NullLogger<BarsStream>.Instance), options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        SymbolBar? received = null;
        await foreach (var bar in marketData.StreamBarsAsync([Symbol.Parse("AAPL")], timeout.Token))
        {
            received = bar;
            break;
        }

        var sent = server.Received.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(received!.Symbol.Value, Is.EqualTo("AAPL"));
            Assert.That(received.Bar.Close, Is.EqualTo(215.55m));
            Assert.That(received.Bar.Volume, Is.EqualTo(23500));
            Assert.That(received.Bar.Time, Is.EqualTo(new DateTimeOffset(2024, 7, 1, 14, 31, 0, TimeSpan.Zero)));
            Assert.That(sent[0].GetProperty("action").GetString(), Is.EqualTo("auth"));
            Assert.That(sent[1].GetProperty("action").GetString(), Is.EqualTo("subscribe"));
            Assert.That(sent[1].GetProperty("bars").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "AAPL" }));
        });
    }

    [Test]
    public async Task News_stream_subscribes_to_everything_and_maps_articles()
    {
        await using var server = await WebSocketServer.StartAsync(async session =>
        {
            await session.SendTextAsync("""[{"T":"success","msg":"connected"}]""");
            await session.ReceiveAsync();
            await session.SendTextAsync("""[{"T":"success","msg":"authenticated"}]""");
            await session.ReceiveAsync();
            await session.SendTextAsync("""
                [{"T":"n","id":24918784,"headline":"Corsair Reports Purchase Of Majority Ownership","summary":"s","author":"Benzinga Newsdesk",
                  "created_at":"2022-01-05T22:00:37Z","updated_at":"2022-01-05T22:00:38Z","url":"https://www.benzinga.com/x",
                  "content":"","symbols":["CRSR"],"source":"benzinga"}]
                """);
            await session.HoldAsync();
        });
        var options = Options(server);
        var news = new AlpacaNews(null!, new NewsStream(options, TimeProvider.System, NullLogger<NewsStream>.Instance));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        NewsArticle? article = null;
        await foreach (var item in news.StreamNewsAsync(timeout.Token))
        {
            article = item;
            break;
        }

        var subscribe = server.Received.ToList()[1];
        Assert.Multiple(() =>
        {
            Assert.That(article!.Id, Is.EqualTo("24918784"));
            Assert.That(article.Symbols.Select(s => s.Value), Is.EqualTo(new[] { "CRSR" }));
            Assert.That(article.CreatedAt, Is.EqualTo(new DateTimeOffset(2022, 1, 5, 22, 0, 37, TimeSpan.Zero)));
            Assert.That(subscribe.GetProperty("news")[0].GetString(), Is.EqualTo("*"));
        });
    }

    [Test]
    public async Task A_refused_login_is_retried_with_back_off_not_given_up()
    {
        await using var server = await WebSocketServer.StartAsync(async session =>
        {
            await session.ReceiveAsync();
            await session.SendTextAsync("""{"stream":"authorization","data":{"status":"unauthorized","action":"authenticate"}}""");
            await session.HoldAsync();
        });
        await using var stream = new TradeUpdatesStream(Options(server), TimeProvider.System, NullLogger<TradeUpdatesStream>.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));

        try
        {
            await foreach (var _ in stream.SubscribeAsync(stop.Token)) Assert.Fail("nothing may arrive without a login");
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Multiple(() =>
        {
            Assert.That(server.Connections, Is.GreaterThanOrEqualTo(3));
            Assert.That(stream.Connections, Is.Zero);
        });
    }
}
