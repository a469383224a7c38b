using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Catalyst.Modules.Technical.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TechnicalIndicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "technical");

            migrationBuilder.CreateTable(
                name: "technical_indicators",
                schema: "technical",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    timeframe = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    bar_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    bar_count = table.Column<int>(type: "integer", nullable: false),
                    price = table.Column<decimal>(type: "numeric", nullable: false),
                    sma_20 = table.Column<decimal>(type: "numeric", nullable: true),
                    sma_50 = table.Column<decimal>(type: "numeric", nullable: true),
                    sma_200 = table.Column<decimal>(type: "numeric", nullable: true),
                    ema_9 = table.Column<decimal>(type: "numeric", nullable: true),
                    ema_21 = table.Column<decimal>(type: "numeric", nullable: true),
                    rsi_14 = table.Column<decimal>(type: "numeric", nullable: true),
                    atr_14 = table.Column<decimal>(type: "numeric", nullable: true),
                    macd = table.Column<decimal>(type: "numeric", nullable: true),
                    macd_signal = table.Column<decimal>(type: "numeric", nullable: true),
                    macd_histogram = table.Column<decimal>(type: "numeric", nullable: true),
                    bollinger_upper = table.Column<decimal>(type: "numeric", nullable: true),
                    bollinger_middle = table.Column<decimal>(type: "numeric", nullable: true),
                    bollinger_lower = table.Column<decimal>(type: "numeric", nullable: true),
                    obv = table.Column<decimal>(type: "numeric", nullable: false),
                    volume_ratio = table.Column<decimal>(type: "numeric", nullable: true),
                    vwap = table.Column<decimal>(type: "numeric", nullable: true),
                    support = table.Column<decimal>(type: "numeric", nullable: true),
                    resistance = table.Column<decimal>(type: "numeric", nullable: true),
                    technical_score = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_technical_indicators", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_resistance_levels",
                schema: "technical",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    snapshot_id = table.Column<long>(type: "bigint", nullable: false),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    timeframe = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    price = table.Column<decimal>(type: "numeric", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    touches = table.Column<int>(type: "integer", nullable: false),
                    strength = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_resistance_levels", x => x.id);
                    table.ForeignKey(
                        name: "fk_support_resistance_levels_technical_indicators_snapshot_id",
                        column: x => x.snapshot_id,
                        principalSchema: "technical",
                        principalTable: "technical_indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_resistance_levels_security_id_timeframe_computed_at",
                schema: "technical",
                table: "support_resistance_levels",
                columns: new[] { "security_id", "timeframe", "computed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_support_resistance_levels_snapshot_id",
                schema: "technical",
                table: "support_resistance_levels",
                column: "snapshot_id");

            migrationBuilder.CreateIndex(
                name: "ix_technical_indicators_security_id_timeframe_computed_at",
                schema: "technical",
                table: "technical_indicators",
                columns: new[] { "security_id", "timeframe", "computed_at" },
                descending: new[] { false, false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "support_resistance_levels",
                schema: "technical");

            migrationBuilder.DropTable(
                name: "technical_indicators",
                schema: "technical");
        }
    }
}
