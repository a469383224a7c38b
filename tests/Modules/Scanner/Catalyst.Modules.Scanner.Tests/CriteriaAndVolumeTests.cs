using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Scanner.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Scanner.Tests;

public sealed class CriteriaRuleTests
{
    private static readonly ScanCriteriaDto Current = Criteria.FromOptions(new DefaultCriteriaOptions());

    [Test]
    public void A_patch_changes_only_its_fields_and_catalyst_required_is_an_alias_for_news_required()
    {
        var merged = Criteria.Apply(Current, new ScanCriteriaPatch(MinPrice: 2m, CatalystRequired: false));
        Assert.Multiple(() =>
        {
            Assert.That(merged.MinPrice, Is.EqualTo(2m));
            Assert.That(merged.NewsRequired, Is.False);
            Assert.That(merged with { MinPrice = Current.MinPrice, NewsRequired = true }, Is.EqualTo(Current));
        });
    }

    [Test]
    public void News_required_wins_over_its_alias() =>
        Assert.That(Criteria.Apply(Current, new ScanCriteriaPatch(NewsRequired: true, CatalystRequired: false)).NewsRequired,
            Is.True);

    [TestCase(null, 0.5, "max_price")]
    [TestCase(600.0, null, "min_price")]
    [TestCase(30.0, 20.0, "min_price")]
    public void Min_price_above_max_price_names_the_field_that_was_sent(double? min, double? max, string field)
    {
        var current = Current with { MinPrice = 1m, MaxPrice = 500m };
        var patch = new ScanCriteriaPatch(MinPrice: (decimal?)min, MaxPrice: (decimal?)max);
        var ex = Assert.Throws<ValidationException>(() => Criteria.Apply(current, patch));
        Assert.That(ex!.Field, Is.EqualTo(field));
    }

    [TestCase("min_volume")]
    [TestCase("min_price")]
    [TestCase("max_price")]
    [TestCase("universe_size")]
    [TestCase("min_catalyst_strength")]
    [TestCase("catalyst_lookback_hours")]
    [TestCase("min_relative_volume")]
    [TestCase("min_technical_score")]
    [TestCase("min_pattern_score")]
    [TestCase("weights")]
    [TestCase("weights.pattern")]
    public void Out_of_range_values_name_their_field(string field)
    {
        var patch = field switch
        {
            "min_volume" => new ScanCriteriaPatch(MinVolume: -1),
            "min_price" => new ScanCriteriaPatch(MinPrice: -0.01m),
            "max_price" => new ScanCriteriaPatch(MaxPrice: 0m),
            "universe_size" => new ScanCriteriaPatch(UniverseSize: 5),
            "min_catalyst_strength" => new ScanCriteriaPatch(MinCatalystStrength: 1.5m),
            "catalyst_lookback_hours" => new ScanCriteriaPatch(CatalystLookbackHours: 0),
            "min_relative_volume" => new ScanCriteriaPatch(MinRelativeVolume: -2m),
            "min_technical_score" => new ScanCriteriaPatch(MinTechnicalScore: 2m),
            "min_pattern_score" => new ScanCriteriaPatch(MinPatternScore: -0.5m),
            "weights" => new ScanCriteriaPatch(Weights: new ScoreWeightsDto(0.5m, 0.5m, 0.5m)),
            _ => new ScanCriteriaPatch(Weights: new ScoreWeightsDto(0.5m, 0.7m, -0.2m)),
        };
        var ex = Assert.Throws<ValidationException>(() => Criteria.Apply(Current, patch, "filters."));
        Assert.That(ex!.Field, Is.EqualTo("filters." + field));
    }

    [Test]
    public void The_defaults_are_valid() => Assert.That(Criteria.Problems(Current), Is.Empty);

    [TestCase(null, null, 0.3)]
    [TestCase("Simulation", null, 0.3)]
    [TestCase("Paper", null, 0.7)]
    [TestCase("Live", null, 0.7)]
    [TestCase("Simulation", "0.65", 0.65)]
    public void The_seeds_catalyst_threshold_holds_outside_simulation_unless_configured(string? mode, string? configured, double expected)
    {
        var settings = new Dictionary<string, string?> { ["Catalyst:Mode"] = mode };
        if (configured is not null) settings["Catalyst:Scanner:DefaultCriteria:MinCatalystStrength"] = configured;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddScannerModule(configuration);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ScannerOptions>>().Value;
        Assert.That(options.DefaultCriteria.MinCatalystStrength, Is.EqualTo((decimal)expected));
    }
}

public sealed class VolumeProfileTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly DateOnly HalfDay = new(2026, 11, 27); // the day after Thanksgiving closes at 13:00

    private static double At(DateOnly date, int hour, int minute) =>
        VolumeProfile.ExpectedShare(MarketTime.AtEastern(date, new TimeOnly(hour, minute)));

    [Test]
    public void The_expected_share_grows_through_the_day_from_the_pre_market_to_the_close()
    {
        Assert.Multiple(() =>
        {
            Assert.That(At(Day, 4, 1), Is.EqualTo(VolumeProfile.MinimumShare));
            Assert.That(At(Day, 9, 29), Is.EqualTo(VolumeProfile.PreMarketShare).Within(0.001));
            Assert.That(At(Day, 9, 35), Is.GreaterThan(At(Day, 9, 31)));
            Assert.That(At(Day, 12, 0), Is.InRange(0.35, 0.65));
            Assert.That(At(Day, 16, 0), Is.EqualTo(1));
            Assert.That(At(HalfDay, 13, 0), Is.EqualTo(1), "a half day is whole at its 13:00 close");
            Assert.That(At(HalfDay, 12, 59), Is.GreaterThan(At(Day, 15, 0)));
        });
        var previous = 0.0;
        for (var m = 4 * 60; m < 16 * 60; m += 7)
        {
            var share = At(Day, m / 60, m % 60);
            Assert.That(share, Is.GreaterThanOrEqualTo(previous), $"at {m / 60}:{m % 60:00}");
            previous = share;
        }
    }

    [Test]
    public void The_open_trades_heavier_than_midday()
    {
        var firstHalfHour = At(Day, 10, 0) - At(Day, 9, 30);
        var middayHalfHour = At(Day, 13, 0) - At(Day, 12, 30);
        Assert.That(firstHalfHour, Is.GreaterThan(1.5 * middayHalfHour));
    }

    [Test]
    public void Relative_volume_compares_with_the_volume_usual_by_now()
    {
        var now = MarketTime.AtEastern(Day, new TimeOnly(16, 0));
        Assert.Multiple(() =>
        {
            Assert.That(VolumeProfile.RelativeVolume(2_000_000, 1_000_000, now), Is.EqualTo(2m));
            Assert.That(VolumeProfile.RelativeVolume(2_000_000, null, now), Is.Null);
            Assert.That(VolumeProfile.RelativeVolume(2_000_000, 0, now), Is.Null);
            var preMarket = MarketTime.AtEastern(Day, new TimeOnly(9, 29));
            Assert.That(VolumeProfile.RelativeVolume(300_000, 1_000_000, preMarket), Is.EqualTo(10m).Within(0.1m));
        });
    }
}
