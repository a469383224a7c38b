using System.Text.Json.Serialization;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Ports;
using Mediator;

namespace Catalyst.Modules.Technical.Contracts;

/// <summary>
/// Fetches the symbol's bars from the market-data port (1Min/5Min: the current session so far plus the previous
/// sessions the 200-bar average needs; 1Day: the last 300 sessions), computes every indicator, stores the snapshot and
/// its support/resistance levels, and caches it for five minutes. 404 when the market has no bars for the symbol.
/// </summary>
public sealed record AnalyzeIndicators(Symbol Symbol, string Timeframe) : IRequest<TechnicalIndicatorsDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate() => TimeframeRule.Validate(Timeframe);
}

/// <summary>
/// The latest snapshot for the symbol and timeframe when it is under five minutes old (cache, then database); otherwise
/// computed now, as <see cref="AnalyzeIndicators"/> does.
/// </summary>
public sealed record GetLatestIndicators(Symbol Symbol, string Timeframe) : IRequest<TechnicalIndicatorsDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate() => TimeframeRule.Validate(Timeframe);
}

/// <summary>
/// Pure: the indicators over bars the caller supplies (a backtest, a replay). Nothing is fetched, stored or cached.
/// Bars out of time order are sorted first. 400 (field "bars") when there are none.
/// </summary>
public sealed record CalculateIndicators(Symbol Symbol, string Timeframe, IReadOnlyList<Bar> Bars)
    : IRequest<TechnicalIndicatorsDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        foreach (var problem in TimeframeRule.Validate(Timeframe)) yield return problem;
        if (Bars is null || Bars.Count == 0) yield return ("bars", "at least one bar is required");
    }
}

public static class TimeframeRule
{
    public const string Allowed = "1Min, 5Min or 1Day";

    public static IEnumerable<(string Field, string Message)> Validate(string? timeframe)
    {
        if (!BarTimeframes.TryParse(timeframe, out _))
            yield return ("timeframe", $"'{timeframe}' is not a timeframe: use {Allowed}");
    }
}

/// <summary>
/// The §3.3 <c>technical</c> object (price, sma_20, sma_50, rsi_14, atr_14, support, resistance) plus every other
/// indicator. Null where an indicator has too few bars (e.g. sma_200 on a short history).
/// </summary>
public sealed record TechnicalIndicatorsDto(
    string Symbol,
    string Timeframe,
    DateTimeOffset ComputedAt,
    DateTimeOffset BarTime,
    int BarCount,
    decimal Price,
    [property: JsonPropertyName("sma_20")] decimal? Sma20,
    [property: JsonPropertyName("sma_50")] decimal? Sma50,
    [property: JsonPropertyName("sma_200")] decimal? Sma200,
    [property: JsonPropertyName("ema_9")] decimal? Ema9,
    [property: JsonPropertyName("ema_21")] decimal? Ema21,
    [property: JsonPropertyName("rsi_14")] decimal? Rsi14,
    [property: JsonPropertyName("atr_14")] decimal? Atr14,
    MacdDto Macd,
    BollingerDto Bollinger,
    decimal Obv,
    decimal? VolumeRatio,
    decimal? Vwap,
    decimal? Support,
    decimal? Resistance,
    IReadOnlyList<PriceLevelDto> Levels,
    decimal TechnicalScore);

public sealed record MacdDto(decimal? Macd, decimal? Signal, decimal? Histogram);

public sealed record BollingerDto(decimal? Upper, decimal? Middle, decimal? Lower);

/// <summary>A support or resistance level: kind is "support" (below the price) or "resistance"; strength 0–1.</summary>
public sealed record PriceLevelDto(decimal Price, string Kind, int Touches, decimal Strength);
