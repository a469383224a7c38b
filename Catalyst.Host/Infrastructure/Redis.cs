using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Serialization;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Catalyst.Host.Infrastructure;

internal static class RedisRegistration
{
    public const string ConnectionStringName = "cache";

    public static IServiceCollection AddCatalystRedis(this IServiceCollection services)
    {
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var text = configuration.GetConnectionString(ConnectionStringName)
                       ?? throw new InvalidOperationException(
                           $"ConnectionStrings:{ConnectionStringName} is not set (environment: ConnectionStrings__{ConnectionStringName}).");
            var options = ConfigurationOptions.Parse(text);
            // Never block start-up on Redis: it reconnects in the background while the Host serves from memory.
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 1000;
            options.AsyncTimeout = 1000;
            options.ConnectRetry = 1;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton<IDistributedCache, FallbackRedisCache>();
        services.AddHybridCache(o => o.DefaultEntryOptions = new Microsoft.Extensions.Caching.Hybrid.HybridCacheEntryOptions
        {
            Expiration = TimeSpan.FromMinutes(5),
            LocalCacheExpiration = TimeSpan.FromSeconds(30),
        });
        services.AddSingleton<IEventFanOut, RedisEventFanOut>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }
}

/// <summary>
/// IDistributedCache over Redis that degrades to process memory: while Redis is unreachable reads and writes go to
/// memory and nothing throws, so a Redis outage costs cache hits across instances, never a request.
/// </summary>
internal sealed class FallbackRedisCache(IConnectionMultiplexer redis, IConfiguration configuration, TimeProvider clock,
    ILogger<FallbackRedisCache> logger)
    : IDistributedCache
{
    private readonly MemoryDistributedCache _memory = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly string _prefix = (configuration["Catalyst:Redis:InstanceName"] ?? "catalyst") + ":cache:";
    private long _warnedAt;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        if (redis.IsConnected)
        {
            try { return await redis.GetDatabase().StringGetAsync(_prefix + key); }
            catch (Exception ex) when (ex is RedisException or TimeoutException) { Warn(ex); }
        }
        return await _memory.GetAsync(key, token);
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (redis.IsConnected)
        {
            try
            {
                var ttl = options.AbsoluteExpirationRelativeToNow ?? options.SlidingExpiration
                          ?? (options.AbsoluteExpiration is { } at ? at - clock.GetUtcNow() : TimeSpan.FromMinutes(5));
                await redis.GetDatabase().StringSetAsync(_prefix + key, value, ttl);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException) { Warn(ex); }
        }
        await _memory.SetAsync(key, value, options, token);
    }

    public void Refresh(string key) { }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        await _memory.RemoveAsync(key, token);
        if (!redis.IsConnected) return;
        try { await redis.GetDatabase().KeyDeleteAsync(_prefix + key); }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { Warn(ex); }
    }

    private void Warn(Exception ex)
    {
        // One warning a minute at most: an outage should be visible in the logs, not flood them.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _warnedAt);
        if (now - last < 60_000 && last != 0) return;
        Interlocked.Exchange(ref _warnedAt, now);
        logger.LogWarning("Redis unavailable, caching in memory: {Reason}", ex.Message);
    }
}

/// <summary>
/// Mirrors integration events to their Redis channels as snake_case JSON; drops them while Redis is down. Fire and
/// forget: the PUBLISH is queued on the multiplexer's connection (in publishing order) and the caller does not wait for
/// Redis's reply - a round trip per event on every order's path that told the caller nothing (the fan-out was already
/// best effort: a failure was only logged at debug level, and nobody learns how many subscribers received it).
/// </summary>
internal sealed class RedisEventFanOut(IConnectionMultiplexer redis, IConfiguration configuration, ILogger<RedisEventFanOut> logger) : IEventFanOut
{
    private readonly string _prefix = configuration["Catalyst:Redis:ChannelPrefix"] ?? string.Empty;

    public Task PublishAsync(IIntegrationEvent @event, CancellationToken ct)
    {
        if (!redis.IsConnected) return Task.CompletedTask;
        try
        {
            var payload = JsonSerializer.Serialize(@event, @event.GetType(), WireJson.Options);
            return redis.GetSubscriber().PublishAsync(RedisChannel.Literal(_prefix + @event.Channel), payload, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug("Event {Channel} not fanned out: {Reason}", @event.Channel, ex.Message);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Redis down is Degraded, not Unhealthy: trading goes on without the cache and the fan-out.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected) return HealthCheckResult.Degraded("Redis is not connected; caching in memory, no fan-out.");
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded($"Redis ping failed: {ex.Message}");
        }
    }
}
