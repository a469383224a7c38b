using System.Runtime.CompilerServices;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Testing;

/// <summary>
/// A market-data port with fixed bars per symbol (any timeframe, any range); unknown symbols have none. For module API
/// tests that need known bars (a flag, SPY's reference series) instead of the simulated market.
/// </summary>
public sealed class FixedBarsMarketData(Dictionary<string, IReadOnlyList<Bar>> bars) : IMarketDataPort
{
    public Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>> GetBarsAsync(BarsRequest request, CancellationToken ct)
    {
        var result = new Dictionary<Symbol, IReadOnlyList<Bar>>();
        foreach (var s in request.Symbols)
            if (bars.TryGetValue(s.Value, out var list)) result[s] = list;
        return Task.FromResult<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>>(result);
    }

    public Task<IReadOnlyDictionary<Symbol, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Symbol, Snapshot>>(new Dictionary<Symbol, Snapshot>());

    public Task<IReadOnlyList<UniverseEntry>> GetUniverseAsync(int top, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UniverseEntry>>([]);

    public async IAsyncEnumerable<SymbolBar> StreamBarsAsync(IReadOnlyCollection<Symbol> symbols,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        yield break;
    }
}
