using Catalyst.Modules.News.Contracts;
using Catalyst.Modules.News.Persistence;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Securities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Modules.News.Features.RecentNews;

internal sealed class GetRecentNewsHandler(NewsDbContext db, ISecurityRegistry securities, TimeProvider clock)
    : IRequestHandler<GetRecentNews, RecentNewsResponse>
{
    /// <summary>The newest this many items; a day of news for a watch list fits well within it.</summary>
    internal const int MaxItems = 500;

    public async ValueTask<RecentNewsResponse> Handle(GetRecentNews request, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromHours(request.Hours);
        var query = db.NewsSentiment.AsNoTracking()
            .Where(n => n.PublishedAt >= since && n.SentimentScore >= request.MinSentiment);
        if (request.Symbols is { Count: > 0 })
        {
            var ids = new List<long>();
            foreach (var text in request.Symbols.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (await securities.FindIdAsync(Symbol.Parse(text, "symbols"), cancellationToken) is { } id) ids.Add(id);
            }
            if (ids.Count == 0) return new RecentNewsResponse(0, []);
            query = query.Where(n => ids.Contains(n.SecurityId));
        }
        var rows = await query.OrderByDescending(n => n.PublishedAt).ThenBy(n => n.Id).Take(MaxItems)
            .ToListAsync(cancellationToken);
        var items = new List<NewsItemDto>(rows.Count);
        foreach (var n in rows)
        {
            var symbol = await securities.FindSymbolAsync(n.SecurityId, cancellationToken);
            items.Add(new NewsItemDto(n.Id, symbol?.Value ?? "?", n.Headline, n.PublishedAt, n.SentimentScore, n.SentimentLabel,
                n.CatalystType, n.CatalystStrength, n.Source, n.Url));
        }
        return new RecentNewsResponse(items.Count, items);
    }
}
