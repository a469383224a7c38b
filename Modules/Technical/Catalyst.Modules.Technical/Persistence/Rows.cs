using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalyst.Modules.Technical.Persistence;

/// <summary>One computed snapshot of every indicator for a security and timeframe (technical.technical_indicators).</summary>
internal sealed class IndicatorSnapshotRow
{
    public long Id { get; set; }
    public long SecurityId { get; set; }
    public required string Timeframe { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public DateTimeOffset BarTime { get; set; }
    public int BarCount { get; set; }
    public decimal Price { get; set; }
    public decimal? Sma20 { get; set; }
    public decimal? Sma50 { get; set; }
    public decimal? Sma200 { get; set; }
    public decimal? Ema9 { get; set; }
    public decimal? Ema21 { get; set; }
    public decimal? Rsi14 { get; set; }
    public decimal? Atr14 { get; set; }
    public decimal? Macd { get; set; }
    public decimal? MacdSignal { get; set; }
    public decimal? MacdHistogram { get; set; }
    public decimal? BollingerUpper { get; set; }
    public decimal? BollingerMiddle { get; set; }
    public decimal? BollingerLower { get; set; }
    public decimal Obv { get; set; }
    public decimal? VolumeRatio { get; set; }
    public decimal? Vwap { get; set; }
    public decimal? Support { get; set; }
    public decimal? Resistance { get; set; }
    public decimal TechnicalScore { get; set; }
    public List<SupportResistanceLevelRow> Levels { get; set; } = [];
}

/// <summary>A support/resistance level found in a snapshot (technical.support_resistance_levels).</summary>
internal sealed class SupportResistanceLevelRow
{
    public long Id { get; set; }
    public long SnapshotId { get; set; }
    public long SecurityId { get; set; }
    public required string Timeframe { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public decimal Price { get; set; }
    public required string Kind { get; set; }
    public int Touches { get; set; }
    public decimal Strength { get; set; }
}

internal sealed class IndicatorSnapshotRowConfiguration : IEntityTypeConfiguration<IndicatorSnapshotRow>
{
    public void Configure(EntityTypeBuilder<IndicatorSnapshotRow> b)
    {
        b.ToTable("technical_indicators");
        b.HasKey(x => x.Id);
        b.Property(x => x.Timeframe).HasMaxLength(8);
        b.Property(x => x.Sma20).HasColumnName("sma_20");
        b.Property(x => x.Sma50).HasColumnName("sma_50");
        b.Property(x => x.Sma200).HasColumnName("sma_200");
        b.Property(x => x.Ema9).HasColumnName("ema_9");
        b.Property(x => x.Ema21).HasColumnName("ema_21");
        b.Property(x => x.Rsi14).HasColumnName("rsi_14");
        b.Property(x => x.Atr14).HasColumnName("atr_14");
        // The latest snapshot per security and timeframe is the hot query.
        b.HasIndex(x => new { x.SecurityId, x.Timeframe, x.ComputedAt }).IsDescending(false, false, true);
        b.HasMany(x => x.Levels).WithOne().HasForeignKey(x => x.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupportResistanceLevelRowConfiguration : IEntityTypeConfiguration<SupportResistanceLevelRow>
{
    public void Configure(EntityTypeBuilder<SupportResistanceLevelRow> b)
    {
        b.ToTable("support_resistance_levels");
        b.HasKey(x => x.Id);
        b.Property(x => x.Timeframe).HasMaxLength(8);
        b.Property(x => x.Kind).HasMaxLength(16);
        b.HasIndex(x => new { x.SecurityId, x.Timeframe, x.ComputedAt });
    }
}
