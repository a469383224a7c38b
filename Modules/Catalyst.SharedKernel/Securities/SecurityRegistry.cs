using System.Collections.Concurrent;
using Catalyst.SharedKernel.Domain;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.SharedKernel.Securities;

/// <summary>Symbol ↔ security id, the §6.4 get_or_create_security. Ids never change, so both directions are cached forever.</summary>
public interface ISecurityRegistry
{
    Task<long> GetOrCreateIdAsync(Symbol symbol, CancellationToken ct);
    Task<IReadOnlyDictionary<Symbol, long>> GetOrCreateIdsAsync(IEnumerable<Symbol> symbols, CancellationToken ct);
    Task<Symbol?> FindSymbolAsync(long securityId, CancellationToken ct);
    Task<long?> FindIdAsync(Symbol symbol, CancellationToken ct);
}

internal sealed class SecurityRegistry(IDbContextFactory<ReferenceDbContext> contexts, TimeProvider clock) : ISecurityRegistry
{
    private readonly ConcurrentDictionary<string, long> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Symbol> _symbols = new();

    public async Task<long> GetOrCreateIdAsync(Symbol symbol, CancellationToken ct) =>
        (await GetOrCreateIdsAsync([symbol], ct))[symbol];

    public async Task<IReadOnlyDictionary<Symbol, long>> GetOrCreateIdsAsync(IEnumerable<Symbol> symbols, CancellationToken ct)
    {
        var result = new Dictionary<Symbol, long>();
        var missing = new List<Symbol>();
        foreach (var s in symbols.Distinct())
        {
            if (_ids.TryGetValue(s.Value, out var id)) result[s] = id;
            else missing.Add(s);
        }
        if (missing.Count == 0) return result;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var names = missing.Select(m => m.Value).ToArray();
        // One statement, race-free across instances: insert what is missing, then read all back.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO reference.securities (symbol, created_at) SELECT s, {1} FROM unnest({0}::text[]) AS s " +
            "ON CONFLICT (symbol) DO NOTHING", [names, clock.GetUtcNow()], ct);
        var rows = await db.Securities.AsNoTracking().Where(x => names.Contains(x.Symbol))
            .Select(x => new { x.Id, x.Symbol }).ToListAsync(ct);
        foreach (var row in rows)
        {
            var symbol = Symbol.Parse(row.Symbol);
            Remember(symbol, row.Id);
            result[symbol] = row.Id;
        }
        return result;
    }

    public async Task<Symbol?> FindSymbolAsync(long securityId, CancellationToken ct)
    {
        if (_symbols.TryGetValue(securityId, out var cached)) return cached;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var text = await db.Securities.AsNoTracking().Where(x => x.Id == securityId).Select(x => x.Symbol)
            .FirstOrDefaultAsync(ct);
        if (text is null) return null;
        var symbol = Symbol.Parse(text);
        Remember(symbol, securityId);
        return symbol;
    }

    public async Task<long?> FindIdAsync(Symbol symbol, CancellationToken ct)
    {
        if (_ids.TryGetValue(symbol.Value, out var cached)) return cached;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var id = await db.Securities.AsNoTracking().Where(x => x.Symbol == symbol.Value).Select(x => (long?)x.Id)
            .FirstOrDefaultAsync(ct);
        if (id is { } found) Remember(symbol, found);
        return id;
    }

    private void Remember(Symbol symbol, long id)
    {
        _ids[symbol.Value] = id;
        _symbols[id] = symbol;
    }
}
