using Catalyst.Modules.News.Contracts;
using Catalyst.Modules.News.Domain;
using Catalyst.Modules.News.Persistence;
using Catalyst.Modules.News.Sentiment;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalyst.Modules.News.Features.Ingestion;

/// <summary>Scores, classifies and stores articles; shared by the poller, the stream consumer and <see cref="IngestNews"/>.</summary>
internal sealed class NewsIngestor(
    IDbContextFactory<NewsDbContext> contexts,
    ISecurityRegistry securities,
    ISentimentModel sentiment,
    EventPublisher events,
    TimeProvider clock,
    IOptions<NewsOptions> options,
    IServiceProvider services,
    ILogger<NewsIngestor> logger)
{
    public const double UnknownSourceReliability = 0.5;

    // The poller, the stream and an explicit IngestNews may overlap; one at a time keeps the dedupe check exact
    // within this process (the unique index covers other instances).
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<int> IngestSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var port = services.GetService<INewsPort>()
            ?? throw new ServiceUnavailableException("NEWS_SOURCE_UNAVAILABLE", "No news source is configured.");
        var articles = await port.GetNewsAsync(since, [], ct);
        return await IngestAsync(articles, ct);
    }

    /// <summary>Returns how many article × symbol rows were new.</summary>
    public async Task<int> IngestAsync(IReadOnlyList<NewsArticle> articles, CancellationToken ct)
    {
        var usable = articles
            .Where(a => !string.IsNullOrWhiteSpace(a.Id) && a.Symbols.Count > 0
                        && !(string.IsNullOrWhiteSpace(a.Headline) && string.IsNullOrWhiteSpace(a.Summary)))
            .GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.Last())
            .ToList();
        if (usable.Count == 0) return 0;

        var detected = new List<NewCatalystDetected>();
        int added;
        await Gate.WaitAsync(ct);
        try
        {
            var ids = await securities.GetOrCreateIdsAsync(usable.SelectMany(a => a.Symbols), ct);
            await using var db = await contexts.CreateDbContextAsync(ct);
            var articleIds = usable.Select(a => a.Id).ToList();
            var existing = (await db.NewsSentiment.AsNoTracking()
                    .Where(n => articleIds.Contains(n.SourceArticleId))
                    .Select(n => new { n.SourceArticleId, n.SecurityId })
                    .ToListAsync(ct))
                .Select(x => (x.SourceArticleId, x.SecurityId)).ToHashSet();
            var reliability = await db.SourceReliability.AsNoTracking()
                .ToDictionaryAsync(r => r.Source, r => r.Reliability, ct);

            var now = clock.GetUtcNow();
            var settings = options.Value;
            var rows = new List<(NewsSentimentRow Row, CatalystEventRow? Event, Symbol Symbol)>();
            foreach (var article in usable)
            {
                var todo = article.Symbols.Distinct().Where(s => !existing.Contains((article.Id, ids[s]))).ToList();
                if (todo.Count == 0) continue;

                var headline = string.IsNullOrWhiteSpace(article.Headline) ? article.Summary.Trim() : article.Headline.Trim();
                var prediction = sentiment.Score(headline);
                var type = CatalystClassifier.Classify(article.Headline, article.Summary);
                var sourceTrust = Reliability(reliability, article.Source);
                var strength = CatalystStrength.Compute(type, prediction.Score, sourceTrust, now - article.CreatedAt,
                    settings.RecencyHalfLifeHours);
                foreach (var symbol in todo)
                {
                    var row = new NewsSentimentRow
                    {
                        Id = Guid.CreateVersion7(now),
                        SourceArticleId = article.Id,
                        SecurityId = ids[symbol],
                        PublishedAt = article.CreatedAt.ToUniversalTime(),
                        Headline = Truncate(headline, 1000),
                        Summary = string.IsNullOrWhiteSpace(article.Summary) ? null : article.Summary,
                        Source = Truncate(string.IsNullOrWhiteSpace(article.Source) ? "unknown" : article.Source, 200),
                        Url = article.Url is null ? null : Truncate(article.Url, 2000),
                        SentimentScore = prediction.Score,
                        SentimentLabel = prediction.Label,
                        ProbabilityBearish = prediction.Bearish,
                        ProbabilityBullish = prediction.Bullish,
                        ProbabilityNeutral = prediction.Neutral,
                        SentimentModel = sentiment.Name,
                        CatalystType = type,
                        CatalystStrength = strength,
                        SourceReliability = sourceTrust,
                        IngestedAt = now,
                    };
                    var catalyst = strength >= settings.CatalystEventThreshold && type != CatalystTypes.Other
                        ? new CatalystEventRow
                        {
                            Id = Guid.CreateVersion7(now), NewsId = row.Id, SecurityId = row.SecurityId, CatalystType = type,
                            CatalystStrength = strength, SentimentScore = row.SentimentScore, Headline = row.Headline,
                            PublishedAt = row.PublishedAt, DetectedAt = now,
                        }
                        : null;
                    rows.Add((row, catalyst, symbol));
                }
            }
            if (rows.Count == 0) return 0;

            var stored = await SaveAsync(db, rows.Select(r => (r.Row, r.Event)).ToList(), ct);
            added = stored.Count;
            foreach (var (row, catalyst, symbol) in rows)
            {
                if (catalyst is null || !stored.Contains(row.Id)) continue;
                detected.Add(new NewCatalystDetected(row.Id, symbol.Value, row.SecurityId, row.Headline, row.CatalystType,
                    row.CatalystStrength, row.SentimentScore, row.SentimentLabel, row.Source, row.PublishedAt));
            }
        }
        finally
        {
            Gate.Release();
        }

        // After commit: a subscriber that reacts by querying news finds the rows.
        foreach (var e in detected) await events.PublishAsync(e, ct);
        if (added > 0)
            logger.LogInformation("News: stored {Added} new item(s) from {Articles} article(s), {Catalysts} catalyst(s)",
                added, usable.Count, detected.Count);
        return added;
    }

    internal static double Reliability(IReadOnlyDictionary<string, double> table, string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return UnknownSourceReliability;
        var key = source.Trim().ToLowerInvariant();
        if (table.TryGetValue(key, out var exact)) return exact;
        // "Benzinga Pro", "Reuters (via Yahoo)": the longest known name inside the source's name decides.
        var partial = table.Where(kv => key.Contains(kv.Key, StringComparison.Ordinal))
            .OrderByDescending(kv => kv.Key.Length).Select(kv => (double?)kv.Value).FirstOrDefault();
        return partial ?? UnknownSourceReliability;
    }

    private static async Task<HashSet<Guid>> SaveAsync(NewsDbContext db, List<(NewsSentimentRow Row, CatalystEventRow? Event)> rows,
        CancellationToken ct)
    {
        foreach (var (row, catalyst) in rows)
        {
            db.NewsSentiment.Add(row);
            if (catalyst is not null) db.CatalystEvents.Add(catalyst);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return rows.Select(r => r.Row.Id).ToHashSet();
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Another instance stored some of these first: keep ours one by one, skipping theirs.
            db.ChangeTracker.Clear();
            var stored = new HashSet<Guid>();
            foreach (var (row, catalyst) in rows)
            {
                db.NewsSentiment.Add(row);
                if (catalyst is not null) db.CatalystEvents.Add(catalyst);
                try
                {
                    await db.SaveChangesAsync(ct);
                    stored.Add(row.Id);
                }
                catch (DbUpdateException inner) when (IsUniqueViolation(inner))
                {
                    // already stored elsewhere
                }
                db.ChangeTracker.Clear();
            }
            return stored;
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
