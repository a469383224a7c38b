using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Reporting.Persistence;
using Catalyst.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Catalyst.Modules.Reporting.Tests;

/// <summary>The journal, the reports and the equity chart on the real Host and Postgres, fed with the hand-computed week.</summary>
[NonParallelizable]
public sealed class ReportingApiTests
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await ReportingApp.StartAsync();
        _client = _app.CreateApiClient();
        await _app.PublishAsync(HandComputedJournal.Trades);
        await _app.PublishAsync(HandComputedJournal.Trades.Take(3)); // a replay must not double the journal
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> GetErrorAsync(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        return JsonDocument.Parse(text).RootElement.GetProperty("error").Clone();
    }

    [Test]
    public async Task Each_round_trip_is_journaled_once_even_when_the_event_is_replayed()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var rows = await db.TradeJournal.AsNoTracking().ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(7));
            Assert.That(rows.Select(r => r.PositionId), Is.EquivalentTo(Enumerable.Range(1, 7).Select(HandComputedJournal.Id)));
            Assert.That(rows.All(r => r.SecurityId > 0), Is.True);
        });
    }

    [Test]
    public async Task The_journal_has_the_seed_shape_and_filters_by_date_symbol_and_outcome()
    {
        var monday = await GetJsonAsync("/api/v1/journal?date=2025-10-20");
        var trades = monday.GetProperty("trades").EnumerateArray().ToList();
        Assert.That(monday.GetProperty("trades_count").GetInt32(), Is.EqualTo(2));
        var first = trades[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("trade_id").GetGuid(), Is.EqualTo(HandComputedJournal.Id(1)));
            Assert.That(first.GetProperty("symbol").GetString(), Is.EqualTo("AAPL"));
            Assert.That(first.GetProperty("entry_time").GetString(), Is.EqualTo("2025-10-20T13:15:00Z"));
            Assert.That(first.GetProperty("exit_time").GetString(), Is.EqualTo("2025-10-20T14:00:00Z"));
            Assert.That(first.GetProperty("entry_price").GetDecimal(), Is.EqualTo(50m));
            Assert.That(first.GetProperty("exit_price").GetDecimal(), Is.EqualTo(55m));
            Assert.That(first.GetProperty("quantity").GetDecimal(), Is.EqualTo(100m));
            Assert.That(first.GetProperty("pnl").GetDecimal(), Is.EqualTo(500m));
            Assert.That(first.GetProperty("pnl_pct").GetDecimal(), Is.EqualTo(10m));
            Assert.That(first.GetProperty("r_multiple").GetDecimal(), Is.EqualTo(2m));
            Assert.That(first.GetProperty("pattern").GetString(), Is.EqualTo("bull_flag"));
            Assert.That(first.GetProperty("catalyst").GetString(), Is.EqualTo("Earnings beat"));
            Assert.That(first.GetProperty("outcome").GetString(), Is.EqualTo("win"));
            Assert.That(first.GetProperty("hold_time_minutes").GetInt32(), Is.EqualTo(45));
            Assert.That(first.GetProperty("notes").GetString(), Is.EqualTo("Exit: take_profit"));
            Assert.That(trades[1].GetProperty("symbol").GetString(), Is.EqualTo("NVDA"), "oldest first");
        });

        var nvda = await GetJsonAsync("/api/v1/journal?symbol=nvda");
        var losses = await GetJsonAsync("/api/v1/journal?outcome=loss");
        var scratch = await GetJsonAsync("/api/v1/journal?outcome=scratch&from=2025-10-20&to=2025-10-24");
        var latest = await GetJsonAsync("/api/v1/journal?limit=2");
        var all = await GetJsonAsync("/api/v1/journal");
        var empty = await GetJsonAsync("/api/v1/journal?date=2025-10-22");
        Assert.Multiple(() =>
        {
            Assert.That(nvda.GetProperty("trades_count").GetInt32(), Is.EqualTo(2));
            Assert.That(losses.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("outcome").GetString()).ToList(),
                Is.EqualTo(new[] { "loss", "loss", "loss", "loss" }));
            Assert.That(scratch.GetProperty("trades").EnumerateArray().Single().GetProperty("symbol").GetString(), Is.EqualTo("AMD"));
            Assert.That(latest.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("symbol").GetString()),
                Is.EqualTo(new[] { "META", "NVDA" }), "the two most recent, oldest first");
            Assert.That(all.GetProperty("trades_count").GetInt32(), Is.EqualTo(7));
            Assert.That(empty.GetProperty("trades_count").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public async Task A_trader_can_replace_the_notes_of_a_closed_trade()
    {
        var meta = HandComputedJournal.Id(6);
        using var put = await _client.PutAsJsonAsync(new Uri($"/api/v1/journal/{meta}/notes", UriKind.Relative),
            new { notes = "  Faded into resistance; should have waited for the reclaim.  " });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        var thursday = await GetJsonAsync("/api/v1/journal?date=2025-10-23&symbol=META");
        Assert.That(thursday.GetProperty("trades")[0].GetProperty("notes").GetString(),
            Is.EqualTo("Faded into resistance; should have waited for the reclaim."));

        using var unknown = await _client.PutAsJsonAsync(new Uri($"/api/v1/journal/{Guid.NewGuid()}/notes", UriKind.Relative),
            new { notes = "x" });
        using var badId = await _client.PutAsJsonAsync(new Uri("/api/v1/journal/42/notes", UriKind.Relative), new { notes = "x" });
        using var tooLong = await _client.PutAsJsonAsync(new Uri($"/api/v1/journal/{meta}/notes", UriKind.Relative),
            new { notes = new string('x', 4001) });
        Assert.Multiple(async () =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(badId.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await badId.Content.ReadAsStringAsync(), Does.Contain("\"field\":\"trade_id\""));
            Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await tooLong.Content.ReadAsStringAsync(), Does.Contain("\"field\":\"notes\""));
        });
    }

    [Test]
    public async Task The_weekly_report_over_rest_matches_the_hand_computed_week()
    {
        var r = await GetJsonAsync("/api/v1/reports/weekly?date=2025-10-22");
        Assert.Multiple(() =>
        {
            Assert.That(r.GetProperty("period").GetString(), Is.EqualTo("weekly"));
            Assert.That(r.GetProperty("date_start").GetString(), Is.EqualTo("2025-10-20"));
            Assert.That(r.GetProperty("date_end").GetString(), Is.EqualTo("2025-10-24"));
            Assert.That(r.GetProperty("pnl").GetDecimal(), Is.EqualTo(HandComputedJournal.Pnl));
            Assert.That(r.GetProperty("pnl_pct").GetDecimal(), Is.EqualTo(0.3005m));
            Assert.That(r.GetProperty("trades_executed").GetInt32(), Is.EqualTo(7));
            Assert.That(r.GetProperty("trades_won").GetInt32(), Is.EqualTo(2));
            Assert.That(r.GetProperty("trades_lost").GetInt32(), Is.EqualTo(4));
            Assert.That(r.GetProperty("trades_scratch").GetInt32(), Is.EqualTo(1));
            Assert.That(r.GetProperty("win_rate").GetDecimal(), Is.EqualTo(HandComputedJournal.WinRate));
            Assert.That(r.GetProperty("profit_factor").GetDecimal(), Is.EqualTo(HandComputedJournal.ProfitFactor));
            Assert.That(r.GetProperty("sharpe_ratio").GetDecimal(), Is.EqualTo(HandComputedJournal.Sharpe));
            Assert.That(r.GetProperty("max_drawdown").GetDecimal(), Is.EqualTo(HandComputedJournal.MaxDrawdown));
            Assert.That(r.GetProperty("max_drawdown_pct").GetDecimal(), Is.EqualTo(HandComputedJournal.MaxDrawdownPct));
            Assert.That(r.GetProperty("avg_win").GetDecimal(), Is.EqualTo(650m));
            Assert.That(r.GetProperty("avg_loss").GetDecimal(), Is.EqualTo(-250m));
            Assert.That(r.GetProperty("largest_win").GetDecimal(), Is.EqualTo(800m));
            Assert.That(r.GetProperty("largest_loss").GetDecimal(), Is.EqualTo(-400m));
            Assert.That(r.GetProperty("avg_r_multiple").GetDecimal(), Is.EqualTo(0.25m));
            Assert.That(r.GetProperty("best_day").GetProperty("date").GetString(), Is.EqualTo("2025-10-23"));
            Assert.That(r.GetProperty("best_day").GetProperty("pnl").GetDecimal(), Is.EqualTo(700m));
            Assert.That(r.GetProperty("worst_day").GetProperty("date").GetString(), Is.EqualTo("2025-10-24"));
            Assert.That(r.GetProperty("worst_day").GetProperty("pnl").GetDecimal(), Is.EqualTo(-400m));
        });
    }

    [Test]
    public async Task Daily_and_monthly_reports_cover_their_own_periods()
    {
        var tuesday = await GetJsonAsync("/api/v1/reports/daily?date=2025-10-21");
        var october = await GetJsonAsync("/api/v1/reports/monthly?date=2025-10-05");
        Assert.Multiple(() =>
        {
            Assert.That(tuesday.GetProperty("pnl").GetDecimal(), Is.EqualTo(-299.5m));
            Assert.That(tuesday.GetProperty("trades_executed").GetInt32(), Is.EqualTo(2));
            Assert.That(tuesday.GetProperty("win_rate").GetDecimal(), Is.Zero, "one loss and a scratch");
            Assert.That(tuesday.GetProperty("profit_factor").GetDecimal(), Is.Zero);
            Assert.That(tuesday.GetProperty("sharpe_ratio").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(october.GetProperty("date_start").GetString(), Is.EqualTo("2025-10-01"));
            Assert.That(october.GetProperty("date_end").GetString(), Is.EqualTo("2025-10-31"));
            Assert.That(october.GetProperty("pnl").GetDecimal(), Is.EqualTo(HandComputedJournal.Pnl));
            Assert.That(october.GetProperty("max_drawdown").GetDecimal(), Is.EqualTo(HandComputedJournal.MaxDrawdown));
        });
    }

    [Test]
    public async Task The_default_period_is_today_on_the_app_clock()
    {
        var today = await GetJsonAsync("/api/v1/reports/daily");
        Assert.That(today.GetProperty("date_start").GetString(), Is.EqualTo("2025-10-27"));
    }

    [Test]
    public async Task An_empty_period_is_zeros_and_nulls_not_an_error()
    {
        var r = await GetJsonAsync("/api/v1/reports/weekly?date=2025-09-10");
        Assert.Multiple(() =>
        {
            Assert.That(r.GetProperty("pnl").GetDecimal(), Is.Zero);
            Assert.That(r.GetProperty("trades_executed").GetInt32(), Is.Zero);
            Assert.That(r.GetProperty("max_drawdown").GetDecimal(), Is.Zero);
            foreach (var field in new[] { "win_rate", "profit_factor", "sharpe_ratio", "avg_win", "avg_loss", "largest_win",
                         "largest_loss", "avg_r_multiple", "best_day", "worst_day" })
                Assert.That(r.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Null), field);
        });
    }

    [TestCase("/api/v1/reports/yearly", "period")]
    [TestCase("/api/v1/reports/daily?date=2025-13-01", "date")]
    [TestCase("/api/v1/reports/daily?date=yesterday", "date")]
    [TestCase("/api/v1/reports/fortnightly/equity.png", "period")]
    [TestCase("/api/v1/reports/daily/equity.png?width=abc", "width")]
    [TestCase("/api/v1/reports/daily/equity.png?width=10", "width")]
    [TestCase("/api/v1/journal?outcome=breakeven", "outcome")]
    [TestCase("/api/v1/journal?symbol=not-a-symbol", "symbol")]
    [TestCase("/api/v1/journal?date=20251020", "date")]
    [TestCase("/api/v1/journal?limit=0", "limit")]
    [TestCase("/api/v1/journal?from=2025-10-24&to=2025-10-20", "from")]
    [TestCase("/api/v1/journal?date=2025-10-20&from=2025-10-20", "date")]
    public async Task Bad_input_is_a_400_naming_the_field(string url, string field)
    {
        var error = await GetErrorAsync(url);
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("VALIDATION_FAILED"));
            Assert.That(error.GetProperty("details").GetProperty("field").GetString(), Is.EqualTo(field));
            Assert.That(error.GetProperty("request_id").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task The_equity_chart_is_a_real_png_of_sane_size_with_a_curve_and_drawdown_shading()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/reports/weekly/equity.png?date=2025-10-22", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "equity-weekly-2025-10-20.png");
        await File.WriteAllBytesAsync(file, bytes);
        TestContext.AddTestAttachment(file, "the weekly equity chart, for a human look");
        var stats = PngStats.Of(bytes);
        Assert.Multiple(() =>
        {
            Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
            Assert.That((stats.Width, stats.Height), Is.EqualTo((1000, 500)));
            Assert.That(stats.DistinctColours, Is.GreaterThan(20), "not a single colour");
            Assert.That(stats.BluePixels, Is.GreaterThan(500), "the equity line");
            Assert.That(stats.ReddishPixels, Is.GreaterThan(500), "the drawdown shading");
        });
    }

    [Test]
    public async Task An_empty_period_still_renders_a_readable_chart_at_the_requested_size()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/reports/daily/equity.png?date=2025-09-10&width=640&height=360", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stats = PngStats.Of(await response.Content.ReadAsByteArrayAsync());
        Assert.Multiple(() =>
        {
            Assert.That((stats.Width, stats.Height), Is.EqualTo((640, 360)));
            Assert.That(stats.DistinctColours, Is.GreaterThan(5));
            Assert.That(stats.ReddishPixels, Is.LessThan(50), "no drawdown to shade");
        });
    }

    [Test]
    public async Task The_report_request_answers_the_same_through_mediator()
    {
        var report = await _app.SendAsync(new GetPerformanceReport(ReportPeriods.Weekly, new DateOnly(2025, 10, 24)));
        var journal = await _app.SendAsync(new GetTradeJournal(Outcome: TradeOutcomes.Win));
        Assert.Multiple(() =>
        {
            Assert.That(report.SharpeRatio, Is.EqualTo(HandComputedJournal.Sharpe));
            Assert.That(report.StartingEquity, Is.EqualTo(HandComputedJournal.StartingEquity));
            Assert.That(journal.Select(j => j.Pnl), Is.EqualTo(new[] { 500m, 800m }));
        });
    }
}

/// <summary>Decodes a PNG with SkiaSharp and counts what a glance would see.</summary>
internal sealed record PngStats(int Width, int Height, int DistinctColours, int BluePixels, int ReddishPixels)
{
    public static PngStats Of(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new AssertionException("the bytes do not decode as an image");
        var colours = new HashSet<uint>();
        int blue = 0, red = 0;
        for (var y = 0; y < bitmap.Height; y++)
        for (var x = 0; x < bitmap.Width; x++)
        {
            var c = bitmap.GetPixel(x, y);
            colours.Add((uint)c);
            if (c.Blue > 150 && c.Red < 100 && c.Green < 160) blue++;
            if (c.Red > 200 && c.Green is > 120 and < 215 && c.Blue is > 120 and < 215 && c.Red - c.Green > 30) red++;
        }
        return new PngStats(bitmap.Width, bitmap.Height, colours.Count, blue, red);
    }
}
