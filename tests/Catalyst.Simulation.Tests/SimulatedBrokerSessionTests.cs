using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Broker;
using Catalyst.Simulation.Clock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Simulation.Tests;

/// <summary>The broker as the Host wires it: settings from configuration, fills driven by the real simulated day.</summary>
[TestFixture]
public sealed class SimulatedBrokerSessionTests
{
    [Test]
    public async Task Registered_with_the_simulation_it_reads_its_settings_and_fills_on_the_generated_market()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Catalyst:Simulation:Date"] = "2025-03-10",
            ["Catalyst:Simulation:Speed"] = "max",
            ["Catalyst:Simulation:StartingCash"] = "250000",
            ["Catalyst:Simulation:SlippageBps"] = "0",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddCatalystSimulation(configuration);
        await using var provider = services.BuildServiceProvider();

        var broker = provider.GetRequiredService<IBrokerPort>();
        Assert.That(broker, Is.SameAs(provider.GetRequiredService<SimulatedBroker>()));
        Assert.That((await broker.GetAccountAsync(CancellationToken.None)).Cash, Is.EqualTo(250_000m));

        var session = provider.GetRequiredService<SimulationSession>();
        var market = provider.GetRequiredService<IMarketDataPort>();
        var symbol = (await market.GetUniverseAsync(50, CancellationToken.None)).FirstOrDefault()?.Symbol
            ?? session.Day.Symbols[0].Symbol;
        var open = MarketTime.AtEastern(session.Date, new TimeOnly(9, 30));
        await session.RunUntilAsync(open);

        var order = await broker.SubmitOrderAsync(new OrderRequest(symbol, OrderSide.Buy, 1, OrderType.Market, TimeInForce.Day, "it"),
            CancellationToken.None);
        await session.RunUntilAsync(open.AddMinutes(5));

        var filled = await broker.GetOrderAsync(order.Id, CancellationToken.None);
        var firstBar = (await market.GetBarsAsync(new BarsRequest([symbol], BarTimeframe.OneMinute, open, open), CancellationToken.None))[symbol][0];
        Assert.That(filled!.Status, Is.EqualTo(BrokerOrderStatus.Filled));
        // No slippage configured: the 09:30 bar's open exactly.
        Assert.That(filled.FilledAveragePrice, Is.EqualTo(firstBar.Open));
        Assert.That((await broker.GetAccountAsync(CancellationToken.None)).Cash, Is.EqualTo(250_000m - firstBar.Open));
    }
}
