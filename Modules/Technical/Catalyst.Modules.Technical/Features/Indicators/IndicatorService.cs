using System.Text.Json;
using Catalyst.Modules.Technical.Contracts;
using Catalyst.Modules.Technical.Domain;
using Catalyst.Modules.Technical.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Serialization;
using Catalyst.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;

namespace Catalyst.Modules.Technical.Features.Indicators;

/// <summary>Fetch bars, compute, store, cache: the one path behind AnalyzeIndicators and GetLatestIndicators.</summary>
internal sealed class IndicatorService(
    IMarketDataPort market,
    ISecurityRegistry securities,
    IDbContextFactory<TechnicalDbContext> contexts,
    IDistributedCache cache,
    TimeProvider clock)
{
    /// <summary>§2.2.4: indicators are cached for five minutes.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    private const int DailyBars = 300;

    public async Task<TechnicalIndicatorsDto> AnalyzeAsync(Symbol symbol, BarTimeframe timeframe, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var bars = await FetchBarsAsync(symbol, timeframe, now, ct);
        if (bars.Count == 0)
            throw new NotFoundException($"No {timeframe.ToWire()} bars for {symbol}.",
                new Dictionary<string, object?> { ["symbol"] = symbol.Value, ["timeframe"] = timeframe.ToWire() });

        var dto = IndicatorMapping.ToDto(symbol, timeframe, now, bars);
        var securityId = await securities.GetOrCreateIdAsync(symbol, ct);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.Indicators.Add(IndicatorMapping.ToRow(securityId, dto));
            await db.SaveChangesAsync(ct);
        }
        await cache.SetAsync(CacheKey(symbol, timeframe), JsonSerializer.SerializeToUtf8Bytes(dto, WireJson.Options),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Freshness }, ct);
        return dto;
    }

    public async Task<TechnicalIndicatorsDto> LatestAsync(Symbol symbol, BarTimeframe timeframe, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The cache TTL is wall-clock; the freshness check is on the injected clock, so a simulated day running faster
        // than real time never reads a snapshot that is stale in market time.
        var cached = await cache.GetAsync(CacheKey(symbol, timeframe), ct);
        if (cached is not null)
        {
            var dto = JsonSerializer.Deserialize<TechnicalIndicatorsDto>(cached, WireJson.Options);
            if (dto is not null && IsFresh(dto.ComputedAt, now)) return dto;
        }

        if (await securities.FindIdAsync(symbol, ct) is { } securityId)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var wire = timeframe.ToWire();
            var row = await db.Indicators.AsNoTracking().Include(x => x.Levels)
                .Where(x => x.SecurityId == securityId && x.Timeframe == wire)
                .OrderByDescending(x => x.ComputedAt).FirstOrDefaultAsync(ct);
            if (row is not null && IsFresh(row.ComputedAt, now)) return IndicatorMapping.FromRow(symbol, row);
        }
        return await AnalyzeAsync(symbol, timeframe, ct);
    }

    private static bool IsFresh(DateTimeOffset computedAt, DateTimeOffset now) =>
        computedAt <= now && now - computedAt < Freshness;

    private static string CacheKey(Symbol symbol, BarTimeframe timeframe) => $"technical:latest:{symbol.Value}:{timeframe.ToWire()}";

    private async Task<IReadOnlyList<Bar>> FetchBarsAsync(Symbol symbol, BarTimeframe timeframe, DateTimeOffset now,
        CancellationToken ct)
    {
        DateTimeOffset start;
        var today = MarketTime.EasternDate(now);
        switch (timeframe)
        {
            case BarTimeframe.OneDay:
                // 300 sessions are about 420 calendar days; ask for a margin and keep the last 300.
                start = now.AddDays(-460);
                break;
            default:
                // The session so far plus enough earlier sessions for SMA(200): one for 1Min, three for 5Min.
                var back = timeframe == BarTimeframe.OneMinute ? 1 : 3;
                var from = today;
                for (var i = 0; i < back; i++) from = NyseCalendar.PreviousTradingDay(from);
                start = MarketTime.AtEastern(from, new TimeOnly(4, 0));
                break;
        }
        var result = await market.GetBarsAsync(new BarsRequest([symbol], timeframe, start, now), ct);
        if (!result.TryGetValue(symbol, out var bars)) return [];
        return timeframe == BarTimeframe.OneDay && bars.Count > DailyBars ? bars.Skip(bars.Count - DailyBars).ToList() : bars;
    }
}

