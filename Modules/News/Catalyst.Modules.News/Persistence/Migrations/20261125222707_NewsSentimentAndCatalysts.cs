using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Catalyst.Modules.News.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NewsSentimentAndCatalysts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "news");

            migrationBuilder.CreateTable(
                name: "news_sentiment",
                schema: "news",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_article_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    headline = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    summary = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    sentiment_score = table.Column<double>(type: "double precision", nullable: false),
                    sentiment_label = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    probability_bearish = table.Column<float>(type: "real", nullable: false),
                    probability_bullish = table.Column<float>(type: "real", nullable: false),
                    probability_neutral = table.Column<float>(type: "real", nullable: false),
                    sentiment_model = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    catalyst_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    catalyst_strength = table.Column<double>(type: "double precision", nullable: false),
                    source_reliability = table.Column<double>(type: "double precision", nullable: false),
                    ingested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_news_sentiment", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "source_reliability",
                schema: "news",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reliability = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_reliability", x => x.source);
                    table.CheckConstraint("ck_source_reliability_range", "reliability >= 0 AND reliability <= 1");
                });

            migrationBuilder.CreateTable(
                name: "catalyst_events",
                schema: "news",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    news_id = table.Column<Guid>(type: "uuid", nullable: false),
                    security_id = table.Column<long>(type: "bigint", nullable: false),
                    catalyst_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    catalyst_strength = table.Column<double>(type: "double precision", nullable: false),
                    sentiment_score = table.Column<double>(type: "double precision", nullable: false),
                    headline = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalyst_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalyst_events_news_sentiment_news_id",
                        column: x => x.news_id,
                        principalSchema: "news",
                        principalTable: "news_sentiment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "news",
                table: "source_reliability",
                columns: new[] { "source", "display_name", "reliability" },
                values: new object[,]
                {
                    { "accesswire", "Accesswire", 0.69999999999999996 },
                    { "associated press", "Associated Press", 0.90000000000000002 },
                    { "barron's", "Barron's", 0.84999999999999998 },
                    { "benzinga", "Benzinga", 0.84999999999999998 },
                    { "blog", "Blog", 0.29999999999999999 },
                    { "bloomberg", "Bloomberg", 0.94999999999999996 },
                    { "business wire", "Business Wire", 0.80000000000000004 },
                    { "cnbc", "CNBC", 0.84999999999999998 },
                    { "dow jones", "Dow Jones", 0.92000000000000004 },
                    { "financial times", "Financial Times", 0.90000000000000002 },
                    { "globenewswire", "GlobeNewswire", 0.80000000000000004 },
                    { "marketwatch", "MarketWatch", 0.80000000000000004 },
                    { "motley fool", "Motley Fool", 0.55000000000000004 },
                    { "nasdaq", "Nasdaq", 0.75 },
                    { "pr newswire", "PR Newswire", 0.80000000000000004 },
                    { "reddit", "Reddit", 0.25 },
                    { "reuters", "Reuters", 0.94999999999999996 },
                    { "rumor", "Rumor", 0.20000000000000001 },
                    { "seeking alpha", "Seeking Alpha", 0.59999999999999998 },
                    { "simulated newswire", "Simulated Newswire", 0.84999999999999998 },
                    { "stocktwits", "StockTwits", 0.25 },
                    { "the wall street journal", "The Wall Street Journal", 0.92000000000000004 },
                    { "twitter", "Twitter", 0.29999999999999999 },
                    { "yahoo finance", "Yahoo Finance", 0.69999999999999996 },
                    { "zacks", "Zacks", 0.59999999999999998 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalyst_events_news_id",
                schema: "news",
                table: "catalyst_events",
                column: "news_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalyst_events_published_at",
                schema: "news",
                table: "catalyst_events",
                column: "published_at");

            migrationBuilder.CreateIndex(
                name: "ix_catalyst_events_security_id_published_at",
                schema: "news",
                table: "catalyst_events",
                columns: new[] { "security_id", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_news_sentiment_published_at",
                schema: "news",
                table: "news_sentiment",
                column: "published_at");

            migrationBuilder.CreateIndex(
                name: "ix_news_sentiment_security_id_published_at",
                schema: "news",
                table: "news_sentiment",
                columns: new[] { "security_id", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_news_sentiment_source_article_id_security_id",
                schema: "news",
                table: "news_sentiment",
                columns: new[] { "source_article_id", "security_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalyst_events",
                schema: "news");

            migrationBuilder.DropTable(
                name: "source_reliability",
                schema: "news");

            migrationBuilder.DropTable(
                name: "news_sentiment",
                schema: "news");
        }
    }
}
