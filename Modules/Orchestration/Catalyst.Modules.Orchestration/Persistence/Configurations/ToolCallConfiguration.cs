using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalyst.Modules.Orchestration.Persistence.Configurations;

internal sealed class ToolCallConfiguration : IEntityTypeConfiguration<ToolCallRow>
{
    public void Configure(EntityTypeBuilder<ToolCallRow> b)
    {
        b.ToTable("tool_calls", t => t.HasCheckConstraint("ck_tool_calls_duration", "duration_ms >= 0"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Tool).HasMaxLength(64);
        b.Property(x => x.Arguments).HasColumnType("jsonb");
        b.Property(x => x.Outcome).HasMaxLength(32);
        b.Property(x => x.ErrorKind).HasMaxLength(64);
        b.Property(x => x.ErrorMessage).HasMaxLength(2000);
        b.Property(x => x.Caller).HasMaxLength(200);
        b.Property(x => x.Transport).HasMaxLength(16);
        b.Property(x => x.SessionId).HasMaxLength(200);
        b.Property(x => x.RequestId).HasMaxLength(64);
        b.Property(x => x.TraceId).HasMaxLength(64);
        b.HasIndex(x => x.CalledAt);
        b.HasIndex(x => new { x.Tool, x.CalledAt });
    }
}
