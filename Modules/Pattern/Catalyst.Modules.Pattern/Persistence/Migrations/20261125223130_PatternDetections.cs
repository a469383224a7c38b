using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Catalyst.Modules.Pattern.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PatternDetections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "pattern");

            migrationBuilder.CreateTable(
                name: "pattern_detections",
                schema: "pattern",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    timeframe = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    pattern_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    confidence = table.Column<decimal>(type: "numeric", nullable: false),
                    entry = table.Column<decimal>(type: "numeric", nullable: false),
                    target = table.Column<decimal>(type: "numeric", nullable: false),
                    stop = table.Column<decimal>(type: "numeric", nullable: false),
                    start_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    end_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    start_index = table.Column<int>(type: "integer", nullable: false),
                    end_index = table.Column<int>(type: "integer", nullable: false),
                    bar_count = table.Column<int>(type: "integer", nullable: false),
                    volume_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    is_best = table.Column<bool>(type: "boolean", nullable: false),
                    pattern_score = table.Column<decimal>(type: "numeric", nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pattern_detections", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pattern_detections_run_id",
                schema: "pattern",
                table: "pattern_detections",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_pattern_detections_security_id_detected_at",
                schema: "pattern",
                table: "pattern_detections",
                columns: new[] { "security_id", "detected_at" },
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pattern_detections",
                schema: "pattern");
        }
    }
}
