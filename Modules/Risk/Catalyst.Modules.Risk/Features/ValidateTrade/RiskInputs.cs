using System.Collections.Concurrent;
using Catalyst.Modules.Reporting.Contracts;
using Catalyst.Modules.Technical.Contracts;
using Catalyst.Modules.Risk.Domain;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Risk.Features.ValidateTrade;

/// <summary>The account as Risk sees it: daily P&amp;L against the previous close (unrealized included) and the open book.</summary>
internal sealed record AccountPicture(decimal Equity, decimal LastEquity, IReadOnlyList<BrokerPosition> Positions)
{
    public decimal DailyPnl => Equity - LastEquity;

    public decimal GrossExposure => Positions.Sum(p => Math.Abs(p.MarketValue));
}

internal sealed record TechnicalLevels(decimal? Atr, decimal? Support, decimal? Resistance);

/// <summary>
/// Caches that outlive a request: completed daily closes per symbol (they cannot change during the day) and the journal
/// statistics (re-read at most once a minute of market time, since a validation must stay fast).
/// </summary>
internal sealed class RiskInputCache
{
    public ConcurrentDictionary<(string Symbol, DateOnly Day, int Count), IReadOnlyList<(DateOnly Date, decimal Close)>> DailyCloses { get; } = new();

    public (JournalStats Stats, DateTimeOffset ReadAt)? Journal { get; set; }

    public int JournalFailureLogged;
}

/// <summary>Reads what the checks need from the ports and from other modules' contracts.</summary>
internal sealed class RiskInputs(IBrokerPort broker, IMarketDataPort market, ISender sender, RiskInputCache cache,
    TimeProvider clock, ILogger<RiskInputs> logger)
{
    private static readonly TimeSpan JournalTtl = TimeSpan.FromMinutes(1);
    private const int JournalWindow = 500;

    public async Task<AccountPicture> AccountAsync(CancellationToken ct)
    {
        try
        {
            var account = broker.GetAccountAsync(ct);
            var positions = broker.GetPositionsAsync(ct);
            await Task.WhenAll(account, positions);
            return new AccountPicture(account.Result.Equity, account.Result.LastEquity, positions.Result);
        }
        catch (Exception ex) when (ex is not CatalystException and not OperationCanceledException)
        {
            throw new ServiceUnavailableException("BROKER_UNAVAILABLE",
                "The broker account cannot be read, so the trade cannot be risk-checked; retry shortly.");
        }
    }

    public async Task<decimal> CurrentPriceAsync(Symbol symbol, CancellationToken ct)
    {
        IReadOnlyDictionary<Symbol, Snapshot> snapshots;
        try
        {
            snapshots = await market.GetSnapshotsAsync([symbol], ct);
        }
        catch (Exception ex) when (ex is not CatalystException and not OperationCanceledException)
        {
            throw new ServiceUnavailableException("MARKET_DATA_UNAVAILABLE",
                $"No current price for {symbol}: the market data feed did not answer; send the price or retry.");
        }
        return snapshots.TryGetValue(symbol, out var snapshot) && snapshot.Price is > 0m and var price
            ? price
            : throw new NotFoundException($"No current price for {symbol}: the market has no quote or trade for it.",
                new Dictionary<string, object?> { ["symbol"] = symbol.Value });
    }

    /// <summary>Daily ATR(14), support and resistance from the Technical module; nulls when it cannot say.</summary>
    public async Task<TechnicalLevels> LevelsAsync(Symbol symbol, CancellationToken ct)
    {
        try
        {
            var indicators = await sender.Send(new GetLatestIndicators(symbol, "1Day"), ct);
            return new TechnicalLevels(indicators.Atr14, indicators.Support, indicators.Resistance);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation("No technical levels for {Symbol} ({Reason}); the stop falls back", symbol, ex.Message);
            return new TechnicalLevels(null, null, null);
        }
    }

    /// <summary>
    /// Win rate and payoff from the Reporting module's journal. Any failure there (including Reporting not being built
    /// yet) reads as "not enough trades", so sizing falls back to fixed-fractional; logged once.
    /// </summary>
    public async Task<JournalStats> JournalAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cache.Journal is { } cached && now - cached.ReadAt < JournalTtl && now >= cached.ReadAt) return cached.Stats;
        JournalStats stats;
        try
        {
            // The most recent trades: the edge Kelly sizes on should be the current one, not that of a year ago.
            var entries = await sender.Send(new GetTradeJournal(Limit: JournalWindow), ct);
            var wins = entries.Where(e => e.Outcome == "win").ToList();
            var losses = entries.Where(e => e.Outcome == "loss").ToList();
            stats = new JournalStats(entries.Count, wins.Count, losses.Count,
                wins.Count == 0 ? 0m : wins.Average(e => e.Pnl),
                losses.Count == 0 ? 0m : Math.Abs(losses.Average(e => e.Pnl)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (Interlocked.Exchange(ref cache.JournalFailureLogged, 1) == 0)
                logger.LogWarning("The trade journal cannot be read ({Reason}); sizing uses fixed-fractional risk", ex.Message);
            stats = JournalStats.Empty;
        }
        cache.Journal = (stats, now);
        return stats;
    }

    /// <summary>
    /// The last <paramref name="count"/> completed daily closes of each symbol, by session date. Today's forming bar is left
    /// out so the series (and the cache) is stable for the whole day.
    /// </summary>
    public async Task<IReadOnlyDictionary<Symbol, IReadOnlyList<(DateOnly Date, decimal Close)>>> DailyClosesAsync(
        IReadOnlyCollection<Symbol> symbols, int count, CancellationToken ct)
    {
        var today = MarketTime.EasternDate(clock.GetUtcNow());
        var result = new Dictionary<Symbol, IReadOnlyList<(DateOnly, decimal)>>();
        var missing = new List<Symbol>();
        foreach (var symbol in symbols)
        {
            if (cache.DailyCloses.TryGetValue((symbol.Value, today, count), out var closes)) result[symbol] = closes;
            else missing.Add(symbol);
        }
        if (missing.Count == 0) return result;

        var end = MarketTime.AtEastern(today, TimeOnly.MinValue);
        // Calendar days enough for `count` sessions, with room for holidays.
        var start = end.AddDays(-(count * 7 / 5 + 10));
        IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>> bars;
        try
        {
            bars = await market.GetBarsAsync(new BarsRequest(missing, BarTimeframe.OneDay, start, end), ct);
        }
        catch (Exception ex) when (ex is not CatalystException and not OperationCanceledException)
        {
            throw new ServiceUnavailableException("MARKET_DATA_UNAVAILABLE",
                "Daily bars for the correlation check cannot be read; retry shortly.");
        }
        foreach (var symbol in missing)
        {
            var closes = (bars.TryGetValue(symbol, out var list) ? list : [])
                .Select(b => (Date: MarketTime.EasternDate(b.Time), b.Close))
                .Where(b => b.Date < today)
                .OrderBy(b => b.Date)
                .TakeLast(count)
                .ToList();
            cache.DailyCloses[(symbol.Value, today, count)] = closes;
            result[symbol] = closes;
        }
        if (cache.DailyCloses.Count > 5_000)
        {
            foreach (var key in cache.DailyCloses.Keys.Where(k => k.Day != today)) cache.DailyCloses.TryRemove(key, out _);
        }
        return result;
    }
}
