using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Catalyst.Modules.Workflow.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowCyclesAndDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "workflow");

            migrationBuilder.CreateTable(
                name: "trading_cycles",
                schema: "workflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    session_mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    cycle_state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    phase = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    started_by = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paused_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pause_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    scans_completed = table.Column<int>(type: "integer", nullable: false),
                    last_scan_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    post_open_scan_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    flattened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stopped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stop_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    positions_closed = table.Column<int>(type: "integer", nullable: true),
                    final_pnl = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_cycles", x => x.id);
                    table.CheckConstraint("ck_trading_cycles_session_mode", "session_mode IN ('autonomous', 'supervised')");
                    table.CheckConstraint("ck_trading_cycles_status", "status IN ('running', 'paused', 'stopped', 'emergency_stopped', 'closed')");
                });

            migrationBuilder.CreateTable(
                name: "cycle_events",
                schema: "workflow",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    event_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cycle_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_cycle_events_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "workflow",
                        principalTable: "trading_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "decision_logs",
                schema: "workflow",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: true),
                    timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    security_id = table.Column<long>(type: "bigint", nullable: true),
                    decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    position_id = table.Column<Guid>(type: "uuid", nullable: true),
                    features = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decision_logs", x => x.id);
                    table.CheckConstraint("ck_decision_logs_type", "decision_type IN ('candidate', 'risk', 'entry', 'exit')");
                    table.ForeignKey(
                        name: "fk_decision_logs_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "workflow",
                        principalTable: "trading_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cycle_events_cycle_id_timestamp_id",
                schema: "workflow",
                table: "cycle_events",
                columns: new[] { "cycle_id", "timestamp", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_decision_logs_cycle_id_decision_type_id",
                schema: "workflow",
                table: "decision_logs",
                columns: new[] { "cycle_id", "decision_type", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_decision_logs_position_id",
                schema: "workflow",
                table: "decision_logs",
                column: "position_id");

            migrationBuilder.CreateIndex(
                name: "ix_decision_logs_timestamp",
                schema: "workflow",
                table: "decision_logs",
                column: "timestamp");

            migrationBuilder.CreateIndex(
                name: "ix_trading_cycles_started_at",
                schema: "workflow",
                table: "trading_cycles",
                column: "started_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ux_trading_cycles_one_active_per_date",
                schema: "workflow",
                table: "trading_cycles",
                column: "date",
                unique: true,
                filter: "status IN ('running', 'paused')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cycle_events",
                schema: "workflow");

            migrationBuilder.DropTable(
                name: "decision_logs",
                schema: "workflow");

            migrationBuilder.DropTable(
                name: "trading_cycles",
                schema: "workflow");
        }
    }
}