internal static class IndicatorMapping
{
    public static TechnicalIndicatorsDto ToDto(Symbol symbol, BarTimeframe timeframe, DateTimeOffset computedAt,
        IReadOnlyList<Bar> bars)
    {
        var set = new IndicatorSet();
        foreach (var bar in Ohlcv.Sorted(bars)) set.Add(bar);
        var s = set.Current();
        return new TechnicalIndicatorsDto(
            symbol.Value, timeframe.ToWire(), computedAt, s.Time, set.Count,
            D(s.Price) ?? 0m, D(s.Sma20), D(s.Sma50), D(s.Sma200), D(s.Ema9), D(s.Ema21), D(s.Rsi14), D(s.Atr14.Atr),
            new MacdDto(D(s.Macd.Macd), D(s.Macd.Signal), D(s.Macd.Histogram)),
            new BollingerDto(D(s.Bollinger.Upper), D(s.Bollinger.Sma), D(s.Bollinger.Lower)),
            D(s.Obv, 0) ?? 0m, D(s.VolumeRatio, 4), D(s.Vwap), D(s.Support), D(s.Resistance),
            s.Levels.Take(12).Select(l => new PriceLevelDto(D(l.Price) ?? 0m,
                l.Kind == LevelKind.Support ? "support" : "resistance", l.Touches, D(l.Strength, 4) ?? 0m)).ToList(),
            D(s.TechnicalScore, 4) ?? 0m);
    }

    /// <summary>
    /// double → decimal at the edge: rounded to <paramref name="digits"/> places, and null instead of an exception for
    /// NaN, infinity or a magnitude decimal cannot hold (toobig.csv-like input must not fail a request).
    /// </summary>
    public static decimal? D(double? value, int digits = 6)
    {
        if (value is not { } v || !double.IsFinite(v) || Math.Abs(v) >= 7.9e27) return null;
        return Math.Round((decimal)v, digits, MidpointRounding.AwayFromZero);
    }

    public static IndicatorSnapshotRow ToRow(long securityId, TechnicalIndicatorsDto dto) => new()
    {
        SecurityId = securityId,
        Timeframe = dto.Timeframe,
        ComputedAt = dto.ComputedAt,
        BarTime = dto.BarTime,
        BarCount = dto.BarCount,
        Price = dto.Price,
        Sma20 = dto.Sma20,
        Sma50 = dto.Sma50,
        Sma200 = dto.Sma200,
        Ema9 = dto.Ema9,
        Ema21 = dto.Ema21,
        Rsi14 = dto.Rsi14,
        Atr14 = dto.Atr14,
        Macd = dto.Macd.Macd,
        MacdSignal = dto.Macd.Signal,
        MacdHistogram = dto.Macd.Histogram,
        BollingerUpper = dto.Bollinger.Upper,
        BollingerMiddle = dto.Bollinger.Middle,
        BollingerLower = dto.Bollinger.Lower,
        Obv = dto.Obv,
        VolumeRatio = dto.VolumeRatio,
        Vwap = dto.Vwap,
        Support = dto.Support,
        Resistance = dto.Resistance,
        TechnicalScore = dto.TechnicalScore,
        Levels = dto.Levels.Select(l => new SupportResistanceLevelRow
        {
            SecurityId = securityId,
            Timeframe = dto.Timeframe,
            ComputedAt = dto.ComputedAt,
            Price = l.Price,
            Kind = l.Kind,
            Touches = l.Touches,
            Strength = l.Strength,
        }).ToList(),
    };

    public static TechnicalIndicatorsDto FromRow(Symbol symbol, IndicatorSnapshotRow r) => new(
        symbol.Value, r.Timeframe, r.ComputedAt, r.BarTime, r.BarCount, r.Price, r.Sma20, r.Sma50, r.Sma200, r.Ema9, r.Ema21,
        r.Rsi14, r.Atr14, new MacdDto(r.Macd, r.MacdSignal, r.MacdHistogram),
        new BollingerDto(r.BollingerUpper, r.BollingerMiddle, r.BollingerLower), r.Obv, r.VolumeRatio, r.Vwap, r.Support,
        r.Resistance,
        r.Levels.OrderByDescending(l => l.Strength).ThenBy(l => l.Price)
            .Select(l => new PriceLevelDto(l.Price, l.Kind, l.Touches, l.Strength)).ToList(),
        r.TechnicalScore);
}
