using System.Text.Json.Serialization;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Messaging;
using Mediator;

namespace Catalyst.Modules.News.Contracts;

/// <summary>The catalyst types on the wire (news_sentiment.catalyst_type, §5.5).</summary>
public static class CatalystTypes
{
    public const string Earnings = "earnings";
    public const string Fda = "fda";
    public const string MergerAcquisition = "merger_acquisition";
    public const string Guidance = "guidance";
    public const string AnalystUpgrade = "analyst_upgrade";
    public const string AnalystDowngrade = "analyst_downgrade";
    public const string ContractPartnership = "contract_partnership";
    public const string OfferingDilution = "offering_dilution";
    public const string LegalRegulatory = "legal_regulatory";
    public const string Product = "product";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All =
    [
        Earnings, Fda, MergerAcquisition, Guidance, AnalystUpgrade, AnalystDowngrade, ContractPartnership,
        OfferingDilution, LegalRegulatory, Product, Other,
    ];
}

/// <summary>
/// Fetches news published since <paramref name="Since"/> from the news port, scores and stores what is new.
/// Returns how many news rows (article × symbol) were added; already-stored articles count zero, so it is safe to
/// send before every scan.
/// </summary>
public sealed record IngestNews(DateTimeOffset Since) : IRequest<int>;

/// <summary>§5.5 GET /api/v1/news/recent. Empty <paramref name="Symbols"/> means every symbol.</summary>
public sealed record GetRecentNews(IReadOnlyList<string> Symbols, int Hours = 24, double MinSentiment = 0.5)
    : IRequest<RecentNewsResponse>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        foreach (var s in Symbols ?? [])
        {
            if (!Symbol.TryParse(s, out _))
                yield return ("symbols", $"'{s}' is not a valid symbol.");
        }
        if (Hours is < 1 or > 168) yield return ("hours", "hours must be between 1 and 168.");
        if (double.IsNaN(MinSentiment) || MinSentiment is < -1 or > 1)
            yield return ("min_sentiment", "min_sentiment must be between -1 and 1.");
    }
}

public sealed record RecentNewsResponse(int NewsCount, IReadOnlyList<NewsItemDto> NewsItems);

public sealed record NewsItemDto(Guid NewsId, string Symbol, string Headline, DateTimeOffset PublishedAt,
    double SentimentScore, string SentimentLabel, string CatalystType, double CatalystStrength, string Source, string? Url);

/// <summary>§5.5 GET /api/v1/news/catalyst-scan: symbols with news of at least the given strength, strongest first.</summary>
public sealed record GetCatalystScan(decimal MinCatalystStrength = 0.7m, int Hours = 12, int Limit = 50)
    : IRequest<CatalystScanResponse>, IValidatable
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (MinCatalystStrength is < 0 or > 1)
            yield return ("min_catalyst_strength", "min_catalyst_strength must be between 0 and 1.");
        if (Hours is < 1 or > 168) yield return ("hours", "hours must be between 1 and 168.");
        if (Limit is < 1 or > 200) yield return ("limit", "limit must be between 1 and 200.");
    }
}

/// <summary><paramref name="SymbolsWithCatalysts"/> counts every matching symbol, even those cut by the limit.</summary>
public sealed record CatalystScanResponse(int SymbolsWithCatalysts, IReadOnlyList<SymbolCatalystsDto> Catalysts);

public sealed record SymbolCatalystsDto(string Symbol, int CatalystCount, StrongestCatalystDto StrongestCatalyst);

public sealed record StrongestCatalystDto(string Headline, string CatalystType, double CatalystStrength, double SentimentScore);

/// <summary>Published (in-process and on Redis "news:new_catalyst") when stored news reaches the catalyst threshold.</summary>
public sealed record NewCatalystDetected(Guid NewsId, string Symbol, long SecurityId, string Headline, string CatalystType,
    double CatalystStrength, double SentimentScore, string SentimentLabel, string Source, DateTimeOffset PublishedAt)
    : IIntegrationEvent
{
    public const string ChannelName = "news:new_catalyst";

    [JsonIgnore]
    public string Channel => ChannelName;
}
