using Catalyst.Modules.News.Contracts;
using Catalyst.Modules.News.Domain;
using Catalyst.Modules.News.Features.Ingestion;

namespace Catalyst.Modules.News.Tests;

public sealed class CatalystClassifierTests
{
    [TestCase("Tesla Q3 earnings beat expectations", CatalystTypes.Earnings)]
    [TestCase("Nvidia third-quarter revenue jumps 94% on data center demand", CatalystTypes.Earnings)]
    [TestCase("Acme Corp misses consensus estimates as margins shrink", CatalystTypes.Earnings)]
    [TestCase("FDA approves Vertex's gene therapy for sickle cell disease", CatalystTypes.Fda)]
    [TestCase("Biotech shares soar after positive Phase 3 topline data", CatalystTypes.Fda)]
    [TestCase("Company receives complete response letter for lead candidate", CatalystTypes.Fda)]
    [TestCase("Microsoft to acquire Activision Blizzard for $68.7 billion", CatalystTypes.MergerAcquisition)]
    [TestCase("Chevron agrees to buy Hess in $53 billion all-stock deal", CatalystTypes.MergerAcquisition)]
    [TestCase("Private equity firm launches tender offer for retailer", CatalystTypes.MergerAcquisition)]
    [TestCase("Apple raises full-year revenue outlook", CatalystTypes.Guidance)]
    [TestCase("Retailer cuts 2025 forecast on weak consumer spending", CatalystTypes.Guidance)]
    [TestCase("Intel withdraws guidance amid supply uncertainty", CatalystTypes.Guidance)]
    [TestCase("Goldman Sachs upgrades AMD to Buy", CatalystTypes.AnalystUpgrade)]
    [TestCase("Morgan Stanley raises price target on Nvidia to $150", CatalystTypes.AnalystUpgrade)]
    [TestCase("$XYZ: Citi initiates coverage with a Buy rating", CatalystTypes.AnalystUpgrade)]
    [TestCase("JPMorgan downgrades Boeing to Neutral", CatalystTypes.AnalystDowngrade)]
    [TestCase("$ESS: BTIG Research cuts to Neutral", CatalystTypes.AnalystDowngrade)]
    [TestCase("Dell, HPE price targets trimmed by Barclays", CatalystTypes.AnalystDowngrade)]
    [TestCase("Palantir wins $480 million Army contract", CatalystTypes.ContractPartnership)]
    [TestCase("Ford partners with SK On on battery plants", CatalystTypes.ContractPartnership)]
    [TestCase("Chipmaker signs multi-year supply agreement with automaker", CatalystTypes.ContractPartnership)]
    [TestCase("Rivian announces $1.5 billion public offering of common stock", CatalystTypes.OfferingDilution)]
    [TestCase("Biotech prices $200 million underwritten offering", CatalystTypes.OfferingDilution)]
    [TestCase("Company files to sell shares in at-the-market program", CatalystTypes.OfferingDilution)]
    [TestCase("SEC charges crypto exchange with fraud", CatalystTypes.LegalRegulatory)]
    [TestCase("Shareholders file class action lawsuit against bank", CatalystTypes.LegalRegulatory)]
    [TestCase("EU opens antitrust probe into cloud provider", CatalystTypes.LegalRegulatory)]
    [TestCase("Apple unveils new iPhone with AI features", CatalystTypes.Product)]
    [TestCase("Nvidia launches next-generation Blackwell chip", CatalystTypes.Product)]
    [TestCase("Automaker rolls out cheaper model in China", CatalystTypes.Product)]
    [TestCase("Stocks to watch this week", CatalystTypes.Other)]
    [TestCase("Markets open mixed as investors wait", CatalystTypes.Other)]
    public void Headline_is_classified_by_its_finance_wording(string headline, string expected) =>
        Assert.That(CatalystClassifier.Classify(headline, null), Is.EqualTo(expected));

    [Test]
    public void The_headline_wins_over_the_summary_and_the_summary_fills_in()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CatalystClassifier.Classify("Goldman upgrades Ford to Buy", "The upgrade comes ahead of earnings next week."),
                Is.EqualTo(CatalystTypes.AnalystUpgrade));
            Assert.That(CatalystClassifier.Classify("Why shares of Acme are moving", "Acme agreed to be acquired by Globex for $40 a share."),
                Is.EqualTo(CatalystTypes.MergerAcquisition));
        });
    }

    [Test]
    public void Every_type_the_rules_return_is_a_known_wire_value()
    {
        var types = new[]
        {
            "Q1 earnings", "FDA nod", "merger talks", "raises outlook", "upgrades to buy", "downgrades to sell",
            "wins contract", "public offering", "lawsuit filed", "launches product", "nothing",
        }.Select(h => CatalystClassifier.Classify(h, null)).ToHashSet();
        Assert.That(types, Is.SubsetOf(CatalystTypes.All));
        Assert.That(types, Has.Count.EqualTo(CatalystTypes.All.Count));
    }
}

public sealed class CatalystStrengthTests
{
    [Test]
    public void Strong_fresh_well_sourced_news_passes_the_scanner_threshold()
    {
        var strength = CatalystStrength.Compute(CatalystTypes.Earnings, 0.85, 0.95, TimeSpan.FromMinutes(30), 24);
        Assert.That(strength, Is.GreaterThan(0.7).And.LessThanOrEqualTo(1));
    }

    [Test]
    public void Neutral_news_unknown_source_or_type_other_stay_weak()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CatalystStrength.Compute(CatalystTypes.Earnings, 0.0, 0.95, TimeSpan.Zero, 24), Is.LessThan(0.5));
            Assert.That(CatalystStrength.Compute(CatalystTypes.Fda, 0.9, 0.5, TimeSpan.Zero, 24), Is.EqualTo(0.5));
            Assert.That(CatalystStrength.Compute(CatalystTypes.Other, -1.0, 1.0, TimeSpan.Zero, 24), Is.LessThanOrEqualTo(0.3));
        });
    }

    [Test]
    public void Strength_halves_per_half_life_and_negative_news_counts_by_magnitude()
    {
        var fresh = CatalystStrength.Compute(CatalystTypes.Fda, 0.9, 1.0, TimeSpan.Zero, 24);
        var dayOld = CatalystStrength.Compute(CatalystTypes.Fda, 0.9, 1.0, TimeSpan.FromHours(24), 24);
        var bearish = CatalystStrength.Compute(CatalystTypes.Fda, -0.9, 1.0, TimeSpan.Zero, 24);
        Assert.Multiple(() =>
        {
            Assert.That(fresh, Is.EqualTo(1.0));
            Assert.That(dayOld, Is.EqualTo(0.5).Within(1e-4));
            Assert.That(bearish, Is.EqualTo(fresh));
        });
    }

    [Test]
    public void Source_reliability_matches_exact_then_contained_names_else_half()
    {
        var table = new Dictionary<string, double> { ["reuters"] = 0.95, ["benzinga"] = 0.85, ["blog"] = 0.3 };
        Assert.Multiple(() =>
        {
            Assert.That(NewsIngestor.Reliability(table, "Reuters"), Is.EqualTo(0.95));
            Assert.That(NewsIngestor.Reliability(table, "Benzinga Pro"), Is.EqualTo(0.85));
            Assert.That(NewsIngestor.Reliability(table, "Some Newsletter"), Is.EqualTo(0.5));
            Assert.That(NewsIngestor.Reliability(table, null), Is.EqualTo(0.5));
        });
    }
}
