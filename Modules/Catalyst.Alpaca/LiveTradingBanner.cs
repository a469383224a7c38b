using System.Globalization;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca;

/// <summary>Makes Live impossible to miss in the logs: a banner at start, then again with the account once connected.</summary>
internal sealed class LiveTradingBanner(IBrokerPort broker, AlpacaOptions options, ILogger<LiveTradingBanner> logger)
    : BackgroundService
{
    private const string Rule = "************************************************************";

    internal static string Banner(string line) =>
        $"\n{Rule}\n*  WARNING: LIVE TRADING — REAL MONEY\n*  {line}\n{Rule}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogWarning("{Banner}", Banner($"Orders go to {options.TradingBaseUrl}"));
        try
        {
            var account = await broker.GetAccountAsync(stoppingToken).ConfigureAwait(false);
            logger.LogWarning("{Banner}", Banner(string.Create(CultureInfo.InvariantCulture,
                $"Account {account.AccountNumber} ({account.Status}), equity {account.Equity:N2} USD, buying power {account.BuyingPower:N2} USD")));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (CatalystException ex)
        {
            logger.LogError("LIVE TRADING — REAL MONEY: the live account could not be read at start ({Code}: {Message})",
                ex.Code, ex.Message);
        }
    }
}
