using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalyst.Modules.Reporting.Persistence.Configurations;

internal sealed class TradeJournalConfiguration : IEntityTypeConfiguration<TradeJournalRow>
{
    public void Configure(EntityTypeBuilder<TradeJournalRow> b)
    {
        b.ToTable("trade_journal", t =>
        {
            t.HasCheckConstraint("ck_trade_journal_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_trade_journal_outcome", "outcome IN ('win', 'loss', 'scratch')");
        });
        b.HasKey(x => x.PositionId);
        b.Property(x => x.PositionId).ValueGeneratedNever();
        b.Property(x => x.Symbol).HasMaxLength(10);
        b.Property(x => x.Side).HasMaxLength(8);
        b.Property(x => x.Outcome).HasMaxLength(8);
        b.Property(x => x.Pattern).HasMaxLength(64);
        b.Property(x => x.Catalyst).HasMaxLength(500);
        b.Property(x => x.ExitReason).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(4000);
        foreach (var p in new[] { nameof(TradeJournalRow.Quantity), nameof(TradeJournalRow.EntryPrice), nameof(TradeJournalRow.ExitPrice),
                     nameof(TradeJournalRow.Pnl), nameof(TradeJournalRow.PnlPct), nameof(TradeJournalRow.InitialRisk),
                     nameof(TradeJournalRow.RMultiple) })
            b.Property(p).HasColumnType("numeric");
        b.HasIndex(x => new { x.TradingDate, x.ExitTime });
        b.HasIndex(x => new { x.SecurityId, x.TradingDate });
    }
}

internal sealed class DailyReportConfiguration : IEntityTypeConfiguration<DailyReportRow>
{
    public void Configure(EntityTypeBuilder<DailyReportRow> b)
    {
        b.ToTable("daily_reports");
        b.HasKey(x => x.ReportDate);
        b.Property(x => x.ReportDate).ValueGeneratedNever();
        b.Property(x => x.ReportJson).HasColumnType("jsonb");
        foreach (var p in new[] { nameof(DailyReportRow.StartingEquity), nameof(DailyReportRow.Pnl), nameof(DailyReportRow.PnlPct),
                     nameof(DailyReportRow.WinRate), nameof(DailyReportRow.ProfitFactor), nameof(DailyReportRow.MaxDrawdown) })
            b.Property(p).HasColumnType("numeric");
    }
}

internal sealed class EodDeliveryConfiguration : IEntityTypeConfiguration<EodDeliveryRow>
{
    public void Configure(EntityTypeBuilder<EodDeliveryRow> b)
    {
        b.ToTable("eod_deliveries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Sink).HasMaxLength(16);
        b.Property(x => x.Target).HasMaxLength(1000);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.Error).HasMaxLength(4000);
        b.HasIndex(x => new { x.ReportDate, x.Sink });
    }
}
