using System.Text.Json.Serialization;
using Catalyst.SharedKernel.Messaging;
using Mediator;

namespace Catalyst.Modules.Scanner.Contracts;

// The Scanner module's public surface. Scanner owns this file: it may add members and messages, but must not rename or
// remove the ones below without updating every caller (Workflow, Orchestration).

/// <summary>
/// Runs the funnel now (POST /api/v1/scan/start and the Workflow's schedule) and returns the completed scan: universe →
/// catalyst filter → technical filter → pattern confirmation → the final five. Throws ConflictException
/// ("SCAN_IN_PROGRESS", 409) while another scan runs in this Host. <paramref name="CycleId"/> ties the scan to a trading
/// cycle (null for on-demand scans outside a cycle). <paramref name="Filters"/> overrides the stored criteria for this
/// scan only (the §5.1 "filters" body); null fields keep the stored values.
/// </summary>
public sealed record RunScan(Guid? CycleId = null, ScanCriteriaPatch? Filters = null) : IRequest<ScanResultDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate() =>
        Filters is null ? [] : Filters.Validate().Select(p => ("filters." + p.Field, p.Message));
}

/// <summary>
/// §5.1 GET /api/v1/scan/latest: the latest scan's ranked candidates, best first (ranks 1–5 are the final five; a larger
/// <paramref name="TopN"/> adds the runners-up that passed every filter but missed the cut). With
/// <paramref name="CycleId"/>, the latest scan of that cycle. Throws NotFoundException when no scan exists.
/// </summary>
public sealed record GetLatestScan(int TopN = 5, Guid? CycleId = null) : IRequest<ScanResultDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (TopN is < 1 or > 20) yield return ("top_n", "top_n must be between 1 and 20.");
    }
}

/// <summary>
/// GET /api/v1/scan/{id}: the scan with this scan id, else the latest scan of the trading cycle with this id (§2.2.2
/// names the route by cycle id). Candidates as in <see cref="GetLatestScan"/> with top_n 20. NotFoundException otherwise.
/// </summary>
public sealed record GetScan(Guid ScanId) : IRequest<ScanResultDto>;

/// <summary>
/// The latest scan's candidates; ActiveOnly → the final top five. Every symbol of the universe otherwise, each with the
/// stage it reached and why it was dropped. An empty list when no scan has run yet (the REST routes answer 404).
/// </summary>
public sealed record GetCandidates(bool ActiveOnly) : IRequest<IReadOnlyList<CandidateDto>>;

/// <summary>
/// GET /api/v1/candidates and /api/v1/candidates/active: <see cref="GetCandidates"/> with the scan it came from.
/// Throws NotFoundException when no scan exists.
/// </summary>
public sealed record GetCandidateList(bool ActiveOnly) : IRequest<CandidateListDto>;

/// <summary>
/// §3.3 market-scan/candidates/{symbol}: the symbol's catalyst, technical, pattern and (from Risk's ValidateTrade) risk
/// assessment in the latest scan. Any symbol of the latest scan's universe is answered, dropped ones with the reason.
/// Throws NotFoundException when the symbol is not in the latest scan, ValidationException when it is not a symbol.
/// </summary>
public sealed record GetCandidateAnalysis(string Symbol) : IRequest<CandidateAnalysisDto>;

/// <summary>GET /api/v1/scan/criteria: the criteria the next scan uses.</summary>
public sealed record GetScanCriteria : IRequest<ScanCriteriaDto>;

/// <summary>
/// PUT /api/v1/scan/criteria (MCP update_scan_criteria): changes the given fields, keeps the others, stores the result
/// (every change is kept as history) and returns it. ValidationException (400) naming the field on a bad value or when
/// min_price would exceed max_price.
/// </summary>
public sealed record UpdateScanCriteria(ScanCriteriaPatch Changes, string? ChangedBy = null) : IRequest<ScanCriteriaDto>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate() =>
        Changes is null ? [("body", "the criteria to change are required")] : Changes.Validate();
}

/// <summary>
/// The scan criteria. Prices in dollars; <c>min_volume</c> in shares traded today so far (pre-market included);
/// <c>min_relative_volume</c> is today's volume so far over the average volume expected by this time of day (20-day
/// average daily volume × the usual share of a day traded by now); <c>min_gap_pct</c> is the percent change from the
/// previous close to the current price; <c>news_required</c>: the catalyst filter drops names without a catalyst that is not bad news (sentiment ≥ -0.2, not a dilution or downgrade)
/// stronger than <c>min_catalyst_strength</c> published within <c>catalyst_lookback_hours</c>. <c>weights</c> make
/// final_score (they sum to 1).
/// </summary>
public sealed record ScanCriteriaDto(
    decimal MinPrice,
    decimal MaxPrice,
    long MinVolume,
    decimal MinRelativeVolume,
    decimal MinGapPct,
    bool NewsRequired,
    int UniverseSize,
    decimal MinCatalystStrength,
    int CatalystLookbackHours,
    decimal MinTechnicalScore,
    decimal MinPatternScore,
    ScoreWeightsDto Weights,
    DateTimeOffset? UpdatedAt = null,
    string? UpdatedBy = null);

