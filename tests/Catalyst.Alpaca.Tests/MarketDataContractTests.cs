using Catalyst.Alpaca.Tests.Support;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Alpaca.Tests;

[TestFixture]
internal sealed class MarketDataContractTests
{
    private AlpacaFake fake = null!;

    [SetUp]
    public void SetUp() => fake = new AlpacaFake();

    [TearDown]
    public void TearDown() => fake.Dispose();

    private const string PageOneToken = "QUFQTHxNfDIwMjItMDEtMDNUMDk6MDA6MDAuMDAwMDAwMDAwWg==";

    [Test]
    public async Task Bars_follow_next_page_token_until_exhausted_and_send_the_documented_query()
    {
        fake.Answer("GET", "/v2/stocks/bars", 200, Reference.Example("stocks_bars.response.json"), priority: 20);
        fake.Answer("GET", "/v2/stocks/bars", 200, """
            {"bars":{"AAPL":[{"c":178.3,"h":178.4,"l":178.2,"n":12,"o":178.25,"t":"2022-01-03T09:01:00Z","v":500,"vw":178.31}],
                     "TSLA":[{"c":1150.5,"h":1151,"l":1149.75,"n":40,"o":1150,"t":"2022-01-03T09:00:00Z","v":900,"vw":1150.2}]},
             "next_page_token":null}
            """, match: r => r.WithParam("page_token", PageOneToken), priority: 1);
        var request = new BarsRequest([Symbol.Parse("AAPL"), Symbol.Parse("TSLA")], BarTimeframe.OneMinute,
            new DateTimeOffset(2022, 1, 3, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2022, 1, 3, 16, 0, 0, TimeSpan.Zero));

        var bars = await fake.MarketData().GetBarsAsync(request, CancellationToken.None);

        var aapl = bars[Symbol.Parse("AAPL")];
        Assert.Multiple(() =>
        {
            Assert.That(aapl.Select(b => b.Close), Is.EqualTo(new[] { 178.21m, 178.3m }), "both pages, in time order");
            Assert.That(aapl[0].Vwap, Is.EqualTo(178.235733m));
            Assert.That(aapl[0].Volume, Is.EqualTo(1118));
            Assert.That(aapl[0].TradeCount, Is.EqualTo(65));
            Assert.That(aapl[0].Time, Is.EqualTo(new DateTimeOffset(2022, 1, 3, 9, 0, 0, TimeSpan.Zero)));
            Assert.That(bars[Symbol.Parse("TSLA")].Single().High, Is.EqualTo(1151m));
        });
        var calls = fake.Requests.Where(r => r.Path == "/v2/stocks/bars").ToList();
        Assert.That(calls, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(AlpacaFake.Query(calls[0], "symbols"), Is.EqualTo("AAPL,TSLA"));
            Assert.That(AlpacaFake.Query(calls[0], "timeframe"), Is.EqualTo("1Min"));
            Assert.That(AlpacaFake.Query(calls[0], "start"), Is.EqualTo("2022-01-03T09:00:00Z"));
            Assert.That(AlpacaFake.Query(calls[0], "end"), Is.EqualTo("2022-01-03T16:00:00Z"));
            Assert.That(AlpacaFake.Query(calls[0], "feed"), Is.EqualTo("iex"));
            Assert.That(AlpacaFake.Query(calls[0], "limit"), Is.EqualTo("10000"));
            Assert.That(AlpacaFake.Query(calls[0], "page_token"), Is.Empty);
            Assert.That(AlpacaFake.Query(calls[1], "page_token"), Is.EqualTo(PageOneToken));
            Assert.That(calls[1].Headers!["APCA-API-KEY-ID"].ToString(), Is.EqualTo(AlpacaFake.KeyId));
        });
    }

    [Test]
    public async Task Snapshots_are_keyed_by_symbol_with_trade_quote_and_bars()
    {
        fake.Answer("GET", "/v2/stocks/snapshots", 200, Reference.Example("stocks_snapshots.response.json"));

        var snapshots = await fake.MarketData().GetSnapshotsAsync([Symbol.Parse("AAPL"), Symbol.Parse("TSLA")], CancellationToken.None);

        var aapl = snapshots[Symbol.Parse("AAPL")];
        Assert.Multiple(() =>
        {
            Assert.That(snapshots.Keys.Select(k => k.Value), Is.EquivalentTo(new[] { "AAPL", "TSLA" }));
            Assert.That(aapl.LatestTrade!.Price, Is.EqualTo(172.61m));
            Assert.That(aapl.LatestTrade.Size, Is.EqualTo(160));
            Assert.That(aapl.LatestQuote!.BidPrice, Is.EqualTo(172.6m));
            Assert.That(aapl.LatestQuote.AskPrice, Is.EqualTo(172.7m));
            Assert.That(aapl.LatestQuote.AskSize, Is.EqualTo(5));
            Assert.That(aapl.MinuteBar!.Close, Is.EqualTo(172.69m));
            Assert.That(aapl.DailyBar!.Low, Is.EqualTo(171.6618m));
            Assert.That(aapl.PreviousDailyBar!.Close, Is.EqualTo(173.19m));
            Assert.That(aapl.GapPercent, Is.EqualTo((172.61m - 173.19m) / 173.19m * 100m));
            Assert.That(AlpacaFake.Query(fake.Single("GET", "/v2/stocks/snapshots"), "symbols"), Is.EqualTo("AAPL,TSLA"));
        });
    }

    [Test]
    public async Task Universe_merges_most_actives_and_movers_without_duplicates()
    {
        fake.Answer("GET", "/v1beta1/screener/stocks/most-actives", 200, """
            {"most_actives":[{"symbol":"AAPL","volume":122709184,"trade_count":639626},{"symbol":"AGRI","volume":5000000,"trade_count":20000}],
             "last_updated":"2024-07-01T14:00:00Z"}
            """);
        fake.Answer("GET", "/v1beta1/screener/stocks/movers", 200, """
            {"gainers":[{"change":2.46,"percent_change":145.56,"price":4.15,"symbol":"AGRI"},{"change":0.5,"percent_change":20.5,"price":3,"symbol":"XYZ"}],
             "losers":[{"change":-3.61,"percent_change":-51.21,"price":3.435,"symbol":"TIG"}],
             "market_type":"stocks","last_updated":"2022-03-10T17:53:30.088309839Z"}
            """);

        var universe = await fake.MarketData().GetUniverseAsync(10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(universe.Select(u => u.Symbol.Value), Is.EqualTo(new[] { "AAPL", "AGRI", "TIG", "XYZ" }));
            var agri = universe.Single(u => u.Symbol.Value == "AGRI");
            Assert.That(agri.Volume, Is.EqualTo(5000000));
            Assert.That(agri.ChangePercent, Is.EqualTo(145.56m));
            Assert.That(universe[0].Reason, Is.EqualTo("most_active"));
            Assert.That(AlpacaFake.Query(fake.Single("GET", "/v1beta1/screener/stocks/most-actives"), "by"), Is.EqualTo("volume"));
            Assert.That(AlpacaFake.Query(fake.Single("GET", "/v1beta1/screener/stocks/movers"), "top"), Is.EqualTo("10"));
        });
    }

    [Test]
    public void Market_data_errors_use_the_market_data_codes()
    {
        fake.Answer("GET", "/v2/stocks/snapshots", 500, """{"code":50010000,"message":"internal"}""");

        var ex = Assert.ThrowsAsync<SharedKernel.Errors.ServiceUnavailableException>(
            () => fake.MarketData().GetSnapshotsAsync([Symbol.Parse("AAPL")], CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo("MARKET_DATA_UNAVAILABLE"));
    }
}
