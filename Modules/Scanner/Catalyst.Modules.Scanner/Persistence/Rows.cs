using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalyst.Modules.Scanner.Persistence;

/// <summary>One completed scan (scanner.scans): when, for which cycle, with which criteria, and the funnel counts.</summary>
internal sealed class ScanRow
{
    public Guid Id { get; set; }
    public Guid? CycleId { get; set; }

    /// <summary>The market time the scan looked at (the virtual clock in Simulation).</summary>
    public DateTimeOffset ScanTimestamp { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
    public long DurationMs { get; set; }
    public int UniverseSize { get; set; }
    public int UniverseCount { get; set; }
    public int CatalystCount { get; set; }
    public int TechnicalCount { get; set; }
    public int PatternCount { get; set; }
    public int FinalCount { get; set; }

    /// <summary>The criteria as used (stored criteria plus the request's overrides), as JSON.</summary>
    public required string Criteria { get; set; }

    public string? Note { get; set; }
    public List<ScanResultRow> Results { get; set; } = [];
}

/// <summary>
/// One symbol in one scan (scanner.scan_results): what the scan saw, the stage it reached and, when it was dropped,
/// where and why. The symbol is a denormalised copy of reference.securities for reading without a join.
/// </summary>
internal sealed class ScanResultRow
{
    public long Id { get; set; }
    public Guid ScanId { get; set; }
    public long SecurityId { get; set; }
    public required string Symbol { get; set; }
    public int Rank { get; set; }
    public required string Stage { get; set; }
    public bool Selected { get; set; }
    public string? DroppedAt { get; set; }
    public string? DropCode { get; set; }
    public string? DropReason { get; set; }
    public required string UniverseReason { get; set; }

    public decimal? Price { get; set; }
    public decimal? PreviousClose { get; set; }
    public decimal? GapPct { get; set; }
    public long Volume { get; set; }
    public long? AverageVolume { get; set; }
    public decimal? RelativeVolume { get; set; }

    public decimal CatalystScore { get; set; }
    public decimal TechnicalScore { get; set; }
    public decimal PatternScore { get; set; }
    public decimal FinalScore { get; set; }

    public Guid? NewsId { get; set; }
    public string? Headline { get; set; }
    public string? CatalystType { get; set; }
    public decimal? CatalystStrength { get; set; }
    public decimal? Sentiment { get; set; }
    public string? NewsSource { get; set; }
    public DateTimeOffset? NewsPublishedAt { get; set; }

    public string? Timeframe { get; set; }
    public decimal? Sma20 { get; set; }
    public decimal? Sma50 { get; set; }
    public decimal? Ema9 { get; set; }
    public decimal? Rsi14 { get; set; }
    public decimal? Atr14 { get; set; }
    public decimal? Vwap { get; set; }
    public decimal? MacdHistogram { get; set; }
    public decimal? VolumeRatio { get; set; }
    public decimal? Support { get; set; }
    public decimal? Resistance { get; set; }

    public string? PatternType { get; set; }
    public string? PatternTimeframe { get; set; }
    public decimal? PatternConfidence { get; set; }
    public decimal? Entry { get; set; }
    public decimal? Target { get; set; }
    public decimal? Stop { get; set; }
}

/// <summary>Every version of the scan criteria (scanner.scan_criteria); the newest is current.</summary>
internal sealed class ScanCriteriaRow
{
    public long Id { get; set; }
    public decimal MinPrice { get; set; }
    public decimal MaxPrice { get; set; }
    public long MinVolume { get; set; }
    public decimal MinRelativeVolume { get; set; }
    public decimal MinGapPct { get; set; }
    public bool NewsRequired { get; set; }
    public int UniverseSize { get; set; }
    public decimal MinCatalystStrength { get; set; }
    public int CatalystLookbackHours { get; set; }
    public decimal MinTechnicalScore { get; set; }
    public decimal MinPatternScore { get; set; }
    public decimal CatalystWeight { get; set; }
    public decimal TechnicalWeight { get; set; }
    public decimal PatternWeight { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

internal sealed class ScanRowConfiguration : IEntityTypeConfiguration<ScanRow>
{
    public void Configure(EntityTypeBuilder<ScanRow> b)
    {
        b.ToTable("scans");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Criteria).HasColumnType("jsonb");
        b.Property(x => x.Note).HasMaxLength(500);
        // "The latest scan" (overall and per cycle) is the hot query.
        b.HasIndex(x => x.CompletedAt).IsDescending();
        b.HasIndex(x => new { x.CycleId, x.CompletedAt }).IsDescending(false, true);
        b.HasMany(x => x.Results).WithOne().HasForeignKey(x => x.ScanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScanResultRowConfiguration : IEntityTypeConfiguration<ScanResultRow>
{
    public void Configure(EntityTypeBuilder<ScanResultRow> b)
    {
        b.ToTable("scan_results");
        b.HasKey(x => x.Id);
        b.Property(x => x.Symbol).HasMaxLength(16);
        b.Property(x => x.Stage).HasMaxLength(16);
        b.Property(x => x.DroppedAt).HasMaxLength(16);
        b.Property(x => x.DropCode).HasMaxLength(32);
        b.Property(x => x.DropReason).HasMaxLength(1000);
        b.Property(x => x.UniverseReason).HasMaxLength(32);
        b.Property(x => x.Headline).HasMaxLength(1000);
        b.Property(x => x.CatalystType).HasMaxLength(32);
        b.Property(x => x.NewsSource).HasMaxLength(200);
        b.Property(x => x.Timeframe).HasMaxLength(8);
        b.Property(x => x.PatternType).HasMaxLength(32);
        b.Property(x => x.PatternTimeframe).HasMaxLength(8);
        b.Property(x => x.Sma20).HasColumnName("sma_20");
        b.Property(x => x.Sma50).HasColumnName("sma_50");
        b.Property(x => x.Ema9).HasColumnName("ema_9");
        b.Property(x => x.Rsi14).HasColumnName("rsi_14");
        b.Property(x => x.Atr14).HasColumnName("atr_14");
        b.HasIndex(x => new { x.ScanId, x.Symbol }).IsUnique();
        // A symbol's history across scans (why was it picked or dropped on other days).
        b.HasIndex(x => x.SecurityId);
    }
}

internal sealed class ScanCriteriaRowConfiguration : IEntityTypeConfiguration<ScanCriteriaRow>
{
    public void Configure(EntityTypeBuilder<ScanCriteriaRow> b)
    {
        b.ToTable("scan_criteria");
        b.HasKey(x => x.Id);
        b.Property(x => x.UpdatedBy).HasMaxLength(200);
    }
}
