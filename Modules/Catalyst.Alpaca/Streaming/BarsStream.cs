using System.Text.Json;
using Catalyst.Alpaca.Wire;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca.Streaming;

/// <summary>
/// Minute bars from wss://stream.data.alpaca.markets/v2/{feed}. One connection (the free plan allows one) carries the
/// union of what every subscriber asked for; each subscriber filters its own symbols.
/// </summary>
internal sealed class BarsStream(AlpacaOptions options, TimeProvider time, ILogger<BarsStream> logger)
    : DataStream<SymbolBar>(options.DataStreamUrl, options, time, logger)
{
    private readonly Lock gate = new();
    private readonly HashSet<string> symbols = [];
    private bool everything;

    /// <summary>Widens the subscription; empty means every symbol ("*").</summary>
    public async Task WantAsync(IReadOnlyCollection<Symbol> wanted, CancellationToken ct)
    {
        string[] added;
        lock (gate)
        {
            if (wanted.Count == 0)
            {
                if (everything) return;
                everything = true;
                added = ["*"];
            }
            else
            {
                added = wanted.Select(s => s.Value).Where(symbols.Add).ToArray();
                if (added.Length == 0 || everything) return;
            }
        }

        if (IsConnected) await SendIfConnectedAsync(new { action = "subscribe", bars = added }, ct).ConfigureAwait(false);
    }

    protected override object SubscribeMessage()
    {
        lock (gate) return new { action = "subscribe", bars = everything || symbols.Count == 0 ? ["*"] : symbols.ToArray() };
    }

    protected override SymbolBar? ParseItem(string type, JsonElement item)
    {
        if (type != "b" || !item.TryGetProperty("S", out var s) || !Symbol.TryParse(s.GetString(), out var symbol)) return null;
        var bar = item.Deserialize<BarDto>(AlpacaJson.Options);
        return bar is null ? null : new SymbolBar(symbol, bar.ToBar());
    }
}
