using Microsoft.Extensions.Configuration;

namespace Catalyst.SharedKernel;

/// <summary>Where market data, news and orders go: the embedded simulation, Alpaca paper, or Alpaca live (real money).</summary>
public enum CatalystMode { Simulation, Paper, Live }

public static class CatalystModes
{
    public const string LiveConfirmationValue = "I-ACCEPT-REAL-MONEY-RISK";

    /// <summary>Reads <c>Catalyst:Mode</c> (default Simulation); an unknown value is a start-up error, never a guess.</summary>
    public static CatalystMode Read(IConfiguration configuration)
    {
        var text = configuration["Catalyst:Mode"];
        if (string.IsNullOrWhiteSpace(text)) return CatalystMode.Simulation;
        return Enum.TryParse<CatalystMode>(text.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException(
                $"Catalyst:Mode is '{text}'; use Simulation (default), Paper or Live.");
    }
}
