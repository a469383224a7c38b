using Catalyst.Simulation.Clock;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Catalyst.Simulation.Tests;

public sealed class SimulationOptionsTests
{
    [TestCase("1", 60.0)]
    [TestCase("60", 1.0)]
    [TestCase("960", 0.0625)]
    [TestCase("max", 0.0)]
    [TestCase("MAX", 0.0)]
    public void Speed_sets_the_real_delay_between_virtual_minutes(string speed, double seconds)
    {
        Assert.That(new SimulationOptions { Speed = speed }.StepDelay(), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("fast")]
    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("")]
    public void A_bad_speed_is_a_clear_start_up_error(string speed)
    {
        var options = new SimulationOptions { Speed = speed };
        Assert.That(options.Validate().Select(p => p.Field), Does.Contain("Speed"));
        Assert.That(() => options.EnsureValid(), Throws.InvalidOperationException.With.Message.Contains("Catalyst:Simulation:Speed"));
    }

    [Test]
    public void The_default_date_is_the_next_trading_day_on_or_after_today()
    {
        var saturday = new FakeTimeProvider(MarketTime.AtEastern(new DateOnly(2026, 11, 28), new TimeOnly(10, 0)));
        var tuesday = new FakeTimeProvider(MarketTime.AtEastern(new DateOnly(2026, 12, 1), new TimeOnly(22, 0)));
        Assert.That(new SimulationOptions().ResolveDate(saturday), Is.EqualTo(new DateOnly(2026, 11, 30)));
        Assert.That(new SimulationOptions().ResolveDate(tuesday), Is.EqualTo(new DateOnly(2026, 12, 1)));
    }

    [Test]
    public void After_gives_the_following_trading_day_and_an_explicit_date_wins()
    {
        var anyDay = new FakeTimeProvider(MarketTime.AtEastern(new DateOnly(2026, 6, 1), new TimeOnly(10, 0)));
        Assert.That(new SimulationOptions { After = new DateOnly(2026, 11, 25) }.ResolveDate(anyDay),
            Is.EqualTo(new DateOnly(2026, 11, 27)), "Thanksgiving is skipped");
        Assert.That(new SimulationOptions { After = new DateOnly(2026, 3, 13) }.ResolveDate(anyDay),
            Is.EqualTo(new DateOnly(2026, 3, 16)), "Friday → Monday");
        Assert.That(new SimulationOptions { After = new DateOnly(2026, 3, 13), Date = new DateOnly(2026, 3, 10) }.ResolveDate(anyDay),
            Is.EqualTo(new DateOnly(2026, 3, 10)));
    }

    [Test]
    public void A_configured_holiday_is_refused()
    {
        Assert.That(() => SimulationSession.Create(new SimulationOptions { Date = new DateOnly(2026, 12, 25) }),
            Throws.InvalidOperationException.With.Message.Contains("not an NYSE trading day"));
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCatalystSimulation(builder.Configuration);
        return builder;
    }

    [Test]
    public void AddCatalystSimulation_binds_the_options_and_wires_the_ports_to_one_virtual_clock()
    {
        using var host = Builder(new()
        {
            ["Catalyst:Simulation:Seed"] = "7",
            ["Catalyst:Simulation:Date"] = "2026-03-10",
            ["Catalyst:Simulation:Speed"] = "max",
            ["Catalyst:Simulation:AutoStart"] = "autonomous",
            ["Catalyst:Simulation:UniverseSize"] = "50",
        }).Build();

        var options = host.Services.GetRequiredService<IOptions<SimulationOptions>>().Value;
        Assert.That(options.Seed, Is.EqualTo(7));
        Assert.That(options.AutoStart, Is.EqualTo(SimulationAutoStart.Autonomous));
        var clock = host.Services.GetRequiredService<VirtualClock>();
        Assert.That(host.Services.GetRequiredService<TimeProvider>(), Is.SameAs(clock));
        Assert.That(clock.GetUtcNow(), Is.EqualTo(MarketTime.AtEastern(new DateOnly(2026, 3, 10), new TimeOnly(7, 55))));
        var session = host.Services.GetRequiredService<SimulationSession>();
        Assert.That(host.Services.GetRequiredService<IMarketDataPort>(), Is.SameAs(session.MarketData));
        Assert.That(host.Services.GetRequiredService<INewsPort>(), Is.SameAs(session.News));
        Assert.That(host.Services.GetRequiredService<IMarketHeartbeat>(), Is.SameAs(session.Heartbeat));
        Assert.That(session.Day.Symbols, Has.Count.EqualTo(50));
    }

    [Test]
    public async Task The_hosted_driver_runs_the_day_to_16_05_at_max_speed()
    {
        using var host = Builder(new()
        {
            ["Catalyst:Simulation:Date"] = "2026-03-10",
            ["Catalyst:Simulation:Speed"] = "max",
            ["Catalyst:Simulation:UniverseSize"] = "30",
        }).Build();
        var session = host.Services.GetRequiredService<SimulationSession>();
        await host.StartAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!session.IsComplete) await Task.Delay(20, timeout.Token);
            Assert.That(session.Clock.GetUtcNow(), Is.EqualTo(MarketTime.AtEastern(new DateOnly(2026, 3, 10), new TimeOnly(16, 5))));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public void A_bad_speed_stops_the_host_from_starting()
    {
        using var host = Builder(new() { ["Catalyst:Simulation:Speed"] = "warp" }).Build();
        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(ex!.Message, Does.Contain("Catalyst:Simulation:Speed is 'warp'"));
    }
}
