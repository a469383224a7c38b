using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Simulation.News;

/// <summary>The news port over the day's generated articles: only what has been published by the virtual now.</summary>
internal sealed class SimulatedNews : INewsPort, IDisposable
{
    public const int HeartbeatOrder = 1;

    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly List<Channel<NewsArticle>> _streams = [];
    private readonly IDisposable _subscription;
    private DateTimeOffset _publishedUpTo;

    public SimulatedNews(IReadOnlyList<NewsArticle> articles, TimeProvider clock, IMarketHeartbeat heartbeat)
    {
        Articles = [.. articles.OrderBy(a => a.CreatedAt)];
        _clock = clock;
        _publishedUpTo = clock.GetUtcNow();
        _subscription = heartbeat.Subscribe("simulated-news", HeartbeatOrder, PublishAsync);
    }

    /// <summary>Every article of the day, published or not (tests and backtest reports only).</summary>
    public IReadOnlyList<NewsArticle> Articles { get; }

    public Task<IReadOnlyList<NewsArticle>> GetNewsAsync(DateTimeOffset since, IReadOnlyCollection<Symbol> symbols, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var now = _clock.GetUtcNow();
        var filter = symbols.Count == 0 ? null : symbols.ToHashSet();
        IReadOnlyList<NewsArticle> result =
        [
            .. Articles.Where(a => a.CreatedAt >= since && a.CreatedAt <= now
                && (filter is null || a.Symbols.Any(filter.Contains))),
        ];
        return Task.FromResult(result);
    }

    public async IAsyncEnumerable<NewsArticle> StreamNewsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<NewsArticle>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate) _streams.Add(channel);
        try
        {
            await foreach (var article in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false)) yield return article;
        }
        finally
        {
            lock (_gate) _streams.Remove(channel);
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_gate)
        {
            foreach (var stream in _streams) stream.Writer.TryComplete();
            _streams.Clear();
        }
    }

    private Task PublishAsync(DateTimeOffset now, CancellationToken ct)
    {
        Channel<NewsArticle>[] streams;
        DateTimeOffset from;
        lock (_gate)
        {
            from = _publishedUpTo;
            if (now <= from) return Task.CompletedTask;
            _publishedUpTo = now;
            streams = [.. _streams];
        }
        foreach (var article in Articles)
            if (article.CreatedAt > from && article.CreatedAt <= now)
                foreach (var stream in streams) stream.Writer.TryWrite(article);
        return Task.CompletedTask;
    }
}
