using Catalyst.Modules.News.Sentiment;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.News.Features.Ingestion;

/// <summary>
/// Polls the news port every Catalyst:News:PollSeconds and consumes its stream. Takes the sentiment model in its
/// constructor so that a missing or corrupt model stops the host at start-up, not at the first article.
/// </summary>
internal sealed class NewsIngestionService(
    IServiceScopeFactory scopes,
    ISentimentModel model,
    TimeProvider clock,
    IOptions<NewsOptions> options,
    ILogger<NewsIngestionService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        logger.LogInformation("News ingestion: model {Model}, poll every {Seconds}s, enabled {Enabled}", model.Name,
            settings.PollSeconds, settings.IngestionEnabled);
        if (!settings.IngestionEnabled) return;
        using (var probe = scopes.CreateScope())
        {
            if (probe.ServiceProvider.GetService<INewsPort>() is null)
            {
                logger.LogWarning("News ingestion: no INewsPort is registered; nothing to poll");
                return;
            }
        }
        await Task.WhenAll(PollAsync(settings, stoppingToken), StreamAsync(stoppingToken));
    }

    private async Task PollAsync(NewsOptions settings, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromHours(settings.InitialLookbackHours);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.PollSeconds)), clock);
        do
        {
            var started = clock.GetUtcNow();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<NewsIngestor>().IngestSinceAsync(since, ct);
                // Overlap by a few minutes: late-indexed articles are caught, repeats are deduplicated.
                since = started - TimeSpan.FromMinutes(5);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "News poll failed; retrying at the next tick");
            }
        }
        while (await WaitAsync(timer, ct));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task StreamAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var portScope = scopes.CreateAsyncScope();
                var port = portScope.ServiceProvider.GetRequiredService<INewsPort>();
                await foreach (var article in port.StreamNewsAsync(ct))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<NewsIngestor>().IngestAsync([article], ct);
                }
                // The stream ended (a source without streaming): polling carries on alone.
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "News stream failed; reconnecting in {Delay}", RetryDelay);
                try { await Task.Delay(RetryDelay, clock, ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
