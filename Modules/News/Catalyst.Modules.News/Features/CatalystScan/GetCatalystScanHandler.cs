using Catalyst.Modules.News.Contracts;
using Catalyst.Modules.News.Persistence;
using Catalyst.SharedKernel.Securities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.News.Features.CatalystScan;

internal sealed class GetCatalystScanHandler(NewsDbContext db, ISecurityRegistry securities, TimeProvider clock)
    : IRequestHandler<GetCatalystScan, CatalystScanResponse>
{
    public async ValueTask<CatalystScanResponse> Handle(GetCatalystScan request, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromHours(request.Hours);
        var min = (double)request.MinCatalystStrength;
        // news_sentiment rather than catalyst_events: the scan may ask below the event threshold.
        var rows = await db.NewsSentiment.AsNoTracking()
            .Where(n => n.PublishedAt >= since && n.CatalystStrength >= min && n.CatalystType != CatalystTypes.Other)
            .Select(n => new { n.SecurityId, n.Headline, n.CatalystType, n.CatalystStrength, n.SentimentScore, n.PublishedAt })
            .ToListAsync(cancellationToken);
        var groups = rows.GroupBy(r => r.SecurityId)
            .Select(g => new
            {
                SecurityId = g.Key,
                Count = g.Count(),
                Strongest = g.OrderByDescending(r => r.CatalystStrength).ThenByDescending(r => r.PublishedAt).First(),
            })
            .OrderByDescending(g => g.Strongest.CatalystStrength).ThenByDescending(g => g.Count).ThenBy(g => g.SecurityId)
            .ToList();
        var catalysts = new List<SymbolCatalystsDto>();
        foreach (var g in groups.Take(request.Limit))
        {
            var symbol = await securities.FindSymbolAsync(g.SecurityId, cancellationToken);
            catalysts.Add(new SymbolCatalystsDto(symbol?.Value ?? "?", g.Count,
                new StrongestCatalystDto(g.Strongest.Headline, g.Strongest.CatalystType, g.Strongest.CatalystStrength,
                    g.Strongest.SentimentScore)));
        }
        return new CatalystScanResponse(groups.Count, catalysts);
    }
}
