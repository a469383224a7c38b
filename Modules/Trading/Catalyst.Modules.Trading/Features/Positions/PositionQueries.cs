using Catalyst.Modules.Trading.Contracts;
using Catalyst.Modules.Trading.Domain;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Securities;
using Catalyst.SharedKernel.Time;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Trading.Features.Positions;

/// <summary>Positions as §3.4 shows them: marked to the market data port's latest prices.</summary>
internal sealed class PositionReader(
    IDbContextFactory<TradingDbContext> contexts,
    ISecurityRegistry securities,
    IMarketDataPort market,
    TimeProvider clock,
    ILogger<PositionReader> logger)
{
    public async Task<IReadOnlyList<PositionDto>> ListAsync(string status, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = status == PositionStatuses.Open
            ? await db.Positions.AsNoTracking().Where(p => p.Status == PositionStatuses.Open).OrderBy(p => p.OpenedAt).ToListAsync(ct)
            : await db.Positions.AsNoTracking().Where(p => p.Status == PositionStatuses.Closed)
                .OrderByDescending(p => p.ClosedAt).Take(500).ToListAsync(ct);
        return await ToDtosAsync(rows, ct);
    }

    public async Task<PositionDto> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Positions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException($"Position {id} not found.", new Dictionary<string, object?> { ["position_id"] = id });
        return (await ToDtosAsync([row], ct))[0];
    }

    public async Task<PositionDto> GetOpenAsync(Symbol symbol, CancellationToken ct)
    {
        var row = await FindOpenAsync(symbol, ct) ?? throw NoOpenPosition(symbol);
        return (await ToDtosAsync([row], ct))[0];
    }

    public async Task<PositionRow?> FindOpenAsync(Symbol symbol, CancellationToken ct)
    {
        if (await securities.FindIdAsync(symbol, ct) is not { } securityId) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Positions.AsNoTracking()
            .FirstOrDefaultAsync(p => p.SecurityId == securityId && p.Status == PositionStatuses.Open, ct);
    }

    public static NotFoundException NoOpenPosition(Symbol symbol) =>
        new($"No open position in {symbol}.", new Dictionary<string, object?> { ["symbol"] = symbol.Value });

    /// <summary>Latest prices; a market data outage leaves prices null rather than failing the read.</summary>
    public async Task<IReadOnlyDictionary<Symbol, decimal>> PricesAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct)
    {
        if (symbols.Count == 0) return new Dictionary<Symbol, decimal>();
        try
        {
            var snapshots = await market.GetSnapshotsAsync(symbols, ct);
            return snapshots.Where(s => s.Value.Price is not null).ToDictionary(s => s.Key, s => s.Value.Price!.Value);
        }
        catch (Exception ex) when (ex is CatalystException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning("Market data unavailable for position marks: {Reason}", ex.Message);
            return new Dictionary<Symbol, decimal>();
        }
    }

    public async Task<IReadOnlyList<PositionDto>> ToDtosAsync(IReadOnlyList<PositionRow> rows, CancellationToken ct)
    {
        var symbols = new Dictionary<long, Symbol>();
        foreach (var id in rows.Select(r => r.SecurityId).Distinct())
            symbols[id] = await securities.FindSymbolAsync(id, ct) ?? throw new InvalidOperationException($"security {id} missing");
        var open = rows.Where(r => r.Status == PositionStatuses.Open).Select(r => symbols[r.SecurityId]).Distinct().ToList();
        var prices = await PricesAsync(open, ct);
        var now = clock.GetUtcNow();
        return rows.Select(r => ToDto(r, symbols[r.SecurityId], prices.TryGetValue(symbols[r.SecurityId], out var p) ? p : null, now))
            .ToList();
    }

    public static PositionDto ToDto(PositionRow row, Symbol symbol, decimal? price, DateTimeOffset now)
    {
        var isOpen = row.Status == PositionStatuses.Open;
        var entry = PositionMath.EntryPrice(row);
        decimal? unrealized = isOpen && price is { } p ? PositionMath.Cents(PositionMath.Unrealized(row, p)) : null;
        decimal? unrealizedPct = isOpen && price is { } p2 ? PositionMath.Percent(PositionMath.Unrealized(row, p2), row.CostBasis) : null;
        var quantity = isOpen ? row.Quantity : row.EntryQuantity;
        decimal? risk = isOpen && row.StopLoss is { } stop ? PositionMath.Cents(Math.Abs(entry - stop) * row.Quantity) : row.InitialRisk;
        return new PositionDto(row.Id, symbol.Value, row.Side, quantity, PositionMath.Price(entry),
            isOpen ? price : PositionMath.ExitPrice(row) is { } exit ? PositionMath.Price(exit) : null,
            unrealized, unrealizedPct, row.OpenedAt, PositionMath.Duration((row.ClosedAt ?? now) - row.OpenedAt),
            row.StopLoss, row.TakeProfit, risk is { } r ? PositionMath.Cents(r) : null, row.Pattern,
            isOpen ? PositionStatuses.Open : row.ExitReason == ExitReasons.StopLoss ? "stopped_out" : PositionStatuses.Closed,
            row.RealizedPnl, row.ClosedAt);
    }
}

internal sealed class GetPositionsHandler(PositionReader reader) : IRequestHandler<GetPositions, IReadOnlyList<PositionDto>>
{
    public async ValueTask<IReadOnlyList<PositionDto>> Handle(GetPositions request, CancellationToken cancellationToken) =>
        await reader.ListAsync(request.Status, cancellationToken);
}

internal sealed class GetPositionHandler(PositionReader reader) : IRequestHandler<GetPosition, PositionDto>
{
    public async ValueTask<PositionDto> Handle(GetPosition request, CancellationToken cancellationToken) =>
        await reader.GetAsync(request.PositionId, cancellationToken);
}

/// <summary>The day's realized P&amp;L from the fills of that US/Eastern date, and the open book marked to market.</summary>
internal sealed class GetTradingDaySummaryHandler(
    IDbContextFactory<TradingDbContext> contexts,
    PositionReader reader,
    TimeProvider clock) : IRequestHandler<GetTradingDaySummary, TradingDaySummaryDto>
{
    public async ValueTask<TradingDaySummaryDto> Handle(GetTradingDaySummary request, CancellationToken cancellationToken)
    {
        var date = request.Date ?? clock.TodayEastern();
        var from = MarketTime.AtEastern(date, TimeOnly.MinValue);
        var to = MarketTime.AtEastern(date.AddDays(1), TimeOnly.MinValue);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var realized = await db.Fills.AsNoTracking().Where(f => f.FilledAt >= from && f.FilledAt < to)
            .SumAsync(f => f.RealizedPnl, cancellationToken);
        var closed = await db.Positions.AsNoTracking()
            .CountAsync(p => p.Status == PositionStatuses.Closed && p.ClosedAt >= from && p.ClosedAt < to, cancellationToken);
        var openRows = await db.Positions.AsNoTracking().Where(p => p.Status == PositionStatuses.Open).ToListAsync(cancellationToken);
        var open = await reader.ToDtosAsync(openRows, cancellationToken);

        var exposures = open.Select(p => new OpenExposureDto(p.Symbol, p.Side, p.Quantity,
            PositionMath.Cents(p.Quantity * (p.CurrentPrice ?? p.EntryPrice)))).ToList();
        return new TradingDaySummaryDto(date, realized, open.Sum(p => p.UnrealizedPnl ?? 0m), open.Count,
            exposures.Sum(e => e.MarketValue), closed, exposures);
    }
}
