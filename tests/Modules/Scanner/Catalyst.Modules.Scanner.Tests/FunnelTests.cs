using Catalyst.Modules.Pattern.Contracts;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Scanner.Domain;
using Catalyst.Modules.Technical.Contracts;
using Catalyst.SharedKernel.Domain;

namespace Catalyst.Modules.Scanner.Tests;

/// <summary>The funnel's rules on hand-made symbols: who passes each stage, and the reason given for each one dropped.</summary>
public sealed class FunnelTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 35, 0, TimeSpan.Zero);

    private static readonly ScanCriteriaDto Criteria = new(1m, 500m, 1_000_000, 5m, 10m, true, 100, 0.7m, 16, 0.4m, 0.3m,
        new ScoreWeightsDto(0.3m, 0.4m, 0.3m));

    [Test]
    public void The_seeds_example_scores_make_its_final_score_with_the_default_weights()
    {
        var weights = Scanner.Domain.Criteria.FromOptions(new DefaultCriteriaOptions()).Weights;
        Assert.That(Scanner.Domain.Criteria.FinalScore(weights, 0.92m, 0.88m, 0.85m), Is.EqualTo(0.883m));
    }

    [Test]
    public void The_catalyst_filter_keeps_news_that_is_not_bad_and_stronger_than_the_threshold()
    {
        var none = Symbol("NONE");
        var bearish = Symbol("BEAR", Catalyst(0.9m, -0.6m, "offering_dilution"));
        var weak = Symbol("WEAK", Catalyst(0.64m, 0.8m, "analyst_upgrade"));
        var atThreshold = Symbol("EDGE", Catalyst(0.7m, 0.8m));
        var strong = Symbol("GOOD", Catalyst(0.85m, 0.9m));
        var neutralTakeover = Symbol("TAKE", Catalyst(0.75m, -0.01m, "merger_acquisition"));
        var downgrade = Symbol("DOWN", Catalyst(0.9m, 0.1m, "analyst_downgrade"));

        Funnel.CatalystFilter([none, bearish, weak, atThreshold, strong, neutralTakeover, downgrade], Criteria);

        Assert.Multiple(() =>
        {
            Assert.That(none.DropCode, Is.EqualTo("no_catalyst"));
            Assert.That(none.DropReason, Does.Contain("16 h"));
            Assert.That(bearish.DropCode, Is.EqualTo("bearish_catalyst"));
            Assert.That(bearish.DropReason, Does.Contain("offering_dilution").And.Contain("-0.60"));
            Assert.That(weak.DropCode, Is.EqualTo("weak_catalyst"));
            Assert.That(weak.DropReason, Is.EqualTo("catalyst_strength 0.64 (analyst_upgrade) is not above 0.70"));
            Assert.That(atThreshold.DropCode, Is.EqualTo("weak_catalyst"), "the rule is strength > 0.7, not ≥");
            Assert.That(strong.IsActive, Is.True);
            Assert.That(neutralTakeover.IsActive, Is.True, "a near-neutral tone is not bad news");
            Assert.That(downgrade.DropCode, Is.EqualTo("bearish_catalyst"), "a downgrade is bad news whatever its tone");
            Assert.That(strong.Stage, Is.EqualTo(ScanStages.Catalyst));
            Assert.That(new[] { none, bearish, weak, atThreshold }.All(s => s.Stage == ScanStages.Universe
                && s.DroppedAt == ScanStages.Catalyst), Is.True);
        });
    }

    [Test]
    public void Without_news_required_every_symbol_passes_the_catalyst_filter_but_bad_news_scores_nothing()
    {
        var none = Symbol("NONE");
        var bearish = Symbol("BEAR", Catalyst(0.9m, -0.6m));
        Funnel.CatalystFilter([none, bearish], Criteria with { NewsRequired = false });
        Assert.Multiple(() =>
        {
            Assert.That(none.IsActive && bearish.IsActive, Is.True);
            Assert.That(bearish.CatalystScore, Is.Zero);
        });
    }

    [Test]
    public void The_technical_filter_reports_every_failed_check_and_codes_the_first()
    {
        var cheapAndQuiet = Passing("QUIET");
        cheapAndQuiet.Price = 0.5m;
        cheapAndQuiet.Volume = 20_000;
        cheapAndQuiet.RelativeVolume = 0.8m;
        cheapAndQuiet.GapPct = 1.25m;
        var expensive = Passing("RICH");
        expensive.Price = 612m;
        var lowScore = Passing("SOFT", technicalScore: 0.35m);
        var noHistory = Passing("NEW");
        noHistory.RelativeVolume = null;
        var good = Passing("GOOD");

        Funnel.TechnicalFilter([cheapAndQuiet, expensive, lowScore, noHistory, good], Criteria);

        Assert.Multiple(() =>
        {
            Assert.That(cheapAndQuiet.DropCode, Is.EqualTo("min_price"));
            Assert.That(cheapAndQuiet.DropReason, Is.EqualTo(
                "price 0.50 is below min_price 1.00; volume 20,000 is below min_volume 1,000,000; "
                + "relative volume 0.80 is below min_relative_volume 5.00; gap 1.25% is below min_gap_pct 10.00%"));
            Assert.That(expensive.DropCode, Is.EqualTo("max_price"));
            Assert.That(lowScore.DropCode, Is.EqualTo("min_technical_score"));
            Assert.That(lowScore.DropReason, Is.EqualTo("technical_score 0.35 is below min_technical_score 0.40"));
            Assert.That(noHistory.DropCode, Is.EqualTo("no_volume_history"));
            Assert.That(good.Stage, Is.EqualTo(ScanStages.Technical));
            Assert.That(cheapAndQuiet.DroppedAt, Is.EqualTo(ScanStages.Technical));
        });
    }

    [Test]
    public void Pattern_confirmation_needs_a_current_setup_scoring_at_least_the_minimum()
    {
        var none = Passing("NONE", pattern: null);
        var faint = Passing("FAINT", pattern: 0.2m);
        var good = Passing("GOOD", pattern: 0.3m);
        Funnel.PatternFilter([none, faint, good], Criteria);
        Assert.Multiple(() =>
        {
            Assert.That(none.DropCode, Is.EqualTo("no_pattern"));
            Assert.That(faint.DropCode, Is.EqualTo("min_pattern_score"));
            Assert.That(faint.DropReason, Does.Contain("bull_flag"));
            Assert.That(good.Stage, Is.EqualTo(ScanStages.Pattern));
        });
    }

    [Test]
    public void Ranking_keeps_the_top_five_by_final_score_and_ranks_everyone_deepest_stage_first()
    {
        var survivors = Enumerable.Range(0, 7).Select(i => Passing("S" + i, catalyst: 0.75m + i * 0.02m)).ToList();
        foreach (var s in survivors)
        {
            s.Advance(ScanStages.Catalyst);
            s.Advance(ScanStages.Technical);
            s.Advance(ScanStages.Pattern);
        }
        var dropped = Symbol("DROP", Catalyst(0.99m, 0.9m));
        dropped.Drop(ScanStages.Technical, "min_price", "price too low");
        List<SymbolScan> all = [dropped, .. survivors];

        Funnel.Rank(all, Criteria);
        var counts = Funnel.Counts(all);

        Assert.Multiple(() =>
        {
            var final = all.Where(s => s.Selected).OrderBy(s => s.Rank).Select(s => s.Symbol.Value).ToList();
            Assert.That(final, Is.EqualTo(new[] { "S6", "S5", "S4", "S3", "S2" }));
            Assert.That(all.Where(s => s.Selected).Select(s => s.Rank), Is.EqualTo(new[] { 5, 4, 3, 2, 1 }));
            Assert.That(survivors[1].DropCode, Is.EqualTo("outranked"));
            Assert.That(survivors[1].DropReason, Does.StartWith("ranked 6 by final_score"));
            Assert.That(survivors[0].Rank, Is.EqualTo(7));
            Assert.That(dropped.Rank, Is.EqualTo(8), "dropped earlier ranks after every deeper symbol, whatever its score");
            Assert.That(counts, Is.EqualTo(new Dictionary<string, int>
            {
                ["universe"] = 8, ["catalyst"] = 7, ["technical"] = 7, ["pattern"] = 7, ["final"] = 5,
            }));
            Assert.That(Funnel.Note(counts), Is.Null);
        });
    }

    [Test]
    public void A_funnel_that_ends_short_of_five_says_so()
    {
        var counts = new Dictionary<string, int> { ["universe"] = 100, ["catalyst"] = 4, ["technical"] = 3, ["pattern"] = 2, ["final"] = 2 };
        var empty = new Dictionary<string, int> { ["universe"] = 100, ["catalyst"] = 0, ["technical"] = 0, ["pattern"] = 0, ["final"] = 0 };
        Assert.Multiple(() =>
        {
            Assert.That(Funnel.Note(counts), Does.StartWith("Only 2 of 5 candidates"));
            Assert.That(Funnel.Note(empty), Does.StartWith("No candidates"));
        });
    }

    [Test]
    public void The_picker_prefers_the_strongest_catalyst_that_is_not_bad_news_and_ignores_other_news()
    {
        var at = Now.AddHours(-2);
        var items = new[]
        {
            Item("other", 0.95, 0.9, at),
            Item("offering_dilution", 0.9, -0.7, at),
            Item("earnings", 0.8, 0.6, at),
            Item("analyst_upgrade", 0.6, 0.8, at),
        };
        var onlyBad = new[] { Item("offering_dilution", 0.9, -0.7, at), Item("other", 0.99, 0.9, at) };
        Assert.Multiple(() =>
        {
            Assert.That(CatalystPicker.Pick(items)?.CatalystType, Is.EqualTo("earnings"));
            Assert.That(CatalystPicker.Pick(onlyBad)?.CatalystType, Is.EqualTo("offering_dilution"));
            Assert.That(CatalystPicker.Pick([]), Is.Null);
        });
    }

    private static News.Contracts.NewsItemDto Item(string type, double strength, double sentiment, DateTimeOffset at) =>
        new(Guid.NewGuid(), "XYZ", "headline " + type, at, sentiment, sentiment > 0 ? "positive" : "negative", type, strength,
            "Reuters", null);

    private static CatalystPick Catalyst(decimal strength, decimal sentiment, string type = "earnings") =>
        new(Guid.NewGuid(), "XYZ news", type, strength, sentiment, "Reuters", Now.AddHours(-2));

    private static SymbolScan Symbol(string symbol, CatalystPick? catalyst = null) =>
        new(SharedKernel.Domain.Symbol.Parse(symbol), 1, "most_active") { Catalyst = catalyst };

    /// <summary>A symbol that passes every check of <see cref="Criteria"/>.</summary>
    private static SymbolScan Passing(string symbol, decimal technicalScore = 0.7m, decimal? pattern = 0.6m, decimal catalyst = 0.8m)
    {
        var s = Symbol(symbol, Catalyst(catalyst, 0.8m));
        s.Price = 12.5m;
        s.PreviousClose = 10m;
        s.GapPct = 25m;
        s.Volume = 3_000_000;
        s.AverageVolume = 1_000_000;
        s.RelativeVolume = 40m;
        s.Technical = Technical(symbol, technicalScore);
        s.Pattern = pattern is null ? null : new PatternAnalysisDto(symbol, "1Min", Now, 300,
            new PatternSummaryDto(PatternTypes.BullFlag, 0.8m, 12.6m, 13.5m, 12.1m), pattern.Value, []);
        return s;
    }

    private static TechnicalIndicatorsDto Technical(string symbol, decimal score) => new(symbol, "1Min", Now, Now, 300, 12.5m,
        12m, 11m, null, 12.2m, 11.9m, 64m, 0.2m, new MacdDto(0.1m, 0.05m, 0.05m), new BollingerDto(13m, 12m, 11m), 1000m, 2m,
        12.1m, 12m, 13m, [], score);
}
