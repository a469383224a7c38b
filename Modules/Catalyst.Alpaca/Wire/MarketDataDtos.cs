using System.Text.Json.Serialization;

namespace Catalyst.Alpaca.Wire;

// Shapes of Market Data v2 and the v1beta1 screener/news (reference/alpaca/market-data-api.json). Prices are numbers here.

internal sealed class BarDto
{
    [JsonPropertyName("t")] public DateTimeOffset Time { get; set; }
    [JsonPropertyName("o")] public decimal Open { get; set; }
    [JsonPropertyName("h")] public decimal High { get; set; }
    [JsonPropertyName("l")] public decimal Low { get; set; }
    [JsonPropertyName("c")] public decimal Close { get; set; }
    [JsonPropertyName("v")] public long Volume { get; set; }
    [JsonPropertyName("n")] public long TradeCount { get; set; }
    [JsonPropertyName("vw")] public decimal? Vwap { get; set; }
}

internal sealed class BarsPageDto
{
    public Dictionary<string, List<BarDto>>? Bars { get; set; }
    public string? NextPageToken { get; set; }
}

internal sealed class TradeDto
{
    [JsonPropertyName("t")] public DateTimeOffset Time { get; set; }
    [JsonPropertyName("p")] public decimal Price { get; set; }
    [JsonPropertyName("s")] public long Size { get; set; }
}

internal sealed class QuoteDto
{
    [JsonPropertyName("t")] public DateTimeOffset Time { get; set; }
    [JsonPropertyName("bp")] public decimal BidPrice { get; set; }
    [JsonPropertyName("bs")] public long BidSize { get; set; }
    [JsonPropertyName("ap")] public decimal AskPrice { get; set; }
    [JsonPropertyName("as")] public long AskSize { get; set; }
}

/// <summary>GET /v2/stocks/snapshots answers a map keyed by symbol of these, with camelCase member names.</summary>
internal sealed class SnapshotDto
{
    [JsonPropertyName("latestTrade")] public TradeDto? LatestTrade { get; set; }
    [JsonPropertyName("latestQuote")] public QuoteDto? LatestQuote { get; set; }
    [JsonPropertyName("minuteBar")] public BarDto? MinuteBar { get; set; }
    [JsonPropertyName("dailyBar")] public BarDto? DailyBar { get; set; }
    [JsonPropertyName("prevDailyBar")] public BarDto? PrevDailyBar { get; set; }
}

internal sealed class MostActivesDto
{
    public List<MostActiveDto>? MostActives { get; set; }
}

internal sealed class MostActiveDto
{
    public string Symbol { get; set; } = "";
    public long Volume { get; set; }
    public long TradeCount { get; set; }
}

internal sealed class MoversDto
{
    public List<MoverDto>? Gainers { get; set; }
    public List<MoverDto>? Losers { get; set; }
}

internal sealed class MoverDto
{
    public string Symbol { get; set; } = "";
    public decimal PercentChange { get; set; }
    public decimal Change { get; set; }
    public decimal Price { get; set; }
}

internal sealed class NewsPageDto
{
    public List<NewsDto>? News { get; set; }
    public string? NextPageToken { get; set; }
}

/// <summary>A news article, from REST or (with "T":"n") from the news stream.</summary>
internal sealed class NewsDto
{
    public long Id { get; set; }
    public string Headline { get; set; } = "";
    public string? Summary { get; set; }
    public string? Author { get; set; }
    public string? Source { get; set; }
    public string? Url { get; set; }
    public List<string>? Symbols { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
