using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalyst.Modules.Scanner.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PatternTimeframe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "pattern_timeframe",
                schema: "scanner",
                table: "scan_results",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "pattern_timeframe",
                schema: "scanner",
                table: "scan_results");
        }
    }
}
