using System.Globalization;
using System.Runtime.CompilerServices;
using Catalyst.Alpaca.Http;
using Catalyst.Alpaca.Streaming;
using Catalyst.Alpaca.Wire;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Alpaca;

/// <summary>IMarketDataPort over Alpaca Market Data v2 (bars, snapshots) and the v1beta1 screener (the universe).</summary>
internal sealed class AlpacaMarketData(AlpacaRestClient rest, BarsStream bars, AlpacaOptions options) : IMarketDataPort
{
    private const int MaxPageSize = 10_000;
    private const int SnapshotBatch = 100;

    /// <summary>Follows next_page_token to the end, or until <see cref="BarsRequest.Limit"/> bars in all.</summary>
    public async Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>> GetBarsAsync(BarsRequest request, CancellationToken ct)
    {
        if (request.Symbols.Count == 0) throw new ValidationException("symbols", "At least one symbol is required.");
        if (request.End < request.Start) throw new ValidationException("start", "start must not be after end.");
        if (request.Limit is <= 0) throw new ValidationException("limit", "limit must be positive.");

        var result = request.Symbols.Distinct().ToDictionary(s => s, _ => new List<Bar>());
        var pageSize = Math.Min(request.Limit ?? MaxPageSize, MaxPageSize);
        var total = 0;
        string? token = null;
        do
        {
            var path = $"v2/stocks/bars?symbols={Join(request.Symbols)}&timeframe={request.Timeframe.ToWire()}" +
                       $"&start={Rfc3339(request.Start)}&end={Rfc3339(request.End)}&limit={pageSize}" +
                       $"&feed={options.DataFeed}&sort=asc" +
                       (token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}");
            var page = await rest.GetAsync<BarsPageDto>(path, "bars", ct).ConfigureAwait(false);
            foreach (var (text, list) in page.Bars ?? [])
            {
                if (!Symbol.TryParse(text, out var symbol)) continue;
                if (!result.TryGetValue(symbol, out var bucket)) result[symbol] = bucket = [];
                bucket.AddRange(list.Select(b => b.ToBar()));
                total += list.Count;
            }

            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        } while (token is not null && (request.Limit is null || total < request.Limit));

        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Bar>)kv.Value.OrderBy(b => b.Time).ToList());
    }

    public async Task<IReadOnlyDictionary<Symbol, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct)
    {
        var result = new Dictionary<Symbol, Snapshot>();
        foreach (var batch in symbols.Distinct().Chunk(SnapshotBatch))
        {
            var page = await rest.GetAsync<Dictionary<string, SnapshotDto?>>(
                $"v2/stocks/snapshots?symbols={Join(batch)}&feed={options.DataFeed}", "snapshots", ct).ConfigureAwait(false);
            foreach (var (text, dto) in page)
            {
                if (dto is not null && Symbol.TryParse(text, out var symbol)) result[symbol] = dto.ToSnapshot(symbol);
            }
        }

        return result;
    }

    /// <summary>Most actives, gainers and losers taken in turn, so a small <paramref name="top"/> still sees all three.</summary>
    public async Task<IReadOnlyList<UniverseEntry>> GetUniverseAsync(int top, CancellationToken ct)
    {
        if (top is < 1 or > 500) throw new ValidationException("top", "top must be between 1 and 500.");
        var actives = await rest.GetAsync<MostActivesDto>(
            $"v1beta1/screener/stocks/most-actives?by=volume&top={Math.Min(top, 100)}", "most actives", ct).ConfigureAwait(false);
        var movers = await rest.GetAsync<MoversDto>(
            $"v1beta1/screener/stocks/movers?top={Math.Min(top, 50)}", "movers", ct).ConfigureAwait(false);

        var lists = new List<List<UniverseEntry>>
        {
            (actives.MostActives ?? []).Select(a => Entry(a.Symbol, a.Volume, a.TradeCount, null, "most_active")).OfType<UniverseEntry>().ToList(),
            (movers.Gainers ?? []).Select(m => Entry(m.Symbol, 0, 0, m.PercentChange, "top_gainer")).OfType<UniverseEntry>().ToList(),
            (movers.Losers ?? []).Select(m => Entry(m.Symbol, 0, 0, m.PercentChange, "top_loser")).OfType<UniverseEntry>().ToList(),
        };
        var merged = new Dictionary<Symbol, UniverseEntry>();
        var order = new List<Symbol>();
        for (var i = 0; lists.Any(l => i < l.Count); i++)
        {
            foreach (var list in lists.Where(l => i < l.Count))
            {
                var entry = list[i];
                if (merged.TryGetValue(entry.Symbol, out var seen))
                    merged[entry.Symbol] = seen with
                    {
                        Volume = Math.Max(seen.Volume, entry.Volume),
                        TradeCount = Math.Max(seen.TradeCount, entry.TradeCount),
                        ChangePercent = seen.ChangePercent ?? entry.ChangePercent,
                    };
                else if (order.Count < top)
                {
                    merged[entry.Symbol] = entry;
                    order.Add(entry.Symbol);
                }
            }
        }

        return order.Select(s => merged[s]).ToList();
    }

    public async IAsyncEnumerable<SymbolBar> StreamBarsAsync(IReadOnlyCollection<Symbol> symbols,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var wanted = symbols.ToHashSet();
        await bars.WantAsync(symbols, ct).ConfigureAwait(false);
        await foreach (var bar in bars.SubscribeAsync(ct).ConfigureAwait(false))
        {
            if (wanted.Count == 0 || wanted.Contains(bar.Symbol)) yield return bar;
        }
    }

    private static UniverseEntry? Entry(string text, long volume, long trades, decimal? change, string reason) =>
        Symbol.TryParse(text, out var symbol) ? new UniverseEntry(symbol, volume, trades, change, reason) : null;

    private static string Join(IEnumerable<Symbol> symbols) => string.Join(',', symbols.Select(s => s.Value));

    private static string Rfc3339(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
