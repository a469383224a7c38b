using Catalyst.Modules.Workflow.Contracts;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>The Stage 1 entry rule: a cross of the entry on volume, with the pattern's stop and target.</summary>
public sealed class Stage1StrategyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);
    private static readonly StrategyCandidate Flag = new("ACME", Entry: 10.00m, Stop: 9.50m, Target: 11.00m, "bull_flag", "earnings");
    private readonly Stage1Strategy _strategy = new(new Stage1Settings());

    /// <summary>Twenty quiet bars below the entry, then the bar under test.</summary>
    private static List<Bar> Bars(decimal lastClose, long lastVolume, decimal? lastLow = null, decimal previousClose = 9.90m)
    {
        var bars = new List<Bar>();
        for (var i = 0; i < 20; i++)
            bars.Add(new Bar(T0.AddMinutes(i), 9.85m, 9.95m, 9.80m, i == 19 ? previousClose : 9.90m, 10_000));
        bars.Add(new Bar(T0.AddMinutes(20), previousClose, Math.Max(lastClose, previousClose) + 0.01m, lastLow ?? 9.88m, lastClose, lastVolume));
        return bars;
    }

    [Test]
    public void A_close_through_the_entry_on_double_volume_enters_with_the_patterns_stop_and_target()
    {
        var signal = _strategy.Evaluate(Flag, Bars(10.05m, 20_000));
        Assert.Multiple(() =>
        {
            Assert.That(signal.Verdict, Is.EqualTo(StrategyVerdict.Enter), signal.Reason);
            Assert.That(signal.Stop, Is.EqualTo(9.50m));
            Assert.That(signal.Target, Is.EqualTo(11.00m));
            Assert.That(signal.Price, Is.EqualTo(10.05m));
            Assert.That(signal.VolumeRatio, Is.EqualTo(2.0m));
            Assert.That(signal.RewardRisk, Is.EqualTo(2.0m));
            Assert.That(signal.Features["volume_ratio"], Is.EqualTo(2.0m));
        });
    }

    [TestCase(9.99, 30_000, 9.88, 9.90, "below entry")]
    [TestCase(10.05, 12_000, 9.88, 9.90, "volume ratio")]
    [TestCase(10.05, 30_000, 9.88, 10.01, "no cross")]
    [TestCase(10.30, 30_000, 9.88, 9.90, "above entry")]
    [TestCase(10.05, 30_000, 9.50, 9.90, "touched the stop")]
    [TestCase(10.15, 30_000, 9.88, 9.90, "reward:risk at 10.15 is 1.31")] // paid 10.15, not 10.00: 0.85 / 0.65
    public void Without_a_clean_cross_on_volume_it_waits(double close, long volume, double low, double previousClose, string why)
    {
        var signal = _strategy.Evaluate(Flag, Bars((decimal)close, volume, (decimal)low, (decimal)previousClose));
        Assert.Multiple(() =>
        {
            Assert.That(signal.Verdict, Is.EqualTo(StrategyVerdict.Wait));
            Assert.That(signal.Reason, Does.Contain(why));
        });
    }

    [Test]
    public void A_close_at_the_target_is_too_late()
    {
        var wide = Flag with { Target = 10.04m, Stop = 9.99m };
        var signal = new Stage1Strategy(new Stage1Settings { MinRewardRisk = 0 }).Evaluate(wide, Bars(10.05m, 30_000, lastLow: 10.00m));
        Assert.That(signal.Reason, Does.Contain("target"));
        Assert.That(signal.Verdict, Is.EqualTo(StrategyVerdict.Wait));
    }

    [Test]
    public void Too_little_history_is_not_judged()
    {
        var bars = Bars(10.05m, 30_000).Skip(18).ToList();
        var signal = _strategy.Evaluate(Flag, bars);
        Assert.That(signal.Verdict, Is.EqualTo(StrategyVerdict.Wait));
        Assert.That(signal.Reason, Does.Contain("bars of volume history"));
        Assert.That(_strategy.Evaluate(Flag, bars.Take(1).ToList()).Reason, Does.Contain("not enough bars"));
    }

    [TestCase(null, 9.5, 11.0, "no pattern levels")]
    [TestCase(10.0, 10.5, 11.0, "not a long setup")]
    [TestCase(10.0, 9.5, 10.5, "reward:risk 1 is below the minimum 1.5")]
    [TestCase(10.0, -1.0, 11.0, "positive")]
    public void An_unusable_setup_is_invalid(double? entry, double stop, double target, string why)
    {
        var candidate = Flag with { Entry = (decimal?)entry, Stop = (decimal)stop, Target = (decimal)target };
        Assert.Multiple(() =>
        {
            Assert.That(_strategy.Assess(candidate).Verdict, Is.EqualTo(StrategyVerdict.Invalid));
            Assert.That(_strategy.Assess(candidate).Reason, Does.Contain(why));
            Assert.That(_strategy.Evaluate(candidate, Bars(10.05m, 30_000)).Verdict, Is.EqualTo(StrategyVerdict.Invalid));
        });
    }

    [Test]
    public void The_same_inputs_give_the_same_signal()
    {
        var bars = Bars(10.05m, 20_000);
        Assert.That(_strategy.Evaluate(Flag, bars), Is.EqualTo(_strategy.Evaluate(Flag, bars.ToList())));
    }

    [Test]
    public void Settings_out_of_range_are_named()
    {
        var problems = new Stage1Settings { MinVolumeRatio = -1, VolumeLookbackBars = 0, MaxChasePct = 101 }.Validate().Select(p => p.Field).ToList();
        Assert.That(problems, Is.SupersetOf(new[] { "min_volume_ratio", "volume_lookback_bars", "max_chase_pct" }));
    }
}
