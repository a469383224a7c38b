namespace Catalyst.Modules.News.Persistence;

/// <summary>news.news_sentiment: one row per article × symbol (security id, never the ticker text).</summary>
internal sealed class NewsSentimentRow
{
    public Guid Id { get; set; }
    /// <summary>The provider's article id; with <see cref="SecurityId"/> it is unique, which is the dedupe.</summary>
    public required string SourceArticleId { get; set; }
    public long SecurityId { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string Headline { get; set; }
    public string? Summary { get; set; }
    public required string Source { get; set; }
    public string? Url { get; set; }
    public double SentimentScore { get; set; }
    public required string SentimentLabel { get; set; }
    public float ProbabilityBearish { get; set; }
    public float ProbabilityBullish { get; set; }
    public float ProbabilityNeutral { get; set; }
    public required string SentimentModel { get; set; }
    public required string CatalystType { get; set; }
    public double CatalystStrength { get; set; }
    public double SourceReliability { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
}

/// <summary>news.catalyst_events: the stored news strong enough to trade on (strength ≥ the event threshold).</summary>
internal sealed class CatalystEventRow
{
    public Guid Id { get; set; }
    public Guid NewsId { get; set; }
    public long SecurityId { get; set; }
    public required string CatalystType { get; set; }
    public double CatalystStrength { get; set; }
    public double SentimentScore { get; set; }
    public required string Headline { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
}

/// <summary>news.source_reliability: how far a source's headlines are trusted, 0–1. Keyed by the lower-cased name.</summary>
internal sealed class SourceReliabilityRow
{
    public required string Source { get; set; }
    public required string DisplayName { get; set; }
    public double Reliability { get; set; }
}
