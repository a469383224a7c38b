using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Scanner.Persistence;
using Catalyst.SharedKernel.Errors;

namespace Catalyst.Modules.Scanner.Domain;

internal static class Criteria
{
    public static ScanCriteriaDto FromOptions(DefaultCriteriaOptions o) => new(o.MinPrice, o.MaxPrice, o.MinVolume,
        o.MinRelativeVolume, o.MinGapPct, o.NewsRequired, o.UniverseSize, o.MinCatalystStrength, o.CatalystLookbackHours,
        o.MinTechnicalScore, o.MinPatternScore, new ScoreWeightsDto(o.CatalystWeight, o.TechnicalWeight, o.PatternWeight));

    public static ScanCriteriaDto FromRow(ScanCriteriaRow r) => new(r.MinPrice, r.MaxPrice, r.MinVolume, r.MinRelativeVolume,
        r.MinGapPct, r.NewsRequired, r.UniverseSize, r.MinCatalystStrength, r.CatalystLookbackHours, r.MinTechnicalScore,
        r.MinPatternScore, new ScoreWeightsDto(r.CatalystWeight, r.TechnicalWeight, r.PatternWeight), r.UpdatedAt, r.UpdatedBy);

    public static ScanCriteriaRow ToRow(ScanCriteriaDto c, DateTimeOffset at, string? by) => new()
    {
        MinPrice = c.MinPrice,
        MaxPrice = c.MaxPrice,
        MinVolume = c.MinVolume,
        MinRelativeVolume = c.MinRelativeVolume,
        MinGapPct = c.MinGapPct,
        NewsRequired = c.NewsRequired,
        UniverseSize = c.UniverseSize,
        MinCatalystStrength = c.MinCatalystStrength,
        CatalystLookbackHours = c.CatalystLookbackHours,
        MinTechnicalScore = c.MinTechnicalScore,
        MinPatternScore = c.MinPatternScore,
        CatalystWeight = c.Weights.Catalyst,
        TechnicalWeight = c.Weights.Technical,
        PatternWeight = c.Weights.Pattern,
        UpdatedAt = at,
        UpdatedBy = by,
    };

    /// <summary>
    /// The current criteria with the patch's fields applied, validated as a whole. <paramref name="fieldPrefix"/> names the
    /// fields as the caller sent them ("filters." for the scan request's overrides).
    /// </summary>
    public static ScanCriteriaDto Apply(ScanCriteriaDto current, ScanCriteriaPatch patch, string fieldPrefix = "")
    {
        foreach (var (field, message) in patch.Validate()) throw new ValidationException(fieldPrefix + field, message);
        var merged = current with
        {
            MinPrice = patch.MinPrice ?? current.MinPrice,
            MaxPrice = patch.MaxPrice ?? current.MaxPrice,
            MinVolume = patch.MinVolume ?? current.MinVolume,
            MinRelativeVolume = patch.MinRelativeVolume ?? current.MinRelativeVolume,
            MinGapPct = patch.MinGapPct ?? current.MinGapPct,
            NewsRequired = patch.NewsRequired ?? patch.CatalystRequired ?? current.NewsRequired,
            UniverseSize = patch.UniverseSize ?? current.UniverseSize,
            MinCatalystStrength = patch.MinCatalystStrength ?? current.MinCatalystStrength,
            CatalystLookbackHours = patch.CatalystLookbackHours ?? current.CatalystLookbackHours,
            MinTechnicalScore = patch.MinTechnicalScore ?? current.MinTechnicalScore,
            MinPatternScore = patch.MinPatternScore ?? current.MinPatternScore,
            Weights = patch.Weights ?? current.Weights,
        };
        if (merged.MinPrice > merged.MaxPrice)
        {
            // Name the field the caller changed: raising min_price above the stored max is a min_price problem.
            var field = patch.MinPrice is not null ? "min_price" : "max_price";
            throw new ValidationException(fieldPrefix + field,
                $"min_price ({merged.MinPrice}) must not be above max_price ({merged.MaxPrice}).");
        }
        return merged;
    }

    /// <summary>Configured defaults get the same checks as a PUT: a bad appsettings value stops start-up, not a scan.</summary>
    public static IEnumerable<string> Problems(ScanCriteriaDto c)
    {
        var asPatch = new ScanCriteriaPatch(c.MinPrice, c.MaxPrice, c.MinVolume, c.MinRelativeVolume, c.MinGapPct,
            c.NewsRequired, c.UniverseSize, c.MinCatalystStrength, c.CatalystLookbackHours, c.MinTechnicalScore,
            c.MinPatternScore, c.Weights);
        return asPatch.Validate().Select(p => $"{ScannerOptions.Section}:DefaultCriteria: {p.Message}");
    }

    /// <summary>final_score, rounded to 4 places (0.3 × 0.92 + 0.4 × 0.88 + 0.3 × 0.85 = 0.883).</summary>
    public static decimal FinalScore(ScoreWeightsDto w, decimal catalyst, decimal technical, decimal pattern) =>
        Math.Round(w.Catalyst * catalyst + w.Technical * technical + w.Pattern * pattern, 4, MidpointRounding.AwayFromZero);
}
