using System.Globalization;
using Catalyst.Modules.News.Contracts;
using Catalyst.Modules.Pattern.Contracts;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Technical.Contracts;
using Catalyst.SharedKernel.Domain;

namespace Catalyst.Modules.Scanner.Domain;

/// <summary>The news behind a symbol's catalyst score.</summary>
internal sealed record CatalystPick(Guid NewsId, string Headline, string CatalystType, decimal Strength, decimal Sentiment,
    string Source, DateTimeOffset PublishedAt)
{
    /// <summary>
    /// Sentiment below this is bad news. Not below zero: headline sentiment is noisy near neutral (a cash buyout at a
    /// premium can score -0.01), and a long scanner must not throw away a takeover gapper on that.
    /// </summary>
    public const decimal BearishBelow = -0.2m;

    /// <summary>Dilution and downgrades are bad news for a long whatever the headline's tone.</summary>
    public bool Bearish => Sentiment < BearishBelow || CatalystType is CatalystTypes.OfferingDilution or CatalystTypes.AnalystDowngrade;
}

/// <summary>One symbol's way through the funnel: what the scan saw, its scores, and where it stopped.</summary>
internal sealed class SymbolScan(Symbol symbol, long securityId, string universeReason)
{
    public Symbol Symbol { get; } = symbol;
    public long SecurityId { get; } = securityId;
    public string UniverseReason { get; } = universeReason;

    public decimal? Price { get; set; }
    public decimal? PreviousClose { get; set; }
    public decimal? GapPct { get; set; }
    public long Volume { get; set; }
    public long? AverageVolume { get; set; }
    public decimal? RelativeVolume { get; set; }

    public CatalystPick? Catalyst { get; set; }
    public TechnicalIndicatorsDto? Technical { get; set; }
    public PatternAnalysisDto? Pattern { get; set; }

    public decimal CatalystScore => Catalyst is { Bearish: false } c ? c.Strength : 0m;
    public decimal TechnicalScore => Technical?.TechnicalScore ?? 0m;
    public decimal PatternScore => Pattern?.Pattern is null ? 0m : Pattern.PatternScore;
    public decimal FinalScore { get; set; }

    /// <summary>The last stage the symbol entered (funnel_counts counts it there).</summary>
    public string Stage { get; private set; } = ScanStages.Universe;

    public string? DroppedAt { get; private set; }
    public string? DropCode { get; private set; }
    public string? DropReason { get; private set; }
    public int Rank { get; set; }
    public bool Selected { get; set; }

    public bool IsActive => DroppedAt is null;

    public void Advance(string stage) => Stage = stage;

    public void Drop(string atStage, string code, string reason)
    {
        DroppedAt = atStage;
        DropCode = code;
        DropReason = reason;
    }
}

