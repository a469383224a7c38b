using System.Net;
using System.Text.Json;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Scanner.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Catalyst.Modules.Scanner.Tests.ScannerTestKit;

namespace Catalyst.Modules.Scanner.Tests;

/// <summary>
/// A seeded simulated catalyst day (seed 42, 2026-03-10; the simulation moves 8–12 names on news), scanned at 09:35 ET
/// through the REST route with the default criteria: funnel counts, what is stored, the drop reasons, the cache, the
/// event, and that the news gappers make the final five.
/// </summary>
[NonParallelizable]
public sealed class CatalystDayTests
{
    private static readonly DateOnly Date = new(2026, 3, 10);

    /// <summary>Simulation's default min_catalyst_strength (ScannerOptions.SimulationMinCatalystStrength).</summary>
    private const decimal SimulationMinStrength = 0.3m;

    private readonly List<string> _published = [];
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private ConnectionMultiplexer _redis = null!;
    private JsonElement _scan;
    private HashSet<string> _newsGappers = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CatalystApp.StartAsync(o =>
            o.Settings["Catalyst:Simulation:Date"] = Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await MigrateAsync(_app);
        _client = _app.CreateApiClient();
        _redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        await _redis.GetSubscriber().SubscribeAsync(
            RedisChannel.Literal(_app.Database.Name + ":" + ScanCompleted.ChannelName),
            (_, message) => { lock (_published) _published.Add(message.ToString()); });

        var session = _app.Services.GetRequiredService<SimulationSession>();
        await session.RunUntilAsync(MarketTime.AtEastern(Date, new TimeOnly(9, 35)));
        _newsGappers = await NewsGappersAsync(session);

        var (status, body) = await SendAsync(_client, HttpMethod.Post, "/api/v1/scan/start");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        _scan = body;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _redis.DisposeAsync();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// What the simulation made catalyst names, seen only through its public ports: symbols with news this morning that
    /// trade 10% or more above the previous close.
    /// </summary>
    internal static async Task<HashSet<string>> NewsGappersAsync(SimulationSession session)
    {
        var now = session.Clock.GetUtcNow();
        var news = await session.News.GetNewsAsync(MarketTime.AtEastern(session.Date, new TimeOnly(4, 0)), [], default);
        var withNews = news.SelectMany(n => n.Symbols).Distinct().ToList();
        var snapshots = await session.MarketData.GetSnapshotsAsync(withNews, default);
        return snapshots.Values.Where(s => s.GapPercent >= 10m).Select(s => s.Symbol.Value).ToHashSet();
    }

    private Dictionary<string, int> Counts => ScanStages.All.ToDictionary(s => s,
        s => _scan.GetProperty("funnel_counts").GetProperty(s).GetInt32());

    [Test]
    public void The_funnel_narrows_stage_by_stage_from_a_universe_of_the_whole_simulated_market()
    {
        var c = Counts;
        Assert.Multiple(() =>
        {
            Assert.That(c["universe"], Is.InRange(50, 100));
            Assert.That(c["catalyst"], Is.LessThanOrEqualTo(c["universe"]).And.GreaterThan(0));
            Assert.That(c["technical"], Is.LessThanOrEqualTo(c["catalyst"]));
            Assert.That(c["pattern"], Is.LessThanOrEqualTo(c["technical"]));
            Assert.That(c["final"], Is.EqualTo(Math.Min(5, c["pattern"])));
            Assert.That(_scan.GetProperty("candidates_count").GetInt32(), Is.EqualTo(c["final"]));
            Assert.That(_scan.GetProperty("status").GetString(), Is.EqualTo("completed"));
        });
    }

    [Test]
    public async Task The_final_candidates_are_the_news_gappers_with_a_current_setup()
    {
        var final = _scan.GetProperty("candidates").EnumerateArray().Select(e => e.GetProperty("symbol").GetString()!).ToList();
        var (_, all) = await SendAsync(_client, HttpMethod.Get, "/api/v1/candidates");
        var left = all.GetProperty("candidates").EnumerateArray()
            .Where(c => _newsGappers.Contains(c.GetProperty("symbol").GetString()!) && !final.Contains(c.GetProperty("symbol").GetString()!))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(_newsGappers, Has.Count.EqualTo(5), "seed 42 gaps five names up on news on 2026-03-10");
            Assert.That(final, Is.SubsetOf(_newsGappers), "nothing but gappers with news");
            Assert.That(final, Has.Count.GreaterThanOrEqualTo(3));
            // A gapper whose only pattern has already run half way to its target is history, not a setup to buy.
            foreach (var c in left)
            {
                Assert.That(c.GetProperty("dropped_at").GetString(), Is.EqualTo("pattern"), c.ToString());
                Assert.That(c.GetProperty("drop_reason").GetString(), Does.Contain("no current long setup"), c.ToString());
            }
        });
    }

    [Test]
    public async Task Every_symbol_is_stored_with_its_stage_and_every_dropped_one_with_its_reason()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScannerDbContext>();
        var scanId = Guid.Parse(_scan.GetProperty("scan_id").GetString()!);
        var scan = await db.Scans.AsNoTracking().SingleAsync(s => s.Id == scanId);
        var rows = await db.Results.AsNoTracking().Where(r => r.ScanId == scanId).ToListAsync();
        var c = Counts;
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(c["universe"]));
            foreach (var stage in ScanStages.All)
            {
                var depth = ScanStages.All.ToList().IndexOf(stage);
                Assert.That(rows.Count(r => ScanStages.All.ToList().IndexOf(r.Stage) >= depth), Is.EqualTo(c[stage]), stage);
            }
            Assert.That(scan.FinalCount, Is.EqualTo(c["final"]));
            Assert.That(rows.Where(r => r.Selected).Select(r => r.Rank), Is.EquivalentTo(Enumerable.Range(1, c["final"])));
            var dropped = rows.Where(r => !r.Selected).ToList();
            Assert.That(dropped, Is.Not.Empty);
            Assert.That(dropped.All(r => r.DroppedAt is not null && r.DropCode is not null && !string.IsNullOrWhiteSpace(r.DropReason)),
                Is.True, "every dropped symbol says where and why");
            Assert.That(dropped.All(r => ScanStages.All.ToList().IndexOf(r.DroppedAt!) == ScanStages.All.ToList().IndexOf(r.Stage) + 1),
                Is.True, "a symbol is dropped by the stage after the last one it entered");
            Assert.That(rows.Where(r => r.Selected).All(r => r.DroppedAt is null && r.DropReason is null), Is.True);
            Assert.That(rows.Select(r => r.Rank).Distinct().Count(), Is.EqualTo(rows.Count));
            Assert.That(rows.Count(r => r.DropCode == "no_catalyst"), Is.GreaterThan(0), "quiet names have no news");
            Assert.That(rows.Where(r => r.Stage != ScanStages.Universe).All(r => r.CatalystScore > SimulationMinStrength), Is.True);
            Assert.That(rows.Where(r => r.Selected).All(r => r.GapPct >= 10m && r.RelativeVolume >= 5m && r.Volume >= 1_000_000),
                Is.True);
            using var criteria = JsonDocument.Parse(scan.Criteria);
            Assert.That(criteria.RootElement.GetProperty("min_gap_pct").GetDecimal(), Is.EqualTo(10m));
            Assert.That(criteria.RootElement.GetProperty("min_catalyst_strength").GetDecimal(), Is.EqualTo(SimulationMinStrength));
        });
    }

    [Test]
    public void Each_final_candidate_carries_the_seeds_fields_and_a_consistent_final_score()
    {
        var weights = (Catalyst: 0.3m, Technical: 0.4m, Pattern: 0.3m);
        foreach (var c in _scan.GetProperty("candidates").EnumerateArray())
        {
            var symbol = c.GetProperty("symbol").GetString();
            var expected = Math.Round(weights.Catalyst * c.GetProperty("catalyst_score").GetDecimal()
                                      + weights.Technical * c.GetProperty("technical_score").GetDecimal()
                                      + weights.Pattern * c.GetProperty("pattern_score").GetDecimal(), 4);
            Assert.Multiple(() =>
            {
                Assert.That(c.GetProperty("final_score").GetDecimal(), Is.EqualTo(expected), symbol);
                Assert.That(c.GetProperty("price").GetDecimal(), Is.GreaterThan(0m), symbol);
                Assert.That(c.GetProperty("volume").GetInt64(), Is.GreaterThan(0), symbol);
                Assert.That(c.GetProperty("news_catalyst").GetString(), Is.Not.Empty, symbol);
                Assert.That(c.GetProperty("pattern").GetString(), Is.Not.Empty, symbol);
                Assert.That(c.GetProperty("stop").GetDecimal(), Is.LessThan(c.GetProperty("entry").GetDecimal()), symbol);
                Assert.That(c.GetProperty("selected").GetBoolean(), Is.True, symbol);
            });
        }
        var scores = _scan.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("final_score").GetDecimal()).ToList();
        Assert.That(scores, Is.Ordered.Descending);
    }

    [Test]
    public async Task The_latest_scan_is_served_from_the_cache_and_published_on_redis()
    {
        var key = $"test-{_app.Database.Name}:cache:scanner:latest";
        var cached = await _redis.GetDatabase().StringGetAsync(key);
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(key);
        // Readers that decoded this scan already check its id instead of fetching the whole scan again.
        var cachedId = await _redis.GetDatabase().StringGetAsync(key + ":id");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            lock (_published) if (_published.Count > 0) break;
            await Task.Delay(50);
        }
        List<string> messages;
        lock (_published) messages = [.. _published];
        var (status, latest) = await SendAsync(_client, HttpMethod.Get, "/api/v1/scan/latest");
        var scanId = _scan.GetProperty("scan_id").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(cached.HasValue, Is.True);
            Assert.That(cached.ToString(), Does.Contain(scanId));
            Assert.That(ttl, Is.Not.Null.And.GreaterThan(TimeSpan.FromHours(1)));
            Assert.That(cachedId.ToString(), Is.EqualTo(scanId));
            Assert.That(messages, Has.Count.EqualTo(1));
            Assert.That(messages[0], Does.Contain(scanId).And.Contain(_scan.GetProperty("candidates")[0].GetProperty("symbol").GetString()));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(latest.GetProperty("scan_id").GetString(), Is.EqualTo(scanId));
            Assert.That(latest.GetProperty("scan_timestamp").GetString(), Is.EqualTo(_scan.GetProperty("scan_timestamp").GetString()));
            Assert.That(latest.GetProperty("candidates").GetRawText(), Is.EqualTo(_scan.GetProperty("candidates").GetRawText()));
        });
    }

    [Test]
    public async Task Top_n_adds_the_runners_up_after_the_final_five()
    {
        var (_, latest) = await SendAsync(_client, HttpMethod.Get, "/api/v1/scan/latest?top_n=20");
        var candidates = latest.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(candidates, Has.Count.EqualTo(Math.Min(20, Counts["pattern"])));
            Assert.That(candidates.Take(5).All(c => c.GetProperty("selected").GetBoolean()), Is.True);
            Assert.That(candidates.Skip(5).All(c => c.GetProperty("drop_reason").GetString()!.StartsWith("ranked", StringComparison.Ordinal)),
                Is.True);
            Assert.That(candidates.Select(c => c.GetProperty("rank").GetInt32()), Is.EqualTo(Enumerable.Range(1, candidates.Count)));
        });
    }

    [Test]
    public async Task The_candidate_lists_hold_every_symbol_and_the_active_five()
    {
        var (allStatus, all) = await SendAsync(_client, HttpMethod.Get, "/api/v1/candidates");
        var (activeStatus, active) = await SendAsync(_client, HttpMethod.Get, "/api/v1/candidates/active");
        Assert.Multiple(() =>
        {
            Assert.That(allStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(all.GetProperty("total").GetInt32(), Is.EqualTo(Counts["universe"]));
            Assert.That(all.GetProperty("candidates").EnumerateArray().Count(c => c.GetProperty("stage").GetString() == "universe"),
                Is.EqualTo(Counts["universe"] - Counts["catalyst"]));
            Assert.That(activeStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(active.GetProperty("count").GetInt32(), Is.EqualTo(Counts["final"]));
            Assert.That(active.GetProperty("active_candidates").EnumerateArray().Select(c => c.GetProperty("symbol").GetString()),
                Is.EqualTo(_scan.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("symbol").GetString())));
        });
    }

    [Test]
    public async Task The_candidate_analysis_has_the_seeds_sections()
    {
        var top = _scan.GetProperty("candidates")[0];
        var symbol = top.GetProperty("symbol").GetString()!;
        var (status, a) = await SendAsync(_client, HttpMethod.Get, $"/api/v1/scan/candidates/{symbol.ToLowerInvariant()}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), a.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(a.GetProperty("symbol").GetString(), Is.EqualTo(symbol));
            Assert.That(a.GetProperty("scan_timestamp").GetString(), Is.EqualTo(_scan.GetProperty("scan_timestamp").GetString()));
            var catalyst = a.GetProperty("catalyst");
            Assert.That(catalyst.GetProperty("headline").GetString(), Does.Contain(symbol));
            Assert.That(catalyst.GetProperty("catalyst_strength").GetDecimal(), Is.GreaterThan(SimulationMinStrength));
            Assert.That(catalyst.TryGetProperty("sentiment", out _) && catalyst.TryGetProperty("catalyst_type", out _), Is.True);
            var technical = a.GetProperty("technical");
            foreach (var field in new[] { "price", "sma_20", "sma_50", "rsi_14", "atr_14", "support", "resistance" })
                Assert.That(technical.TryGetProperty(field, out _), Is.True, field);
            var pattern = a.GetProperty("pattern");
            Assert.That(pattern.GetProperty("type").GetString(), Is.EqualTo(top.GetProperty("pattern").GetString()));
            Assert.That(pattern.GetProperty("stop").GetDecimal(), Is.LessThan(pattern.GetProperty("entry").GetDecimal()));
            Assert.That(pattern.GetProperty("target").GetDecimal(), Is.GreaterThan(pattern.GetProperty("entry").GetDecimal()));
            // Risk answers when its handler is in the Host; otherwise the analysis still comes back with risk_assessment null.
            var risk = a.GetProperty("risk_assessment");
            if (risk.ValueKind != JsonValueKind.Null)
            {
                foreach (var field in new[] { "position_size", "risk_amount", "reward_potential", "risk_reward_ratio" })
                    Assert.That(risk.TryGetProperty(field, out _), Is.True, field);
            }
        });
    }

    [Test]
    public async Task A_dropped_symbol_is_analysed_with_its_reason_and_an_unscanned_one_is_404()
    {
        var (_, all) = await SendAsync(_client, HttpMethod.Get, "/api/v1/candidates");
        var dropped = all.GetProperty("candidates").EnumerateArray().First(c => !c.GetProperty("selected").GetBoolean());
        var (status, a) = await SendAsync(_client, HttpMethod.Get, $"/api/v1/scan/candidates/{dropped.GetProperty("symbol").GetString()}");
        var unknown = "ZZZZ9";
        var (missingStatus, missing) = await SendAsync(_client, HttpMethod.Get, $"/api/v1/scan/candidates/{unknown}");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(a.GetProperty("candidate").GetProperty("drop_reason").GetString(), Is.EqualTo(dropped.GetProperty("drop_reason").GetString()));
            Assert.That(missingStatus, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.GetProperty("error").GetProperty("message").GetString(), Does.Contain(unknown));
        });
    }
}

