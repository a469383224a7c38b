using System.Text.Json.Serialization;
using Catalyst.SharedKernel.Messaging;
using Mediator;

namespace Catalyst.Modules.Scanner.Contracts;

// The Scanner module's public surface. Scanner owns this file: it may add members and messages, but must not rename or
// remove the ones below without updating every caller (Workflow, Orchestration).

/// <summary>
/// Runs the funnel now (POST /api/v1/scan/start and the Workflow's schedule). Throws ConflictException while a scan runs.
/// <paramref name="CycleId"/> ties the scan to a trading cycle (null for on-demand scans outside a cycle).
/// </summary>
public sealed record RunScan(Guid? CycleId = null) : IRequest<ScanResultDto>;

/// <summary>§5.1 GET /api/v1/scan/latest. Throws NotFoundException when no scan exists.</summary>
public sealed record GetLatestScan(int TopN = 5, Guid? CycleId = null) : IRequest<ScanResultDto>;

/// <summary>GET /api/v1/scan/{scan_id}.</summary>
public sealed record GetScan(Guid ScanId) : IRequest<ScanResultDto>;

/// <summary>The latest scan's candidates; ActiveOnly → the final top five.</summary>
public sealed record GetCandidates(bool ActiveOnly) : IRequest<IReadOnlyList<CandidateDto>>;

/// <summary>§3.3 market-scan/candidates/{symbol}. Throws NotFoundException when the symbol is not in the latest scan.</summary>
public sealed record GetCandidateAnalysis(string Symbol) : IRequest<CandidateAnalysisDto>;

/// <summary>§5.1 scan body. Fewer than five candidates on a quiet day is normal; <paramref name="Note"/> says so.</summary>
public sealed record ScanResultDto(Guid ScanId, Guid? CycleId, DateTimeOffset Timestamp, int UniverseSize,
    IReadOnlyDictionary<string, int> FunnelCounts, IReadOnlyList<CandidateDto> Candidates, string? Note);

public sealed record CandidateDto(string Symbol, int Rank, decimal FinalScore, decimal CatalystScore, decimal TechnicalScore,
    decimal PatternScore, decimal Price, decimal? GapPct, decimal? RelativeVolume, long Volume, string? CatalystType,
    string? Headline, string? Pattern, decimal? Entry, decimal? Target, decimal? Stop);

/// <summary>§3.3 candidate analysis (Scanner owns the exact fields; risk_assessment comes from Risk's ValidateTrade).</summary>
public sealed record CandidateAnalysisDto(string Symbol, CandidateDto Candidate, object? Technical, object? Pattern,
    object? Catalyst, object? RiskAssessment);

/// <summary>Published after each scan (channel "scan:completed").</summary>
public sealed record ScanCompleted(Guid ScanId, Guid? CycleId, IReadOnlyList<string> Symbols, DateTimeOffset Timestamp)
    : IIntegrationEvent
{
    public const string ChannelName = "scan:completed";

    [JsonIgnore]
    public string Channel => ChannelName;
}

/// <summary>GET /api/v1/scan/criteria: the criteria the next scan uses.</summary>
public sealed record GetScanCriteria : IRequest<ScanCriteriaDto>;

/// <summary>
/// PUT /api/v1/scan/criteria and the update_scan_criteria MCP tool: only the fields given change; the result is
/// validated as a whole (ValidationException naming the field, e.g. min_price &gt; max_price) and applies from the next scan.
/// </summary>
public sealed record UpdateScanCriteria(decimal? MinPrice = null, decimal? MaxPrice = null, long? MinVolume = null,
    decimal? MinRelativeVolume = null, decimal? MinGapPct = null, bool? NewsRequired = null, int? UniverseSize = null)
    : IRequest<ScanCriteriaDto>;

public sealed record ScanCriteriaDto(decimal MinPrice, decimal MaxPrice, long MinVolume, decimal MinRelativeVolume,
    decimal MinGapPct, bool NewsRequired, int UniverseSize);
