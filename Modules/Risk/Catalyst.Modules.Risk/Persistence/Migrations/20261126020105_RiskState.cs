using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Catalyst.Modules.Risk.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RiskState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "risk");

            migrationBuilder.CreateTable(
                name: "alerts",
                schema: "risk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    alert_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false),
                    action_id = table.Column<Guid>(type: "uuid", nullable: true),
                    dedupe_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "kill_switch_events",
                schema: "risk",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kill_switch_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "parameter_changes",
                schema: "risk",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    parameter_path = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    old_value = table.Column<decimal>(type: "numeric", nullable: false),
                    new_value = table.Column<decimal>(type: "numeric", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parameter_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "risk_actions",
                schema: "risk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    action_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    session_mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false),
                    trigger_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    alert_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    execute_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    executed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    result = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_actions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "validation_decisions",
                schema: "risk",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    side = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: true),
                    price = table.Column<decimal>(type: "numeric", nullable: true),
                    stop_loss = table.Column<decimal>(type: "numeric", nullable: true),
                    take_profit = table.Column<decimal>(type: "numeric", nullable: true),
                    is_exit = table.Column<bool>(type: "boolean", nullable: false),
                    preview = table.Column<bool>(type: "boolean", nullable: false),
                    approved = table.Column<bool>(type: "boolean", nullable: false),
                    check_failed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    position_size = table.Column<decimal>(type: "numeric", nullable: false),
                    risk_amount = table.Column<decimal>(type: "numeric", nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_validation_decisions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_created_at",
                schema: "risk",
                table: "alerts",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_dedupe_key",
                schema: "risk",
                table: "alerts",
                column: "dedupe_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_kill_switch_events_changed_at",
                schema: "risk",
                table: "kill_switch_events",
                column: "changed_at");

            migrationBuilder.CreateIndex(
                name: "ix_parameter_changes_changed_at",
                schema: "risk",
                table: "parameter_changes",
                column: "changed_at");

            migrationBuilder.CreateIndex(
                name: "ix_risk_actions_status_execute_at",
                schema: "risk",
                table: "risk_actions",
                columns: new[] { "status", "execute_at" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_actions_trigger_key",
                schema: "risk",
                table: "risk_actions",
                column: "trigger_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_validation_decisions_decided_at",
                schema: "risk",
                table: "validation_decisions",
                column: "decided_at");

            migrationBuilder.CreateIndex(
                name: "ix_validation_decisions_security_id_decided_at",
                schema: "risk",
                table: "validation_decisions",
                columns: new[] { "security_id", "decided_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts",
                schema: "risk");

            migrationBuilder.DropTable(
                name: "kill_switch_events",
                schema: "risk");

            migrationBuilder.DropTable(
                name: "parameter_changes",
                schema: "risk");

            migrationBuilder.DropTable(
                name: "risk_actions",
                schema: "risk");

            migrationBuilder.DropTable(
                name: "validation_decisions",
                schema: "risk");
        }
    }
}
