using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Catalyst.Modules.Trading.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TradingBook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "trading");

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "trading",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fills",
                schema: "trading",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position_id = table.Column<Guid>(type: "uuid", nullable: true),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    price = table.Column<decimal>(type: "numeric", nullable: false),
                    realized_pnl = table.Column<decimal>(type: "numeric", nullable: false),
                    filled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    execution_id = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fills", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                schema: "trading",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_order_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    broker_order_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    parent_order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    order_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    order_class = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    leg_role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    time_in_force = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    limit_price = table.Column<decimal>(type: "numeric", nullable: true),
                    stop_price = table.Column<decimal>(type: "numeric", nullable: true),
                    trail_percent = table.Column<decimal>(type: "numeric", nullable: true),
                    stop_loss = table.Column<decimal>(type: "numeric", nullable: true),
                    take_profit = table.Column<decimal>(type: "numeric", nullable: true),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    broker_status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    filled_qty = table.Column<decimal>(type: "numeric", nullable: false),
                    filled_notional = table.Column<decimal>(type: "numeric", nullable: false),
                    avg_fill_price = table.Column<decimal>(type: "numeric", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    filled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reject_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    exit_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    pattern = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    catalyst = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "positions",
                schema: "trading",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    cost_basis = table.Column<decimal>(type: "numeric", nullable: false),
                    entry_quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    entry_notional = table.Column<decimal>(type: "numeric", nullable: false),
                    exit_quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    exit_notional = table.Column<decimal>(type: "numeric", nullable: false),
                    realized_pnl = table.Column<decimal>(type: "numeric", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stop_loss = table.Column<decimal>(type: "numeric", nullable: true),
                    take_profit = table.Column<decimal>(type: "numeric", nullable: true),
                    trailing_stop_pct = table.Column<decimal>(type: "numeric", nullable: true),
                    initial_risk = table.Column<decimal>(type: "numeric", nullable: true),
                    pattern = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    catalyst = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    exit_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    entry_order_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_positions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reconciliations",
                schema: "trading",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    orders_repaired = table.Column<int>(type: "integer", nullable: false),
                    positions_repaired = table.Column<int>(type: "integer", nullable: false),
                    notes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id",
                schema: "trading",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_occurred_at",
                schema: "trading",
                table: "audit_log",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_fills_execution_id",
                schema: "trading",
                table: "fills",
                column: "execution_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fills_filled_at",
                schema: "trading",
                table: "fills",
                column: "filled_at");

            migrationBuilder.CreateIndex(
                name: "ix_fills_order_id",
                schema: "trading",
                table: "fills",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_broker_order_id",
                schema: "trading",
                table: "orders",
                column: "broker_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_client_order_id",
                schema: "trading",
                table: "orders",
                column: "client_order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_parent_order_id",
                schema: "trading",
                table: "orders",
                column: "parent_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_security_id_created_at",
                schema: "trading",
                table: "orders",
                columns: new[] { "security_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_status_created_at",
                schema: "trading",
                table: "orders",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_positions_status_closed_at",
                schema: "trading",
                table: "positions",
                columns: new[] { "status", "closed_at" });

            migrationBuilder.CreateIndex(
                name: "ux_positions_open_security",
                schema: "trading",
                table: "positions",
                column: "security_id",
                unique: true,
                filter: "status = 'open'");

            migrationBuilder.CreateIndex(
                name: "ix_reconciliations_started_at",
                schema: "trading",
                table: "reconciliations",
                column: "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "trading");

            migrationBuilder.DropTable(
                name: "fills",
                schema: "trading");

            migrationBuilder.DropTable(
                name: "orders",
                schema: "trading");

            migrationBuilder.DropTable(
                name: "positions",
                schema: "trading");

            migrationBuilder.DropTable(
                name: "reconciliations",
                schema: "trading");
        }
    }
}
