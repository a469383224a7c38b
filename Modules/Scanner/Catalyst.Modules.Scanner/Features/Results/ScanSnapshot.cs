using System.Text.Json;
using System.Text.Json.Serialization;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Scanner.Domain;
using Catalyst.Modules.Scanner.Persistence;
using Catalyst.SharedKernel.Serialization;

namespace Catalyst.Modules.Scanner.Features.Results;

/// <summary>A stored scan as the read side serves it (and as it is cached in Redis): the header and every symbol.</summary>
internal sealed record ScanSnapshot(
    Guid ScanId,
    Guid? CycleId,
    DateTimeOffset ScanTimestamp,
    DateTimeOffset CompletedAt,
    long DurationMs,
    int UniverseSize,
    IReadOnlyDictionary<string, int> FunnelCounts,
    string? Note,
    ScanCriteriaDto? Criteria,
    IReadOnlyList<StoredCandidate> Symbols)
{
    /// <summary>Ranked symbols that passed every filter, the final five first.</summary>
    [JsonIgnore]
    public IEnumerable<StoredCandidate> Ranked => Symbols
        .Where(s => s.Candidate.Stage is ScanStages.Final or ScanStages.Pattern)
        .OrderBy(s => s.Candidate.Rank);

    public ScanResultDto ToResult(int topN) => new(ScanId, CycleId, ScanTimestamp, UniverseSize, FunnelCounts,
        Ranked.Take(topN).Select(s => s.Candidate).ToList(), Note, "completed", CompletedAt, DurationMs, Criteria);

    public StoredCandidate? Find(string symbol) =>
        Symbols.FirstOrDefault(s => string.Equals(s.Candidate.Symbol, symbol, StringComparison.Ordinal));
}

/// <summary>One symbol of a stored scan with the §3.3 details behind its scores.</summary>
internal sealed record StoredCandidate(CandidateDto Candidate, CandidateCatalystDto? Catalyst, CandidateTechnicalDto? Technical,
    CandidatePatternDto? Pattern, string? DropCode);

internal static class ScanMapping
{
    public static IReadOnlyDictionary<string, int> Counts(ScanRow r) => new Dictionary<string, int>
    {
        [ScanStages.Universe] = r.UniverseCount,
        [ScanStages.Catalyst] = r.CatalystCount,
        [ScanStages.Technical] = r.TechnicalCount,
        [ScanStages.Pattern] = r.PatternCount,
        [ScanStages.Final] = r.FinalCount,
    };

    public static ScanSnapshot ToSnapshot(ScanRow scan, IEnumerable<ScanResultRow> rows) => new(scan.Id, scan.CycleId,
        scan.ScanTimestamp, scan.CompletedAt, scan.DurationMs, scan.UniverseSize, Counts(scan), scan.Note,
        JsonSerializer.Deserialize<ScanCriteriaDto>(scan.Criteria, WireJson.Options),
        rows.OrderBy(r => r.Rank).Select(ToStored).ToList());

    public static StoredCandidate ToStored(ScanResultRow r)
    {
        var candidate = new CandidateDto(r.Symbol, r.Rank, r.FinalScore, r.CatalystScore, r.TechnicalScore, r.PatternScore,
            r.Price ?? 0m, r.GapPct, r.RelativeVolume, r.Volume, r.CatalystType, r.Headline, r.PatternType, r.Entry, r.Target,
            r.Stop, r.Support, r.Resistance, r.CatalystStrength, r.Sentiment, r.UniverseReason, r.Stage, r.DroppedAt,
            r.DropReason, r.Selected);
        var catalyst = r.Headline is null || r.CatalystType is null
            ? null
            : new CandidateCatalystDto(r.Headline, r.Sentiment ?? 0m, r.CatalystType, r.CatalystStrength ?? 0m, r.NewsSource,
                r.NewsPublishedAt);
        var technical = r.Timeframe is null
            ? null
            : new CandidateTechnicalDto(r.Price ?? 0m, r.Sma20, r.Sma50, r.Ema9, r.Rsi14, r.Atr14, r.Vwap, r.MacdHistogram,
                r.VolumeRatio, r.Support, r.Resistance, r.TechnicalScore, r.Timeframe);
        var pattern = r.PatternType is null || r.Entry is null || r.Target is null || r.Stop is null
            ? null
            : new CandidatePatternDto(r.PatternType, r.PatternConfidence ?? 0m, r.Entry.Value, r.Target.Value, r.Stop.Value,
                r.PatternScore, r.PatternTimeframe);
        return new StoredCandidate(candidate, catalyst, technical, pattern, r.DropCode);
    }

    public static ScanResultRow ToRow(Guid scanId, SymbolScan s)
    {
        var t = s.Technical;
        var p = s.Pattern?.Pattern;
        return new ScanResultRow
        {
            ScanId = scanId,
            SecurityId = s.SecurityId,
            Symbol = s.Symbol.Value,
            Rank = s.Rank,
            Stage = s.Stage,
            Selected = s.Selected,
            DroppedAt = s.DroppedAt,
            DropCode = s.DropCode,
            DropReason = Truncate(s.DropReason, 1000),
            UniverseReason = s.UniverseReason,
            Price = s.Price,
            PreviousClose = s.PreviousClose,
            GapPct = s.GapPct,
            Volume = s.Volume,
            AverageVolume = s.AverageVolume,
            RelativeVolume = s.RelativeVolume,
            CatalystScore = s.CatalystScore,
            TechnicalScore = s.TechnicalScore,
            PatternScore = s.PatternScore,
            FinalScore = s.FinalScore,
            NewsId = s.Catalyst?.NewsId,
            Headline = Truncate(s.Catalyst?.Headline, 1000),
            CatalystType = s.Catalyst?.CatalystType,
            CatalystStrength = s.Catalyst?.Strength,
            Sentiment = s.Catalyst?.Sentiment,
            NewsSource = Truncate(s.Catalyst?.Source, 200),
            NewsPublishedAt = s.Catalyst?.PublishedAt,
            Timeframe = t?.Timeframe,
            Sma20 = t?.Sma20,
            Sma50 = t?.Sma50,
            Ema9 = t?.Ema9,
            Rsi14 = t?.Rsi14,
            Atr14 = t?.Atr14,
            Vwap = t?.Vwap,
            MacdHistogram = t?.Macd.Histogram,
            VolumeRatio = t?.VolumeRatio,
            Support = t?.Support,
            Resistance = t?.Resistance,
            PatternType = p?.Type,
            PatternTimeframe = p is null ? null : s.Pattern?.Timeframe,
            PatternConfidence = p?.Confidence,
            Entry = p?.Entry,
            Target = p?.Target,
            Stop = p?.Stop,
        };
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
