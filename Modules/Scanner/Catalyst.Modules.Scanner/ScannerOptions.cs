namespace Catalyst.Modules.Scanner;

/// <summary>Bound from Catalyst:Scanner.</summary>
internal sealed class ScannerOptions
{
    public const string Section = "Catalyst:Scanner";

    /// <summary>
    /// The criteria until someone stores others with PUT /api/v1/scan/criteria. Ross Cameron's momentum rules (gap ≥ 10%,
    /// relative volume ≥ 5) with the seed's news requirement and min_volume; the price band is wider than his $1–20 so
    /// that higher-priced catalyst names (the seed's own examples trade at $240–$490) are not cut by price alone.
    /// </summary>
    public DefaultCriteriaOptions DefaultCriteria { get; set; } = new();

    /// <summary>
    /// min_catalyst_strength by default in Simulation (unless DefaultCriteria:MinCatalystStrength is configured). The
    /// News module scores the simulated newswire's bullish catalyst headlines between about 0.30 and 0.80 when fresh, but
    /// only 4 of 21 templates pass 0.7 (the sentiment model's training set calls acquisitions, contracts and launches
    /// neutral; see docs/scanner.md), so the seed's 0.7 would starve most simulated days of candidates; routine company
    /// news scores about 0.30 and is still stopped by the gap and volume rules. Paper and Live keep the seed's 0.7.
    /// </summary>
    public decimal SimulationMinCatalystStrength { get; set; } = 0.3m;

    /// <summary>How long the latest scan stays in Redis (wall clock); the database stays the source of truth.</summary>
    public int CacheMinutes { get; set; } = 12 * 60;

    /// <summary>Ask News to ingest the look-back window before each scan, so the catalyst filter sees the newest articles.</summary>
    public bool IngestNewsBeforeScan { get; set; } = true;
}

internal sealed class DefaultCriteriaOptions
{
    public decimal MinPrice { get; set; } = 1m;
    public decimal MaxPrice { get; set; } = 500m;
    public long MinVolume { get; set; } = 1_000_000;
    public decimal MinRelativeVolume { get; set; } = 5m;
    public decimal MinGapPct { get; set; } = 10m;
    public bool NewsRequired { get; set; } = true;
    public int UniverseSize { get; set; } = 100;
    public decimal MinCatalystStrength { get; set; } = 0.7m;
    public int CatalystLookbackHours { get; set; } = 16;
    public decimal MinTechnicalScore { get; set; } = 0.4m;
    /// <summary>pattern_score is confidence × recency: 0.25 is a setup of fair confidence that is still current.</summary>
    public decimal MinPatternScore { get; set; } = 0.25m;

    /// <summary>0.3/0.4/0.3 turns the seed's §3.3 example (0.92, 0.88, 0.85) into its final_score 0.883.</summary>
    public decimal CatalystWeight { get; set; } = 0.3m;

    public decimal TechnicalWeight { get; set; } = 0.4m;
    public decimal PatternWeight { get; set; } = 0.3m;
}