/// <summary>final_score = catalyst × catalyst_score + technical × technical_score + pattern × pattern_score.</summary>
public sealed record ScoreWeightsDto(decimal Catalyst, decimal Technical, decimal Pattern);

/// <summary>
/// A partial change of the criteria: null fields are left as they are. <c>catalyst_required</c> is v4.1's name for
/// <c>news_required</c> (MCP update_scan_criteria); when both are given, news_required wins.
/// </summary>
public sealed record ScanCriteriaPatch(
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    long? MinVolume = null,
    decimal? MinRelativeVolume = null,
    decimal? MinGapPct = null,
    bool? NewsRequired = null,
    int? UniverseSize = null,
    decimal? MinCatalystStrength = null,
    int? CatalystLookbackHours = null,
    decimal? MinTechnicalScore = null,
    decimal? MinPatternScore = null,
    ScoreWeightsDto? Weights = null,
    bool? CatalystRequired = null)
{
    /// <summary>Each field on its own (ranges); the merged criteria are checked again (min_price ≤ max_price).</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (MinPrice is < 0 or > ScanCriteriaRules.MaxPriceLimit)
            yield return ("min_price", $"min_price must be between 0 and {ScanCriteriaRules.MaxPriceLimit}.");
        if (MaxPrice is <= 0 or > ScanCriteriaRules.MaxPriceLimit)
            yield return ("max_price", $"max_price must be above 0 and at most {ScanCriteriaRules.MaxPriceLimit}.");
        if (MinPrice is { } min && MaxPrice is { } max && min > max)
            yield return ("min_price", $"min_price ({min}) must not be above max_price ({max}).");
        if (MinVolume is < 0) yield return ("min_volume", "min_volume must not be negative.");
        if (MinRelativeVolume is < 0 or > 1000)
            yield return ("min_relative_volume", "min_relative_volume must be between 0 and 1000.");
        if (MinGapPct is < -100 or > 1000) yield return ("min_gap_pct", "min_gap_pct must be between -100 and 1000.");
        if (UniverseSize is < ScanCriteriaRules.MinUniverse or > ScanCriteriaRules.MaxUniverse)
            yield return ("universe_size",
                $"universe_size must be between {ScanCriteriaRules.MinUniverse} and {ScanCriteriaRules.MaxUniverse}.");
        if (MinCatalystStrength is < 0 or > 1)
            yield return ("min_catalyst_strength", "min_catalyst_strength must be between 0 and 1.");
        if (CatalystLookbackHours is < 1 or > 168)
            yield return ("catalyst_lookback_hours", "catalyst_lookback_hours must be between 1 and 168.");
        if (MinTechnicalScore is < 0 or > 1) yield return ("min_technical_score", "min_technical_score must be between 0 and 1.");
        if (MinPatternScore is < 0 or > 1) yield return ("min_pattern_score", "min_pattern_score must be between 0 and 1.");
        if (Weights is not null)
            foreach (var problem in ScanCriteriaRules.ValidateWeights(Weights)) yield return problem;
    }
}

public static class ScanCriteriaRules
{
    public const decimal MaxPriceLimit = 100_000m;
    public const int MinUniverse = 10;
    public const int MaxUniverse = 200;

    /// <summary>The final stage keeps this many (§2.2.2: 100 → 35 → 20 → 10 → 5).</summary>
    public const int FinalCount = 5;

    public static IEnumerable<(string Field, string Message)> ValidateWeights(ScoreWeightsDto? weights)
    {
        if (weights is null)
        {
            yield return ("weights", "weights are required.");
            yield break;
        }
        if (weights.Catalyst is < 0 or > 1) yield return ("weights.catalyst", "weights.catalyst must be between 0 and 1.");
        if (weights.Technical is < 0 or > 1) yield return ("weights.technical", "weights.technical must be between 0 and 1.");
        if (weights.Pattern is < 0 or > 1) yield return ("weights.pattern", "weights.pattern must be between 0 and 1.");
        var sum = weights.Catalyst + weights.Technical + weights.Pattern;
        if (Math.Abs(sum - 1m) > 0.0001m)
            yield return ("weights", $"weights must sum to 1 (catalyst + technical + pattern = {sum}).");
    }
}

/// <summary>
/// One scan. <c>funnel_counts</c> holds how many symbols entered each stage, in order: universe, catalyst, technical,
/// pattern, final. <c>candidates</c> are the ranked symbols that passed every filter (the final five first). Fewer than
/// five candidates on a quiet day is normal; <paramref name="Note"/> says so.
/// </summary>
public sealed record ScanResultDto(Guid ScanId, Guid? CycleId,
    [property: JsonPropertyName("scan_timestamp")] DateTimeOffset Timestamp, int UniverseSize,
    IReadOnlyDictionary<string, int> FunnelCounts, IReadOnlyList<CandidateDto> Candidates, string? Note,
    string Status = "completed", DateTimeOffset? CompletedAt = null, long? DurationMs = null, ScanCriteriaDto? Criteria = null)
{
    /// <summary>§5.1 candidates_count: how many candidates this answer lists.</summary>
    public int CandidatesCount => Candidates.Count;
}

