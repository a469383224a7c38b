using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Ports;
using Mediator;

namespace Catalyst.Modules.Pattern.Contracts;

/// <summary>
/// Fetches the symbol's bars (1Min: the previous and the current session; 5Min: three sessions; 1Day: 300 sessions),
/// runs the five detectors, stores every detection and returns them with the best current one. 404 when the market has
/// no bars for the symbol.
/// </summary>
public sealed record DetectPatterns(Symbol Symbol, string Timeframe) : IRequest<PatternAnalysisDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate() => PatternTimeframe.Validate(Timeframe);
}

/// <summary>The detections of the symbol's latest stored run; 404 when none were ever found.</summary>
public sealed record GetLatestPatterns(Symbol Symbol) : IRequest<PatternAnalysisDto>;

/// <summary>
/// Pure: the five detectors over bars the caller supplies (backtest, replay). Nothing is fetched or stored; deterministic.
/// Bars out of time order are sorted first.
/// </summary>
public sealed record DetectPatternsInBars(Symbol Symbol, string Timeframe, IReadOnlyList<Bar> Bars)
    : IRequest<PatternAnalysisDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        foreach (var problem in PatternTimeframe.Validate(Timeframe)) yield return problem;
        if (Bars is null) yield return ("bars", "bars are required");
    }
}

public static class PatternTimeframe
{
    public static IEnumerable<(string Field, string Message)> Validate(string? timeframe)
    {
        if (!BarTimeframes.TryParse(timeframe, out _))
            yield return ("timeframe", $"'{timeframe}' is not a timeframe: use 1Min, 5Min or 1Day");
    }
}

/// <summary>The wire names of the pattern types.</summary>
public static class PatternTypes
{
    public const string BullFlag = "bull_flag";
    public const string CupAndHandle = "cup_and_handle";
    public const string AscendingTriangle = "ascending_triangle";
    public const string Abcd = "abcd";
    public const string OpeningRangeBreakout = "opening_range_breakout";
}

/// <summary>
/// <c>pattern</c> is the §3.3 object for the best current setup (null when nothing recent was found);
/// <c>pattern_score</c> 0–1 is its confidence × recency (1 when the pattern ends within the last 3 bars, falling
/// linearly to 0 at 33 bars back). <c>detections</c> lists everything found in the bars, newest first.
/// </summary>
public sealed record PatternAnalysisDto(
    string Symbol,
    string Timeframe,
    DateTimeOffset DetectedAt,
    int BarCount,
    PatternSummaryDto? Pattern,
    decimal PatternScore,
    IReadOnlyList<PatternDetectionDto> Detections);

/// <summary>The §3.3 <c>pattern</c> object: long setups, so stop &lt; entry &lt; target.</summary>
public sealed record PatternSummaryDto(string Type, decimal Confidence, decimal Entry, decimal Target, decimal Stop);

public sealed record PatternDetectionDto(
    string Type,
    decimal Confidence,
    decimal Entry,
    decimal Target,
    decimal Stop,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    int StartIndex,
    int EndIndex,
    bool VolumeConfirmed,
    IReadOnlyDictionary<string, decimal> Metadata);
