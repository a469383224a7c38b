using System.Text;
using System.Text.Json;
using Catalyst.Modules.Scanner.Persistence;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.Scanner.Features.Results;

/// <summary>
/// Stored scans for the read side: the latest one from Redis when it is there (written by the scan that produced it),
/// else from the database, which stays the source of truth.
/// </summary>
internal sealed class ScanReader(
    IDbContextFactory<ScannerDbContext> contexts,
    IDistributedCache cache,
    DecodedScanMemo decoded,
    IOptions<ScannerOptions> options,
    ILogger<ScanReader> logger)
{
    public const string LatestKey = "scanner:latest";

    /// <summary>The id of the scan under <see cref="LatestKey"/>, written after it: a reader that decoded that scan already
    /// reads these 36 bytes instead of the ~80 KB scan, every minute, to learn nothing is new.</summary>
    public const string LatestIdKey = "scanner:latest:id";

    public async Task<ScanSnapshot?> LatestAsync(Guid? cycleId, CancellationToken ct)
    {
        if (cycleId is null && await FromCacheAsync(ct) is { } cached) return cached;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Scans.AsNoTracking();
        if (cycleId is { } cycle) query = query.Where(s => s.CycleId == cycle);
        var scan = await query.OrderByDescending(s => s.CompletedAt).ThenByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (scan is null) return null;
        var snapshot = await LoadAsync(db, scan, ct);
        if (cycleId is null) await StoreLatestAsync(snapshot, ct);
        return snapshot;
    }

    public async Task<ScanSnapshot> LatestOrThrowAsync(Guid? cycleId, CancellationToken ct) =>
        await LatestAsync(cycleId, ct) ?? throw new NotFoundException(cycleId is null
                ? "No scan results found: no scan has run yet (POST /api/v1/scan/start)."
                : $"No scan results found for cycle {cycleId}.",
            cycleId is null ? null : new Dictionary<string, object?> { ["cycle_id"] = cycleId });

    /// <summary>The scan with this id, else the latest scan of the cycle with this id.</summary>
    public async Task<ScanSnapshot> ByIdAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scan = await db.Scans.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct)
                   ?? await db.Scans.AsNoTracking().Where(s => s.CycleId == id)
                       .OrderByDescending(s => s.CompletedAt).ThenByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        return scan is null
            ? throw new NotFoundException($"No scan or trading cycle {id} has scan results.",
                new Dictionary<string, object?> { ["id"] = id })
            : await LoadAsync(db, scan, ct);
    }

    public async Task StoreLatestAsync(ScanSnapshot snapshot, CancellationToken ct)
    {
        try
        {
            var expiry = new DistributedCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(Math.Max(1, options.Value.CacheMinutes)),
            };
            await cache.SetAsync(LatestKey, JsonSerializer.SerializeToUtf8Bytes(snapshot, WireJson.Options), expiry, ct);
            await cache.SetAsync(LatestIdKey, Encoding.UTF8.GetBytes(snapshot.ScanId.ToString()), expiry, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database has the scan; a cache that cannot take it costs a query on the next read, nothing more.
            logger.LogWarning(ex, "Scanner: could not cache scan {ScanId}", snapshot.ScanId);
        }
    }

    private async Task<ScanSnapshot?> FromCacheAsync(CancellationToken ct)
    {
        try
        {
            if (await cache.GetAsync(LatestIdKey, ct) is { } id && decoded.Find(id) is { } known) return known;
            var bytes = await cache.GetAsync(LatestKey, ct);
            return bytes is null ? null : decoded.Decode(bytes);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            logger.LogWarning(ex, "Scanner: ignoring an unreadable cached scan");
            return null;
        }
    }

    private static async Task<ScanSnapshot> LoadAsync(ScannerDbContext db, ScanRow scan, CancellationToken ct)
    {
        var rows = await db.Results.AsNoTracking().Where(r => r.ScanId == scan.Id).ToListAsync(ct);
        return ScanMapping.ToSnapshot(scan, rows);
    }
}

/// <summary>
/// The cached scan this process decoded last, with the bytes it came from. The strategy reads the latest scan every
/// minute and a new one arrives every quarter of an hour, so the same ~100-symbol JSON was parsed again and again (about
/// 1.5 ms a minute). Keyed by what was just read from the cache (the scan's bytes, or its id under
/// <see cref="ScanReader.LatestIdKey"/>), so it only ever answers with what the cache holds.
/// </summary>
internal sealed class DecodedScanMemo
{
    private sealed record Entry(byte[] Bytes, ScanSnapshot Snapshot);

    private volatile Entry? _last;

    /// <summary>The decoded scan when <paramref name="scanId"/> (UTF-8) is its id, else null.</summary>
    public ScanSnapshot? Find(byte[] scanId) =>
        _last is { } last && Guid.TryParse(Encoding.UTF8.GetString(scanId), out var id) && id == last.Snapshot.ScanId
            ? last.Snapshot
            : null;

    public ScanSnapshot? Decode(byte[] bytes)
    {
        if (_last is { } last && last.Bytes.AsSpan().SequenceEqual(bytes)) return last.Snapshot;
        var snapshot = JsonSerializer.Deserialize<ScanSnapshot>(bytes, WireJson.Options);
        if (snapshot is not null) _last = new Entry(bytes, snapshot);
        return snapshot;
    }
}
