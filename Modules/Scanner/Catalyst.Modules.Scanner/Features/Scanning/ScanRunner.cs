using System.Diagnostics;
using System.Text.Json;
using Catalyst.Modules.News.Contracts;
using Catalyst.Modules.Pattern.Contracts;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Scanner.Domain;
using Catalyst.Modules.Scanner.Features.Criteria;
using Catalyst.Modules.Scanner.Features.Results;
using Catalyst.Modules.Scanner.Persistence;
using Catalyst.Modules.Technical.Contracts;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Serialization;
using Catalyst.SharedKernel.Time;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CriteriaRules = Catalyst.Modules.Scanner.Domain.Criteria;

namespace Catalyst.Modules.Scanner.Features.Scanning;

/// <summary>
/// One scan: gather (news, universe, snapshots, bars — each a single batched call), filter (catalyst, technical, pattern),
/// rank, then store the scan and every symbol's row in one transaction, cache it and announce it. Nothing is stored when
/// any step fails.
/// </summary>
internal sealed class ScanRunner(
    ISender sender,
    IMarketDataPort market,
    ISecurityRegistry securities,
    IDbContextFactory<ScannerDbContext> contexts,
    CriteriaStore criteriaStore,
    ScanReader reader,
    ScanGate gate,
    EventPublisher events,
    TimeProvider clock,
    IOptions<ScannerOptions> options,
    ILogger<ScanRunner> logger)
{
    /// <summary>Daily bars reach back this far for the 20-session average volume (holidays included).</summary>
    private const int DailyLookbackDays = 45;

    private const int AverageVolumeSessions = 20;
    private const int MinimumVolumeSessions = 5;

    /// <summary>Indicators and patterns use 1-minute bars: the previous session and today so far.</summary>
    private const string IntradayTimeframe = "1Min";

    private const string PatternTimeframe5 = "5Min";

    public async Task<ScanResultDto> RunAsync(RunScan request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var scanId = Guid.CreateVersion7(now);
        using var lease = gate.Enter(scanId, now);
        var started = Stopwatch.GetTimestamp();

        var criteria = await criteriaStore.CurrentAsync(ct);
        if (request.Filters is { } filters) criteria = CriteriaRules.Apply(criteria, filters, "filters.");
        var lookbackHours = criteria.CatalystLookbackHours;

        if (options.Value.IngestNewsBeforeScan) await IngestNewsAsync(now - TimeSpan.FromHours(lookbackHours), ct);

        // Universe: fresh catalysts that are not bad news first (they belong in the scan even when they are not yet most active),
        // then the market's most actives and top movers, up to universe_size.
        var fresh = await sender.Send(new GetCatalystScan(criteria.MinCatalystStrength, lookbackHours, 200), ct);
        var marketUniverse = await market.GetUniverseAsync(criteria.UniverseSize, ct);
        var universe = new List<(Symbol Symbol, string Reason)>();
        var seen = new HashSet<Symbol>();
        foreach (var c in fresh.Catalysts)
        {
            if (universe.Count >= criteria.UniverseSize) break;
            if (c.StrongestCatalyst.SentimentScore >= (double)CatalystPick.BearishBelow && Symbol.TryParse(c.Symbol, out var s) && seen.Add(s))
                universe.Add((s, "catalyst"));
        }
        foreach (var entry in marketUniverse)
        {
            if (universe.Count >= criteria.UniverseSize) break;
            if (seen.Add(entry.Symbol)) universe.Add((entry.Symbol, entry.Reason));
        }
        var symbols = universe.Select(u => u.Symbol).ToList();

        var scans = new List<SymbolScan>(universe.Count);
        if (symbols.Count > 0)
        {
            var ids = await securities.GetOrCreateIdsAsync(symbols, ct);
            var today = MarketTime.EasternDate(now);
            var todayStart = MarketTime.AtEastern(today, new TimeOnly(4, 0));
            var intradayStart = MarketTime.AtEastern(NyseCalendar.PreviousTradingDay(today), new TimeOnly(4, 0));

            var snapshotsTask = market.GetSnapshotsAsync(symbols, ct);
            var dailyTask = market.GetBarsAsync(new BarsRequest(symbols, BarTimeframe.OneDay, now.AddDays(-DailyLookbackDays), now), ct);
            var minuteTask = market.GetBarsAsync(new BarsRequest(symbols, BarTimeframe.OneMinute, intradayStart, now), ct);
            var news = await sender.Send(new GetRecentNews(symbols.Select(s => s.Value).ToList(), lookbackHours, -1), ct);
            var snapshots = await snapshotsTask;
            var daily = await dailyTask;
            var minutes = await minuteTask;
            var newsBySymbol = news.NewsItems.ToLookup(n => n.Symbol, StringComparer.Ordinal);

            foreach (var (symbol, reason) in universe)
            {
                var scan = new SymbolScan(symbol, ids[symbol], reason);
                var bars = minutes.GetValueOrDefault(symbol) ?? [];
                Measure(scan, snapshots.GetValueOrDefault(symbol), daily.GetValueOrDefault(symbol) ?? [], bars, today,
                    todayStart, now);
                scan.Catalyst = CatalystPicker.Pick(newsBySymbol[symbol.Value]);
                scans.Add(scan);
            }

            Funnel.CatalystFilter(scans, criteria);
            foreach (var scan in scans.Where(s => s.IsActive))
            {
                if (minutes.GetValueOrDefault(scan.Symbol) is { Count: > 0 } bars)
                    scan.Technical = await sender.Send(new CalculateIndicators(scan.Symbol, IntradayTimeframe, bars), ct);
            }
            Funnel.TechnicalFilter(scans, criteria);
            // Patterns on the 1-minute and the 5-minute chart; the better current setup confirms. At the open a gapper's
            // 1-minute chart is minutes old, while its 5-minute chart still shows the pre-market flag or base.
            var technicalSurvivors = scans.Where(s => s.IsActive).Select(s => s.Symbol).ToList();
            var fiveMinutes = technicalSurvivors.Count == 0
                ? (IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>)new Dictionary<Symbol, IReadOnlyList<Bar>>()
                : await market.GetBarsAsync(new BarsRequest(technicalSurvivors, BarTimeframe.FiveMinutes, intradayStart, now), ct);
            foreach (var scan in scans.Where(s => s.IsActive))
            {
                PatternAnalysisDto? best = null;
                foreach (var (timeframe, series) in new[] { (IntradayTimeframe, minutes), (PatternTimeframe5, fiveMinutes) })
                {
                    if (series.GetValueOrDefault(scan.Symbol) is not { Count: > 0 } bars) continue;
                    var found = await sender.Send(new DetectPatternsInBars(scan.Symbol, timeframe, bars), ct);
                    if (found.Pattern is not null && (best?.Pattern is null || found.PatternScore > best.PatternScore)) best = found;
                    best ??= found;
                }
                scan.Pattern = best;
            }
            Funnel.PatternFilter(scans, criteria);
        }
        Funnel.Rank(scans, criteria);

        var counts = Funnel.Counts(scans);
        var note = Funnel.Note(counts);
        var completedAt = clock.GetUtcNow();
        var row = new ScanRow
        {
            Id = scanId,
            CycleId = request.CycleId,
            ScanTimestamp = now,
            CompletedAt = completedAt,
            UniverseSize = criteria.UniverseSize,
            UniverseCount = counts[ScanStages.Universe],
            CatalystCount = counts[ScanStages.Catalyst],
            TechnicalCount = counts[ScanStages.Technical],
            PatternCount = counts[ScanStages.Pattern],
            FinalCount = counts[ScanStages.Final],
            Criteria = JsonSerializer.Serialize(criteria, WireJson.Options),
            Note = note,
        };
        var results = scans.Select(s => ScanMapping.ToRow(scanId, s)).ToList();
        row.DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await SaveAsync(row, results, ct);

        var snapshot = ScanMapping.ToSnapshot(row, results);
        await reader.StoreLatestAsync(snapshot, ct);
        var finalists = snapshot.Ranked.Where(s => s.Candidate.Selected).Select(s => s.Candidate.Symbol).ToList();
        logger.LogInformation(
            "Scan {ScanId}: {Universe} → {Catalyst} → {Technical} → {Pattern} → {Final} in {Ms} ms; final: {Symbols}",
            scanId, counts[ScanStages.Universe], counts[ScanStages.Catalyst], counts[ScanStages.Technical],
            counts[ScanStages.Pattern], counts[ScanStages.Final], row.DurationMs, string.Join(", ", finalists));
        await PublishAsync(new ScanCompleted(scanId, request.CycleId, finalists, completedAt), ct);
        return snapshot.ToResult(ScanCriteriaRules.FinalCount);
    }

    /// <summary>The scan and its symbol rows in one transaction (the rows by COPY); retried as a whole on a transient error.</summary>
    private async Task SaveAsync(ScanRow scan, IReadOnlyList<ScanResultRow> results, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Scans.Add(scan);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            await ScanResultCopy.WriteAsync(db, results, ct);
            await transaction.CommitAsync(ct);
        });
    }

    /// <summary>Price, previous close, gap, today's volume and the volume it is usually at by now.</summary>
    private static void Measure(SymbolScan scan, Snapshot? snapshot, IReadOnlyList<Bar> daily, IReadOnlyList<Bar> minutes,
        DateOnly today, DateTimeOffset todayStart, DateTimeOffset now)
    {
        long volume = 0;
        Bar? last = null;
        foreach (var bar in minutes)
        {
            if (bar.Time < todayStart) continue;
            volume += bar.Volume;
            last = bar;
        }
        scan.Volume = volume;
        scan.Price = snapshot?.Price ?? last?.Close;

        var prior = daily.Where(b => MarketTime.EasternDate(b.Time) < today).ToList();
        scan.PreviousClose = snapshot?.PreviousDailyBar?.Close ?? (prior.Count > 0 ? prior[^1].Close : null);
        if (scan.Price is { } price && scan.PreviousClose is { } previous && previous > 0)
            scan.GapPct = Math.Round((price - previous) / previous * 100m, 2, MidpointRounding.AwayFromZero);

        var window = prior.Skip(Math.Max(0, prior.Count - AverageVolumeSessions)).ToList();
        if (window.Count >= MinimumVolumeSessions)
            scan.AverageVolume = (long)Math.Round(window.Average(b => (double)b.Volume));
        scan.RelativeVolume = VolumeProfile.RelativeVolume(volume, scan.AverageVolume, now);
    }

    private async Task IngestNewsAsync(DateTimeOffset since, CancellationToken ct)
    {
        try
        {
            await sender.Send(new IngestNews(since), ct);
        }
        catch (CatalystException ex)
        {
            // The news already stored still counts; a newswire that is down must not stop the scan.
            logger.LogWarning("Scanner: news ingestion before the scan failed ({Code}: {Message}); using stored news",
                ex.Code, ex.Message);
        }
    }

    private async Task PublishAsync(ScanCompleted completed, CancellationToken ct)
    {
        try
        {
            await events.PublishAsync(completed, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The scan is stored and answers reads; a subscriber's failure is theirs, not a failed scan.
            logger.LogError(ex, "Scanner: publishing scan:completed for {ScanId} failed", completed.ScanId);
        }
    }
}
