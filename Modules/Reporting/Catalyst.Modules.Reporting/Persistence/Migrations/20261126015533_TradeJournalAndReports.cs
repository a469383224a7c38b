using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalyst.Modules.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TradeJournalAndReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "reporting");

            migrationBuilder.CreateTable(
                name: "daily_reports",
                schema: "reporting",
                columns: table => new
                {
                    report_date = table.Column<DateOnly>(type: "date", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: true),
                    starting_equity = table.Column<decimal>(type: "numeric", nullable: false),
                    pnl = table.Column<decimal>(type: "numeric", nullable: false),
                    pnl_pct = table.Column<decimal>(type: "numeric", nullable: false),
                    trades_executed = table.Column<int>(type: "integer", nullable: false),
                    trades_won = table.Column<int>(type: "integer", nullable: false),
                    trades_lost = table.Column<int>(type: "integer", nullable: false),
                    win_rate = table.Column<decimal>(type: "numeric", nullable: true),
                    profit_factor = table.Column<decimal>(type: "numeric", nullable: true),
                    max_drawdown = table.Column<decimal>(type: "numeric", nullable: false),
                    report_json = table.Column<string>(type: "jsonb", nullable: false),
                    summary_text = table.Column<string>(type: "text", nullable: false),
                    generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_reports", x => x.report_date);
                });

            migrationBuilder.CreateTable(
                name: "eod_deliveries",
                schema: "reporting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    report_date = table.Column<DateOnly>(type: "date", nullable: false),
                    sink = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    target = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_eod_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trade_journal",
                schema: "reporting",
                columns: table => new
                {
                    position_id = table.Column<Guid>(type: "uuid", nullable: false),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    symbol = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    entry_price = table.Column<decimal>(type: "numeric", nullable: false),
                    exit_price = table.Column<decimal>(type: "numeric", nullable: false),
                    entry_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    exit_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trading_date = table.Column<DateOnly>(type: "date", nullable: false),
                    pnl = table.Column<decimal>(type: "numeric", nullable: false),
                    pnl_pct = table.Column<decimal>(type: "numeric", nullable: false),
                    initial_risk = table.Column<decimal>(type: "numeric", nullable: true),
                    r_multiple = table.Column<decimal>(type: "numeric", nullable: true),
                    outcome = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    hold_time_minutes = table.Column<int>(type: "integer", nullable: false),
                    pattern = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    catalyst = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    exit_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trade_journal", x => x.position_id);
                    table.CheckConstraint("ck_trade_journal_outcome", "outcome IN ('win', 'loss', 'scratch')");
                    table.CheckConstraint("ck_trade_journal_quantity", "quantity > 0");
                });

            migrationBuilder.CreateIndex(
                name: "ix_eod_deliveries_report_date_sink",
                schema: "reporting",
                table: "eod_deliveries",
                columns: new[] { "report_date", "sink" });

            migrationBuilder.CreateIndex(
                name: "ix_trade_journal_security_id_trading_date",
                schema: "reporting",
                table: "trade_journal",
                columns: new[] { "security_id", "trading_date" });

            migrationBuilder.CreateIndex(
                name: "ix_trade_journal_trading_date_exit_time",
                schema: "reporting",
                table: "trade_journal",
                columns: new[] { "trading_date", "exit_time" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_reports",
                schema: "reporting");

            migrationBuilder.DropTable(
                name: "eod_deliveries",
                schema: "reporting");

            migrationBuilder.DropTable(
                name: "trade_journal",
                schema: "reporting");
        }
    }
}
