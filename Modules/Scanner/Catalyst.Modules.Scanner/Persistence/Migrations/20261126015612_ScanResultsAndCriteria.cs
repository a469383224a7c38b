using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Catalyst.Modules.Scanner.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScanResultsAndCriteria : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "scanner");

            migrationBuilder.CreateTable(
                name: "scan_criteria",
                schema: "scanner",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    min_price = table.Column<decimal>(type: "numeric", nullable: false),
                    max_price = table.Column<decimal>(type: "numeric", nullable: false),
                    min_volume = table.Column<long>(type: "bigint", nullable: false),
                    min_relative_volume = table.Column<decimal>(type: "numeric", nullable: false),
                    min_gap_pct = table.Column<decimal>(type: "numeric", nullable: false),
                    news_required = table.Column<bool>(type: "boolean", nullable: false),
                    universe_size = table.Column<int>(type: "integer", nullable: false),
                    min_catalyst_strength = table.Column<decimal>(type: "numeric", nullable: false),
                    catalyst_lookback_hours = table.Column<int>(type: "integer", nullable: false),
                    min_technical_score = table.Column<decimal>(type: "numeric", nullable: false),
                    min_pattern_score = table.Column<decimal>(type: "numeric", nullable: false),
                    catalyst_weight = table.Column<decimal>(type: "numeric", nullable: false),
                    technical_weight = table.Column<decimal>(type: "numeric", nullable: false),
                    pattern_weight = table.Column<decimal>(type: "numeric", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scan_criteria", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scans",
                schema: "scanner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scan_timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    duration_ms = table.Column<long>(type: "bigint", nullable: false),
                    universe_size = table.Column<int>(type: "integer", nullable: false),
                    universe_count = table.Column<int>(type: "integer", nullable: false),
                    catalyst_count = table.Column<int>(type: "integer", nullable: false),
                    technical_count = table.Column<int>(type: "integer", nullable: false),
                    pattern_count = table.Column<int>(type: "integer", nullable: false),
                    final_count = table.Column<int>(type: "integer", nullable: false),
                    criteria = table.Column<string>(type: "jsonb", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scan_results",
                schema: "scanner",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    scan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    symbol = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    selected = table.Column<bool>(type: "boolean", nullable: false),
                    dropped_at = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    drop_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    drop_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    universe_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    price = table.Column<decimal>(type: "numeric", nullable: true),
                    previous_close = table.Column<decimal>(type: "numeric", nullable: true),
                    gap_pct = table.Column<decimal>(type: "numeric", nullable: true),
                    volume = table.Column<long>(type: "bigint", nullable: false),
                    average_volume = table.Column<long>(type: "bigint", nullable: true),
                    relative_volume = table.Column<decimal>(type: "numeric", nullable: true),
                    catalyst_score = table.Column<decimal>(type: "numeric", nullable: false),
                    technical_score = table.Column<decimal>(type: "numeric", nullable: false),
                    pattern_score = table.Column<decimal>(type: "numeric", nullable: false),
                    final_score = table.Column<decimal>(type: "numeric", nullable: false),
                    news_id = table.Column<Guid>(type: "uuid", nullable: true),
                    headline = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    catalyst_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    catalyst_strength = table.Column<decimal>(type: "numeric", nullable: true),
                    sentiment = table.Column<decimal>(type: "numeric", nullable: true),
                    news_source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    news_published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    timeframe = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    sma_20 = table.Column<decimal>(type: "numeric", nullable: true),
                    sma_50 = table.Column<decimal>(type: "numeric", nullable: true),
                    ema_9 = table.Column<decimal>(type: "numeric", nullable: true),
                    rsi_14 = table.Column<decimal>(type: "numeric", nullable: true),
                    atr_14 = table.Column<decimal>(type: "numeric", nullable: true),
                    vwap = table.Column<decimal>(type: "numeric", nullable: true),
                    macd_histogram = table.Column<decimal>(type: "numeric", nullable: true),
                    volume_ratio = table.Column<decimal>(type: "numeric", nullable: true),
                    support = table.Column<decimal>(type: "numeric", nullable: true),
                    resistance = table.Column<decimal>(type: "numeric", nullable: true),
                    pattern_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    pattern_confidence = table.Column<decimal>(type: "numeric", nullable: true),
                    entry = table.Column<decimal>(type: "numeric", nullable: true),
                    target = table.Column<decimal>(type: "numeric", nullable: true),
                    stop = table.Column<decimal>(type: "numeric", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scan_results", x => x.id);
                    table.ForeignKey(
                        name: "fk_scan_results_scans_scan_id",
                        column: x => x.scan_id,
                        principalSchema: "scanner",
                        principalTable: "scans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_scan_results_scan_id_symbol",
                schema: "scanner",
                table: "scan_results",
                columns: new[] { "scan_id", "symbol" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scan_results_security_id",
                schema: "scanner",
                table: "scan_results",
                column: "security_id");

            migrationBuilder.CreateIndex(
                name: "ix_scans_completed_at",
                schema: "scanner",
                table: "scans",
                column: "completed_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_scans_cycle_id_completed_at",
                schema: "scanner",
                table: "scans",
                columns: new[] { "cycle_id", "completed_at" },
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scan_criteria",
                schema: "scanner");

            migrationBuilder.DropTable(
                name: "scan_results",
                schema: "scanner");

            migrationBuilder.DropTable(
                name: "scans",
                schema: "scanner");
        }
    }
}
