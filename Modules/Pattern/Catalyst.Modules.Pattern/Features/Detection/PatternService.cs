using System.Text.Json;
using Catalyst.Modules.Pattern.Contracts;
using Catalyst.Modules.Pattern.Domain;
using Catalyst.Modules.Pattern.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.Pattern.Features.Detection;

internal sealed class PatternService(
    IMarketDataPort market,
    ISecurityRegistry securities,
    IDbContextFactory<PatternDbContext> contexts,
    TimeProvider clock)
{
    public async Task<PatternAnalysisDto> DetectAsync(Symbol symbol, BarTimeframe timeframe, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var bars = await FetchBarsAsync(symbol, timeframe, now, ct);
        if (bars.Count == 0)
            throw new NotFoundException($"No {timeframe.ToWire()} bars for {symbol}.",
                new Dictionary<string, object?> { ["symbol"] = symbol.Value, ["timeframe"] = timeframe.ToWire() });
        var dto = PatternMapping.ToDto(symbol, timeframe, now, PatternEngine.Analyze(bars));

        var securityId = await securities.GetOrCreateIdAsync(symbol, ct);
        var runId = Guid.CreateVersion7(now);
        var bestDetection = PatternMapping.BestOf(dto);
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var d in dto.Detections)
        {
            db.Detections.Add(new PatternDetectionRow
            {
                RunId = runId,
                SecurityId = securityId,
                Timeframe = dto.Timeframe,
                DetectedAt = now,
                PatternType = d.Type,
                Confidence = d.Confidence,
                Entry = d.Entry,
                Target = d.Target,
                Stop = d.Stop,
                StartTime = d.StartTime,
                EndTime = d.EndTime,
                StartIndex = d.StartIndex,
                EndIndex = d.EndIndex,
                BarCount = dto.BarCount,
                VolumeConfirmed = d.VolumeConfirmed,
                IsBest = ReferenceEquals(d, bestDetection),
                PatternScore = dto.PatternScore,
                Metadata = JsonSerializer.Serialize(d.Metadata),
            });
        }
        await db.SaveChangesAsync(ct);
        return dto;
    }

    public async Task<PatternAnalysisDto> LatestAsync(Symbol symbol, CancellationToken ct)
    {
        var securityId = await securities.FindIdAsync(symbol, ct);
        if (securityId is { } id)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var runId = await db.Detections.AsNoTracking().Where(x => x.SecurityId == id)
                .OrderByDescending(x => x.DetectedAt).ThenByDescending(x => x.Id).Select(x => (Guid?)x.RunId)
                .FirstOrDefaultAsync(ct);
            if (runId is not null)
            {
                var rows = await db.Detections.AsNoTracking().Where(x => x.RunId == runId).OrderBy(x => x.Id).ToListAsync(ct);
                return PatternMapping.FromRows(symbol, rows);
            }
        }
        throw new NotFoundException($"No patterns have been detected for {symbol}.",
            new Dictionary<string, object?> { ["symbol"] = symbol.Value });
    }

    private async Task<IReadOnlyList<Bar>> FetchBarsAsync(Symbol symbol, BarTimeframe timeframe, DateTimeOffset now,
        CancellationToken ct)
    {
        DateTimeOffset start;
        if (timeframe == BarTimeframe.OneDay)
        {
            start = now.AddDays(-460);
        }
        else
        {
            var back = timeframe == BarTimeframe.OneMinute ? 1 : 3;
            var from = MarketTime.EasternDate(now);
            for (var i = 0; i < back; i++) from = NyseCalendar.PreviousTradingDay(from);
            start = MarketTime.AtEastern(from, new TimeOnly(4, 0));
        }
        var result = await market.GetBarsAsync(new BarsRequest([symbol], timeframe, start, now), ct);
        if (!result.TryGetValue(symbol, out var bars)) return [];
        return timeframe == BarTimeframe.OneDay && bars.Count > 300 ? bars.Skip(bars.Count - 300).ToList() : bars;
    }
}

internal static class PatternMapping
{
    public static string Wire(PatternKind kind) => kind switch
    {
        PatternKind.BullFlag => PatternTypes.BullFlag,
        PatternKind.CupAndHandle => PatternTypes.CupAndHandle,
        PatternKind.AscendingTriangle => PatternTypes.AscendingTriangle,
        PatternKind.Abcd => PatternTypes.Abcd,
        _ => PatternTypes.OpeningRangeBreakout,
    };

    /// <summary>Prices to 4 places at the edge (penny stocks need them); a detection that rounding collapses is dropped.</summary>
    public static decimal Price(double value) => Math.Round((decimal)value, 4, MidpointRounding.AwayFromZero);

    public static PatternAnalysisDto ToDto(Symbol symbol, BarTimeframe timeframe, DateTimeOffset at, PatternAnalysis analysis)
    {
        var detections = new List<PatternDetectionDto>();
        PatternDetectionDto? best = null;
        foreach (var d in analysis.Detections)
        {
            if (Math.Abs(d.Target) >= 7.9e27) continue;
            var dto = new PatternDetectionDto(Wire(d.Kind), (decimal)d.Confidence, Price(d.Entry), Price(d.Target), Price(d.Stop),
                d.StartTime, d.EndTime, d.StartIndex, d.EndIndex, d.VolumeConfirmed,
                d.Metadata.Where(m => double.IsFinite(m.Value) && Math.Abs(m.Value) < 7.9e27)
                    .ToDictionary(m => m.Key, m => Math.Round((decimal)m.Value, 6)));
            if (!(dto.Stop < dto.Entry && dto.Entry < dto.Target)) continue;
            detections.Add(dto);
            if (ReferenceEquals(d, analysis.Best)) best = dto;
        }
        return new PatternAnalysisDto(symbol.Value, timeframe.ToWire(), at, analysis.BarCount,
            best is null ? null : new PatternSummaryDto(best.Type, best.Confidence, best.Entry, best.Target, best.Stop),
            best is null ? 0m : (decimal)analysis.Score, detections);
    }

    public static PatternDetectionDto? BestOf(PatternAnalysisDto dto) =>
        dto.Pattern is not { } p ? null
            : dto.Detections.FirstOrDefault(d => d.Type == p.Type && d.Entry == p.Entry && d.Stop == p.Stop && d.Target == p.Target
                                                 && d.Confidence == p.Confidence);

    public static PatternAnalysisDto FromRows(Symbol symbol, IReadOnlyList<PatternDetectionRow> rows)
    {
        var first = rows[0];
        var detections = rows.Select(r => new PatternDetectionDto(r.PatternType, r.Confidence, r.Entry, r.Target, r.Stop,
            r.StartTime, r.EndTime, r.StartIndex, r.EndIndex, r.VolumeConfirmed,
            JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.Metadata) ?? [])).ToList();
        var bestRow = rows.FirstOrDefault(r => r.IsBest);
        return new PatternAnalysisDto(symbol.Value, first.Timeframe, first.DetectedAt, first.BarCount,
            bestRow is null ? null
                : new PatternSummaryDto(bestRow.PatternType, bestRow.Confidence, bestRow.Entry, bestRow.Target, bestRow.Stop),
            bestRow is null ? 0m : first.PatternScore, detections);
    }
}
