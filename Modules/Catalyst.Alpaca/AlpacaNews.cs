using System.Globalization;
using Catalyst.Alpaca.Http;
using Catalyst.Alpaca.Streaming;
using Catalyst.Alpaca.Wire;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Alpaca;

/// <summary>INewsPort over Alpaca News v1beta1 (REST pages and the news websocket).</summary>
internal sealed class AlpacaNews(AlpacaRestClient rest, NewsStream stream) : INewsPort
{
    private const int PageSize = 50;

    /// <summary>A hard stop on paging, so a mistaken "since" years back cannot spend the whole rate budget.</summary>
    private const int MaxPages = 40;

    public async Task<IReadOnlyList<NewsArticle>> GetNewsAsync(DateTimeOffset since, IReadOnlyCollection<Symbol> symbols,
        CancellationToken ct)
    {
        var articles = new List<NewsArticle>();
        var start = Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var filter = symbols.Count == 0 ? "" : $"&symbols={string.Join(',', symbols.Select(s => s.Value))}";
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"v1beta1/news?start={start}{filter}&limit={PageSize}&sort=asc" +
                       (token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}");
            var result = await rest.GetAsync<NewsPageDto>(path, "news", ct).ConfigureAwait(false);
            articles.AddRange((result.News ?? []).Select(n => n.ToArticle()));
            token = string.IsNullOrEmpty(result.NextPageToken) ? null : result.NextPageToken;
            if (token is null) break;
        }

        return articles.Where(a => a.CreatedAt >= since).OrderBy(a => a.CreatedAt).ToList();
    }

    public IAsyncEnumerable<NewsArticle> StreamNewsAsync(CancellationToken ct) => stream.SubscribeAsync(ct);
}
