using Catalyst.Modules.Risk.Domain;
using Catalyst.Modules.Risk.Parameters;

namespace Catalyst.Modules.Risk.Tests;

public sealed class RiskParametersTests
{
    [Test]
    public void The_defaults_are_the_seeds()
    {
        var p = RiskParameters.Defaults;
        Assert.Multiple(() =>
        {
            Assert.That(p.Capital, Is.EqualTo(100_000m));
            Assert.That(p.MaxDailyLossUsd, Is.EqualTo(2_000m));
            Assert.That(p.MaxPositions, Is.EqualTo(5));
            Assert.That(p.MaxPositionPct, Is.EqualTo(20m));
            Assert.That(p.MaxCorrelation, Is.EqualTo(0.7m));
            Assert.That(p.AtrMultiplier, Is.EqualTo(2m));
            Assert.That(p.WarningThresholdPct, Is.EqualTo(75m));
            Assert.That(p.CriticalThresholdPct, Is.EqualTo(90m));
            Assert.That(p.DuplicateWindow, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(p.MaxOrdersPerMinute, Is.EqualTo(10));
            Assert.That(p.CooldownAfterRejections, Is.EqualTo(3));
            Assert.That(p.ActionWindow, Is.EqualTo(TimeSpan.FromMinutes(5)));
        });
    }

    [Test]
    public void The_rendered_file_reads_back_to_the_same_values()
    {
        RiskParameters.Defaults.TryWith("position_limits.max_positions", 7m, out var changed, out _);
        var text = RiskParametersYaml.Render(changed);
        Assert.That(text, Does.Contain("position_limits:\n  # "));
        Assert.That(RiskParametersYaml.TryParse(text, out var read, out var errors), Is.True, string.Join("; ", errors));
        Assert.That(read.Values, Is.EquivalentTo(changed.Values));
    }

    [Test]
    public void The_shipped_config_file_holds_the_defaults()
    {
        var text = File.ReadAllText(Path.Combine(Catalyst.Testing.TestEnvironment.RepositoryRoot, "config", "risk_parameters.yaml"));
        Assert.That(RiskParametersYaml.TryParse(text, out var shipped, out var errors), Is.True, string.Join("; ", errors));
        Assert.That(shipped.Values, Is.EquivalentTo(RiskParameters.Defaults.Values));
        Assert.That(text, Is.EqualTo(RiskParametersYaml.Render(RiskParameters.Defaults)), "the file is what the module writes");
    }

    [Test]
    public void A_partial_file_takes_defaults_for_what_it_leaves_out()
    {
        Assert.That(RiskParametersYaml.TryParse("daily_limits:\n  max_daily_loss_usd: 3000\n", out var p, out _), Is.True);
        Assert.That(p.MaxDailyLossUsd, Is.EqualTo(3_000m));
        Assert.That(p.MaxPositions, Is.EqualTo(5));
    }

    [TestCase("capital: lots\n", "capital", "must be a number")]
    [TestCase("position_limits:\n  max_positions: 5.5\n", "position_limits.max_positions", "whole number")]
    [TestCase("position_limits:\n  max_postions: 6\n", "position_limits.max_postions", "unknown parameter")]
    [TestCase("correlation:\n  max_correlation: 1.5\n", "correlation.max_correlation", "at most 1")]
    [TestCase("daily_limits:\n  max_daily_loss_usd: 0\n", "daily_limits.max_daily_loss_usd", "greater than 0")]
    [TestCase("daily_limits:\n  warning_threshold_pct: 95\n", "daily_limits.warning_threshold_pct", "below daily_limits.critical_threshold_pct")]
    [TestCase("risk_per_trade_pct: 5\ndaily_limits:\n  max_daily_loss_usd: 1000\n", "risk_per_trade_pct", "must not exceed")]
    [TestCase("capital: [1, 2]\n", "capital", "must be a number")]
    [TestCase("capital: 100000\n  bad indent: [\n", "$", "not valid YAML")]
    [TestCase("- just\n- a list\n", "$", "YAML mapping")]
    public void A_bad_file_is_refused_naming_the_parameter(string yaml, string path, string message)
    {
        Assert.That(RiskParametersYaml.TryParse(yaml, out _, out var errors), Is.False);
        Assert.That(errors.Select(e => e.Path), Does.Contain(path));
        Assert.That(errors.First(e => e.Path == path).Message, Does.Contain(message));
    }
}
