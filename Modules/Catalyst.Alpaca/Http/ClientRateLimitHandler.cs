using System.Threading.RateLimiting;
using Catalyst.SharedKernel.Errors;

namespace Catalyst.Alpaca.Http;

/// <summary>
/// Queues requests so we stay under Alpaca's per-key budget (200/min): waiting a little here is cheaper than a 429, and
/// it sits below the resilience handler so retries are counted too.
/// </summary>
internal sealed class ClientRateLimitHandler(RateLimiter limiter) : DelegatingHandler
{
    public static RateLimiter CreateLimiter(int requestsPerMinute) => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = requestsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 12,
        QueueLimit = 10_000,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
            throw new ServiceUnavailableException("BROKER_RATE_LIMITED", "Too many Alpaca requests are queued; retry shortly.");
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>One budget per Alpaca host (trading and data count separately), shared by every client of that host.</summary>
internal sealed class AlpacaRateLimiters(AlpacaOptions options) : IDisposable
{
    public RateLimiter Trading { get; } = ClientRateLimitHandler.CreateLimiter(options.RequestsPerMinute);
    public RateLimiter Data { get; } = ClientRateLimitHandler.CreateLimiter(options.RequestsPerMinute);

    public void Dispose()
    {
        Trading.Dispose();
        Data.Dispose();
    }
}
