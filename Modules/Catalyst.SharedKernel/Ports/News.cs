using Catalyst.SharedKernel.Domain;

namespace Catalyst.SharedKernel.Ports;

public sealed record NewsArticle(string Id, string Headline, string Summary, string Source, string? Url,
    IReadOnlyList<Symbol> Symbols, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Alpaca News (v1beta1) or the simulated newswire.</summary>
public interface INewsPort
{
    /// <summary>Articles created at or after <paramref name="since"/>, oldest first; for <paramref name="symbols"/> or all when empty.</summary>
    Task<IReadOnlyList<NewsArticle>> GetNewsAsync(DateTimeOffset since, IReadOnlyCollection<Symbol> symbols, CancellationToken ct);

    IAsyncEnumerable<NewsArticle> StreamNewsAsync(CancellationToken ct);
}
