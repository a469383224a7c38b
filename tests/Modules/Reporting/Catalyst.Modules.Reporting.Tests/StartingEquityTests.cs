using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Risk.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Reporting.Tests;

/// <summary>The report starts from Risk's capital, or from Catalyst:Reporting:StartingEquity when Risk cannot say.</summary>
[NonParallelizable]
public sealed class StartingEquityTests
{
    [Test]
    public async Task The_starting_equity_is_risks_capital_or_the_configured_fallback()
    {
        await using var app = await ReportingApp.StartAsync(fixedEquity: null,
            configure: o => o.Settings["Catalyst:Reporting:StartingEquity"] = "123456");
        decimal? riskCapital;
        try
        {
            riskCapital = (await app.SendAsync(new GetRiskParameters())).Capital;
        }
        catch (Exception ex) when (ex is not AssertionException)
        {
            riskCapital = null; // Risk not built yet, or failing: Reporting must fall back
        }

        var report = await app.SendAsync(new GetPerformanceReport(ReportPeriods.Daily, new DateOnly(2025, 10, 20)));

        Assert.That(report.StartingEquity, Is.EqualTo(riskCapital is > 0m ? riskCapital : 123456m));
    }
}