/// <summary>
/// The funnel's rules, free of I/O: each filter takes the symbols still in the funnel, moves the ones that pass into the
/// next stage and records for each one it drops a code and a reason a trader can read.
/// </summary>
internal static class Funnel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Catalyst filter (§6.2): with news required, a catalyst that is not bad news, stronger than min_catalyst_strength,
    /// within the look-back. The system trades long setups only, so a bearish catalyst is a reason to drop, not to keep.
    /// </summary>
    public static void CatalystFilter(IEnumerable<SymbolScan> symbols, ScanCriteriaDto c)
    {
        foreach (var s in symbols.Where(x => x.IsActive))
        {
            if (c.NewsRequired)
            {
                var pick = s.Catalyst;
                if (pick is null)
                {
                    s.Drop(ScanStages.Catalyst, "no_catalyst",
                        $"no catalyst news in the last {c.CatalystLookbackHours} h");
                    continue;
                }
                if (pick.Bearish)
                {
                    s.Drop(ScanStages.Catalyst, "bearish_catalyst",
                        $"the strongest catalyst is bearish ({pick.CatalystType}, sentiment {F(pick.Sentiment, 2)}); long setups only");
                    continue;
                }
                if (pick.Strength <= c.MinCatalystStrength)
                {
                    s.Drop(ScanStages.Catalyst, "weak_catalyst",
                        $"catalyst_strength {F(pick.Strength, 2)} ({pick.CatalystType}) is not above {F(c.MinCatalystStrength, 2)}");
                    continue;
                }
            }
            s.Advance(ScanStages.Catalyst);
        }
    }

    /// <summary>
    /// Technical filter: the momentum criteria (price band, volume, relative volume, gap) and the Technical module's
    /// technical_score. Every failed check is reported; the first one is the drop code.
    /// </summary>
    public static void TechnicalFilter(IEnumerable<SymbolScan> symbols, ScanCriteriaDto c)
    {
        foreach (var s in symbols.Where(x => x.IsActive))
        {
            var failures = new List<(string Code, string Reason)>();
            if (s.Price is not { } price)
            {
                failures.Add(("no_price", "no trade yet, so no price"));
            }
            else
            {
                if (price < c.MinPrice) failures.Add(("min_price", $"price {F(price, 2)} is below min_price {F(c.MinPrice, 2)}"));
                if (price > c.MaxPrice) failures.Add(("max_price", $"price {F(price, 2)} is above max_price {F(c.MaxPrice, 2)}"));
            }
            if (s.Volume < c.MinVolume)
                failures.Add(("min_volume", $"volume {s.Volume.ToString("N0", Inv)} is below min_volume {c.MinVolume.ToString("N0", Inv)}"));
            if (c.MinRelativeVolume > 0)
            {
                if (s.RelativeVolume is not { } rv)
                    failures.Add(("no_volume_history", "no average volume to compare with (too few daily bars)"));
                else if (rv < c.MinRelativeVolume)
                    failures.Add(("min_relative_volume",
                        $"relative volume {F(rv, 2)} is below min_relative_volume {F(c.MinRelativeVolume, 2)}"));
            }
            if (s.GapPct is not { } gap)
                failures.Add(("no_previous_close", "no previous close, so no gap"));
            else if (gap < c.MinGapPct)
                failures.Add(("min_gap_pct", $"gap {F(gap, 2)}% is below min_gap_pct {F(c.MinGapPct, 2)}%"));
            if (s.Technical is null)
                failures.Add(("no_bars", "no intraday bars for the indicators"));
            else if (s.TechnicalScore < c.MinTechnicalScore)
                failures.Add(("min_technical_score",
                    $"technical_score {F(s.TechnicalScore, 2)} is below min_technical_score {F(c.MinTechnicalScore, 2)}"));

            if (failures.Count == 0) s.Advance(ScanStages.Technical);
            else s.Drop(ScanStages.Technical, failures[0].Code, string.Join("; ", failures.Select(f => f.Reason)));
        }
    }

    /// <summary>Pattern confirmation: a current long setup (Pattern module) with pattern_score at least min_pattern_score.</summary>
    public static void PatternFilter(IEnumerable<SymbolScan> symbols, ScanCriteriaDto c)
    {
        foreach (var s in symbols.Where(x => x.IsActive))
        {
            if (s.Pattern?.Pattern is not { } best)
                s.Drop(ScanStages.Pattern, "no_pattern", "no current long setup in the intraday bars");
            else if (s.PatternScore < c.MinPatternScore)
                s.Drop(ScanStages.Pattern, "min_pattern_score",
                    $"pattern_score {F(s.PatternScore, 2)} ({best.Type}) is below min_pattern_score {F(c.MinPatternScore, 2)}");
            else
                s.Advance(ScanStages.Pattern);
        }
    }

    /// <summary>
    /// Final ranking: final_score for every symbol (missing scores count 0), the top five of those that passed every
    /// filter become the final candidates, and every symbol gets a rank: deeper stages first, then by final_score.
    /// </summary>
    public static void Rank(IList<SymbolScan> symbols, ScanCriteriaDto c)
    {
        foreach (var s in symbols)
            s.FinalScore = Criteria.FinalScore(c.Weights, s.CatalystScore, s.TechnicalScore, s.PatternScore);

        var ranked = symbols.Where(x => x.IsActive).OrderBy(x => x, Order).ToList();
        for (var i = 0; i < ranked.Count; i++)
        {
            var s = ranked[i];
            if (i < ScanCriteriaRules.FinalCount)
            {
                s.Advance(ScanStages.Final);
                s.Selected = true;
            }
            else
            {
                s.Drop(ScanStages.Final, "outranked",
                    $"ranked {i + 1} by final_score {F(s.FinalScore, 3)}; only the top {ScanCriteriaRules.FinalCount} are kept");
            }
        }

        var all = symbols.OrderBy(x => x, Order).ToList();
        for (var i = 0; i < all.Count; i++) all[i].Rank = i + 1;
    }

    public static IReadOnlyDictionary<string, int> Counts(IReadOnlyCollection<SymbolScan> symbols)
    {
        var counts = new Dictionary<string, int>();
        foreach (var stage in ScanStages.All)
        {
            var depth = Depth(stage);
            counts[stage] = symbols.Count(s => Depth(s.Stage) >= depth);
        }
        return counts;
    }

    /// <summary>What the scan tells a trader when it did not fill the final five.</summary>
    public static string? Note(IReadOnlyDictionary<string, int> counts)
    {
        var final = counts[ScanStages.Final];
        if (final >= ScanCriteriaRules.FinalCount) return null;
        if (counts[ScanStages.Universe] == 0)
            return "The market data returned no symbols to scan (no trades yet?); no candidates.";
        var story = $"{counts[ScanStages.Universe]} scanned → {counts[ScanStages.Catalyst]} with a catalyst → "
                    + $"{counts[ScanStages.Technical]} passed the technical filter → {counts[ScanStages.Pattern]} with a pattern";
        return final == 0
            ? $"No candidates: nothing passed every stage ({story}). A quiet tape; nothing to trade from this scan."
            : $"Only {final} of {ScanCriteriaRules.FinalCount} candidates ({story}): fewer names qualified today.";
    }

    public static int Depth(string stage) => stage switch
    {
        ScanStages.Universe => 0,
        ScanStages.Catalyst => 1,
        ScanStages.Technical => 2,
        ScanStages.Pattern => 3,
        ScanStages.Final => 4,
        _ => -1,
    };

    private static readonly Comparer<SymbolScan> Order = Comparer<SymbolScan>.Create((a, b) =>
    {
        var byDepth = Depth(b.Stage).CompareTo(Depth(a.Stage));
        if (byDepth != 0) return byDepth;
        var byScore = b.FinalScore.CompareTo(a.FinalScore);
        if (byScore != 0) return byScore;
        var byCatalyst = b.CatalystScore.CompareTo(a.CatalystScore);
        return byCatalyst != 0 ? byCatalyst : string.CompareOrdinal(a.Symbol.Value, b.Symbol.Value);
    });

    private static string F(decimal value, int digits) => value.ToString("F" + digits.ToString(Inv), Inv);
}