/// <summary>A day without catalysts: the funnel ends with fewer than five and says so.</summary>
[NonParallelizable]
public sealed class QuietDayTests
{
    [Test]
    public async Task A_quiet_day_ends_with_fewer_than_five_and_a_note()
    {
        var date = new DateOnly(2026, 3, 10);
        await using var app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:Date"] = "2026-03-10";
            o.Settings["Catalyst:Simulation:CatalystDayShare"] = "0";
        });
        await MigrateAsync(app);
        using var client = app.CreateApiClient();
        await app.Services.GetRequiredService<SimulationSession>().RunUntilAsync(MarketTime.AtEastern(date, new TimeOnly(9, 35)));

        var (status, scan) = await SendAsync(client, HttpMethod.Post, "/api/v1/scan/start");
        var final = scan.GetProperty("funnel_counts").GetProperty("final").GetInt32();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(scan.GetProperty("funnel_counts").GetProperty("universe").GetInt32(), Is.GreaterThanOrEqualTo(50));
            Assert.That(final, Is.LessThan(5));
            Assert.That(scan.GetProperty("candidates_count").GetInt32(), Is.EqualTo(final));
            Assert.That(scan.GetProperty("note").GetString(), Does.StartWith(final == 0 ? "No candidates" : $"Only {final} of 5"));
        });
    }
}
