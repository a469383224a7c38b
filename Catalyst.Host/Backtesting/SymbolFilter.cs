using System.Runtime.CompilerServices;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;

namespace Catalyst.Host.Backtesting;

internal static class ServiceDecoration
{
    /// <summary>Wraps the last registration of <typeparamref name="T"/> (keeping its lifetime) in <paramref name="wrap"/>.</summary>
    public static IServiceCollection Decorate<T>(this IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(T) && !d.IsKeyedService);
        Func<IServiceProvider, T> inner = descriptor.ImplementationFactory is { } factory ? sp => (T)factory(sp)
            : descriptor.ImplementationInstance is T instance ? _ => instance
            : sp => (T)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);
        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => wrap(sp, inner(sp)), descriptor.Lifetime));
        return services;
    }

    /// <summary>--symbols: the market and the newswire show only these names, to every module and to the broker alike.</summary>
    public static IServiceCollection RestrictToSymbols(this IServiceCollection services, IReadOnlyCollection<Symbol> symbols)
    {
        if (symbols.Count == 0) return services;
        var allowed = symbols.ToHashSet();
        services.Decorate<IMarketDataPort>((_, inner) => new SymbolFilteredMarketData(inner, allowed));
        if (services.Any(d => d.ServiceType == typeof(INewsPort)))
            services.Decorate<INewsPort>((_, inner) => new SymbolFilteredNews(inner, allowed));
        return services;
    }
}

internal sealed class SymbolFilteredMarketData(IMarketDataPort inner, HashSet<Symbol> allowed) : IMarketDataPort
{
    public Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>> GetBarsAsync(BarsRequest request, CancellationToken ct) =>
        inner.GetBarsAsync(request with { Symbols = [.. request.Symbols.Where(allowed.Contains)] }, ct);

    public Task<IReadOnlyDictionary<Symbol, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct) =>
        inner.GetSnapshotsAsync([.. symbols.Where(allowed.Contains)], ct);

    public async Task<IReadOnlyList<UniverseEntry>> GetUniverseAsync(int top, CancellationToken ct)
    {
        var all = await inner.GetUniverseAsync(int.MaxValue / 2, ct).ConfigureAwait(false);
        return [.. all.Where(e => allowed.Contains(e.Symbol)).Take(top)];
    }

    public async IAsyncEnumerable<SymbolBar> StreamBarsAsync(IReadOnlyCollection<Symbol> symbols,
        [EnumeratorCancellation] CancellationToken ct)
    {
        IReadOnlyCollection<Symbol> wanted = symbols.Count == 0 ? allowed : [.. symbols.Where(allowed.Contains)];
        if (wanted.Count == 0) yield break;
        await foreach (var bar in inner.StreamBarsAsync(wanted, ct).ConfigureAwait(false)) yield return bar;
    }
}

internal sealed class SymbolFilteredNews(INewsPort inner, HashSet<Symbol> allowed) : INewsPort
{
    public async Task<IReadOnlyList<NewsArticle>> GetNewsAsync(DateTimeOffset since, IReadOnlyCollection<Symbol> symbols,
        CancellationToken ct)
    {
        IReadOnlyCollection<Symbol> wanted = symbols.Count == 0 ? allowed : [.. symbols.Where(allowed.Contains)];
        if (wanted.Count == 0) return [];
        var articles = await inner.GetNewsAsync(since, wanted, ct).ConfigureAwait(false);
        return [.. articles.Where(a => a.Symbols.Any(allowed.Contains))];
    }

    public async IAsyncEnumerable<NewsArticle> StreamNewsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var article in inner.StreamNewsAsync(ct).ConfigureAwait(false))
            if (article.Symbols.Any(allowed.Contains)) yield return article;
    }
}
