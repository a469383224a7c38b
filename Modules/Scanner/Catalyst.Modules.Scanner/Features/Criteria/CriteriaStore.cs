using Catalyst.Modules.Scanner.Contracts;
using Catalyst.Modules.Scanner.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CriteriaRules = Catalyst.Modules.Scanner.Domain.Criteria;

namespace Catalyst.Modules.Scanner.Features.Criteria;

/// <summary>The current criteria: the newest scanner.scan_criteria row, else the configured defaults.</summary>
internal sealed class CriteriaStore(IDbContextFactory<ScannerDbContext> contexts, IOptions<ScannerOptions> options, TimeProvider clock)
{
    // Read-merge-write must not interleave, or two PUTs changing different fields would lose one change.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public ScanCriteriaDto Defaults => CriteriaRules.FromOptions(options.Value.DefaultCriteria);

    public async Task<ScanCriteriaDto> CurrentAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Criteria.AsNoTracking().OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        return row is null ? Defaults : CriteriaRules.FromRow(row);
    }

    public async Task<ScanCriteriaDto> UpdateAsync(ScanCriteriaPatch patch, string? changedBy, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var merged = CriteriaRules.Apply(await CurrentAsync(ct), patch);
            var row = CriteriaRules.ToRow(merged, clock.GetUtcNow(), changedBy);
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Criteria.Add(row);
            await db.SaveChangesAsync(ct);
            return CriteriaRules.FromRow(row);
        }
        finally
        {
            Gate.Release();
        }
    }
}
