using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalyst.Modules.News.Persistence.Configurations;

internal sealed class NewsSentimentConfiguration : IEntityTypeConfiguration<NewsSentimentRow>
{
    public void Configure(EntityTypeBuilder<NewsSentimentRow> b)
    {
        b.ToTable("news_sentiment");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SourceArticleId).HasMaxLength(200);
        b.Property(x => x.Headline).HasMaxLength(1000);
        b.Property(x => x.Source).HasMaxLength(200);
        b.Property(x => x.Url).HasMaxLength(2000);
        b.Property(x => x.SentimentLabel).HasMaxLength(16);
        b.Property(x => x.SentimentModel).HasMaxLength(64);
        b.Property(x => x.CatalystType).HasMaxLength(32);
        b.HasIndex(x => new { x.SourceArticleId, x.SecurityId }).IsUnique();
        b.HasIndex(x => new { x.SecurityId, x.PublishedAt });
        b.HasIndex(x => x.PublishedAt);
    }
}

internal sealed class CatalystEventConfiguration : IEntityTypeConfiguration<CatalystEventRow>
{
    public void Configure(EntityTypeBuilder<CatalystEventRow> b)
    {
        b.ToTable("catalyst_events");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CatalystType).HasMaxLength(32);
        b.Property(x => x.Headline).HasMaxLength(1000);
        b.HasIndex(x => x.NewsId).IsUnique();
        b.HasIndex(x => new { x.SecurityId, x.PublishedAt });
        b.HasIndex(x => x.PublishedAt);
        b.HasOne<NewsSentimentRow>().WithMany().HasForeignKey(x => x.NewsId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SourceReliabilityConfiguration : IEntityTypeConfiguration<SourceReliabilityRow>
{
    public void Configure(EntityTypeBuilder<SourceReliabilityRow> b)
    {
        b.ToTable("source_reliability", t => t.HasCheckConstraint("ck_source_reliability_range", "reliability >= 0 AND reliability <= 1"));
        b.HasKey(x => x.Source);
        b.Property(x => x.Source).HasMaxLength(200);
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.HasData(SourceReliabilitySeed.Rows);
    }
}

/// <summary>
/// Starting trust per source: wire services and the big financial desks high, press-release wires a little lower
/// (issuer-written), aggregators middling, blogs and rumour low. Unknown sources get 0.5 in code.
/// </summary>
internal static class SourceReliabilitySeed
{
    public static readonly SourceReliabilityRow[] Rows =
    [
        Row("Reuters", 0.95), Row("Bloomberg", 0.95), Row("Dow Jones", 0.92), Row("The Wall Street Journal", 0.92),
        Row("Associated Press", 0.9), Row("Financial Times", 0.9), Row("CNBC", 0.85), Row("Benzinga", 0.85),
        Row("MarketWatch", 0.8), Row("Barron's", 0.85), Row("PR Newswire", 0.8), Row("Business Wire", 0.8),
        Row("GlobeNewswire", 0.8), Row("Accesswire", 0.7), Row("Nasdaq", 0.75), Row("Yahoo Finance", 0.7),
        Row("Seeking Alpha", 0.6), Row("Motley Fool", 0.55), Row("Zacks", 0.6), Row("Simulated Newswire", 0.85),
        Row("Blog", 0.3), Row("Twitter", 0.3), Row("Reddit", 0.25), Row("Rumor", 0.2), Row("StockTwits", 0.25),
    ];

    private static SourceReliabilityRow Row(string name, double reliability) =>
        new() { Source = name.ToLowerInvariant(), DisplayName = name, Reliability = reliability };
}