/// <summary>
/// A symbol in a scan (§3.3 market-scan/latest candidate). <c>stage</c> is the last stage it reached (universe,
/// catalyst, technical, pattern, final); <c>dropped_at</c> and <c>drop_reason</c> say where and why it left the
/// funnel (null for the final five). Scores are 0–1; final_score is the weighted sum. <c>gap_pct</c> is the change from
/// the previous close in percent; <c>volume</c> is today's volume so far.
/// </summary>
public sealed record CandidateDto(string Symbol, int Rank, decimal FinalScore, decimal CatalystScore, decimal TechnicalScore,
    decimal PatternScore, decimal Price, decimal? GapPct, decimal? RelativeVolume, long Volume, string? CatalystType,
    string? Headline, string? Pattern, decimal? Entry, decimal? Target, decimal? Stop,
    decimal? Support = null, decimal? Resistance = null, decimal? CatalystStrength = null, decimal? Sentiment = null,
    string? UniverseReason = null, string Stage = ScanStages.Final, string? DroppedAt = null, string? DropReason = null,
    bool Selected = false)
{
    /// <summary>§3.3 news_catalyst: the headline of the catalyst that scored.</summary>
    public string? NewsCatalyst => Headline;
}

/// <summary>Stage names, in funnel order.</summary>
public static class ScanStages
{
    public const string Universe = "universe";
    public const string Catalyst = "catalyst";
    public const string Technical = "technical";
    public const string Pattern = "pattern";
    public const string Final = "final";

    public static readonly IReadOnlyList<string> All = [Universe, Catalyst, Technical, Pattern, Final];
}

/// <summary>The candidates of one scan (GET /api/v1/candidates; /active lists only the final five).</summary>
public sealed record CandidateListDto(Guid ScanId, Guid? CycleId, DateTimeOffset ScanTimestamp, int Total,
    IReadOnlyList<CandidateDto> Candidates);

/// <summary>
/// §3.3 candidate analysis. Runtime types: <c>Catalyst</c> is <see cref="CandidateCatalystDto"/>, <c>Technical</c>
/// <see cref="CandidateTechnicalDto"/>, <c>Pattern</c> <see cref="CandidatePatternDto"/>, <c>RiskAssessment</c>
/// <see cref="RiskAssessmentDto"/>; each is null when the scan has none (no news, not evaluated, no pattern, Risk
/// unavailable).
/// </summary>
public sealed record CandidateAnalysisDto(string Symbol, CandidateDto Candidate, object? Technical, object? Pattern,
    object? Catalyst, object? RiskAssessment, Guid? ScanId = null, DateTimeOffset? ScanTimestamp = null);

/// <summary>§3.3 catalyst: the strongest news that is not bad news (or the strongest bad news when there is only that).</summary>
public sealed record CandidateCatalystDto(string Headline, decimal Sentiment, string CatalystType, decimal CatalystStrength,
    string? Source, DateTimeOffset? PublishedAt);

/// <summary>§3.3 technical, from the intraday (1Min) indicators the scan scored; support/resistance nearest the price.</summary>
public sealed record CandidateTechnicalDto(
    decimal Price,
    [property: JsonPropertyName("sma_20")] decimal? Sma20,
    [property: JsonPropertyName("sma_50")] decimal? Sma50,
    [property: JsonPropertyName("ema_9")] decimal? Ema9,
    [property: JsonPropertyName("rsi_14")] decimal? Rsi14,
    [property: JsonPropertyName("atr_14")] decimal? Atr14,
    decimal? Vwap,
    decimal? MacdHistogram,
    decimal? VolumeRatio,
    decimal? Support,
    decimal? Resistance,
    decimal TechnicalScore,
    string Timeframe);

/// <summary>§3.3 pattern: the best current long setup (stop &lt; entry &lt; target) on the 1Min or 5Min chart.</summary>
public sealed record CandidatePatternDto(string Type, decimal Confidence, decimal Entry, decimal Target, decimal Stop,
    decimal PatternScore, string? Timeframe = null);

/// <summary>
/// §3.3 risk_assessment from Risk's ValidateTrade for a long entry at the pattern's entry (else the price) with the
/// pattern's stop and target. reward_potential = position_size × (target − entry); risk_reward_ratio =
/// (target − entry) / (entry − stop). Rejected: approved false, position_size 0, reason says why.
/// </summary>
public sealed record RiskAssessmentDto(bool Approved, decimal PositionSize, decimal RiskAmount, decimal RewardPotential,
    decimal? RiskRewardRatio, decimal? StopLoss, decimal? TakeProfit, string? Reason);

/// <summary>Published after each scan (channel "scan:completed"). <paramref name="Symbols"/> are the final candidates, best first.</summary>
public sealed record ScanCompleted(Guid ScanId, Guid? CycleId, IReadOnlyList<string> Symbols, DateTimeOffset Timestamp)
    : IIntegrationEvent
{
    public const string ChannelName = "scan:completed";

    [JsonIgnore]
    public string Channel => ChannelName;
}
