using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Catalyst.Modules.Workflow.Features.Leadership;

/// <summary>
/// Decides which Host instance runs the trading cycle: the holder of a Redis lock (SET NX PX, renewed every third of its
/// expiry, released on shutdown). The others are standby: they serve reads and accept commands, but their heartbeat does
/// not drive phases, scans or entries. If Redis cannot be reached this instance runs as leader and says so in a warning —
/// a single-server deployment must still trade — and it steps down if Redis comes back with another holder.
/// </summary>
/// <remarks>
/// The lock's expiry is Redis's real time, so renewal runs on the system clock, not on the (possibly virtual) trading
/// clock: a simulated day at max speed must not outrun its own lock, and a manual-speed test must not lose it.
/// </remarks>
internal sealed partial class WorkflowLeadership : BackgroundService
{
    // Acquire or renew in one step. A lock that already carries our id is ours: after a Redis timeout or reconnect we no
    // longer know whether our last renewal landed, and refusing our own lock would idle the cycle until it expired.
    private const string AcquireScript =
        "local holder = redis.call('get', KEYS[1]) " +
        "if holder == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end " +
        "if not holder then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end " +
        "return 0";

    private const string ReleaseScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<WorkflowLeadership> _logger;
    private readonly TimeSpan _ttl;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private volatile bool _leader;
    private volatile bool _holdsLock;
    private bool _decided;

    public WorkflowLeadership(IConnectionMultiplexer redis, IOptions<WorkflowOptions> options, IConfiguration configuration,
        ILogger<WorkflowLeadership> logger)
    {
        _redis = redis;
        _logger = logger;
        _ttl = TimeSpan.FromSeconds(options.Value.LeaderTtlSeconds);
        Key = string.IsNullOrWhiteSpace(options.Value.LeaderKey)
            ? (configuration["Catalyst:Redis:ChannelPrefix"] ?? string.Empty) + WorkflowOptions.DefaultLeaderKey
            : options.Value.LeaderKey.Trim();
        InstanceId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    }

    public string Key { get; }

    /// <summary>Identifies this Host instance in the lock's value.</summary>
    public string InstanceId { get; }

    /// <summary>True when this instance drives the cycle (holding the lock, or alone because Redis is down).</summary>
    public bool IsLeader => _leader;

    public string Role => _leader ? "leader" : "standby";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Decide before the first heartbeat, so the first minute is driven by exactly one instance.
        await CheckAsync().ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_ttl / 3, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await CheckAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!_holdsLock) return;
        try
        {
            await _redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [Key], [InstanceId]).ConfigureAwait(false);
            LogReleased(Key);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // It expires by itself within the TTL; the standby takes over then.
            LogReleaseFailed(ex.Message);
        }
        _holdsLock = false;
        _leader = false;
    }

    /// <summary>Acquires, renews or re-checks the lock once. Safe to call at any time.</summary>
    public async Task CheckAsync()
    {
        await _checking.WaitAsync().ConfigureAwait(false);
        try
        {
            await CheckCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task CheckCoreAsync()
    {
        var wasLeader = _leader;
        var hadLock = _holdsLock;
        if (!_redis.IsConnected)
        {
            _holdsLock = false;
            if (!wasLeader || hadLock) LogRedisDownLeader(Key);
            _leader = true;
            return;
        }
        try
        {
            var db = _redis.GetDatabase();
            var holds = (long)await db.ScriptEvaluateAsync(AcquireScript, [Key],
                [InstanceId, (long)_ttl.TotalMilliseconds]).ConfigureAwait(false) == 1;
            _holdsLock = holds;
            _leader = holds;
            if (holds && !hadLock) LogAcquired(Key, InstanceId);
            else if (!holds && wasLeader) LogLost(Key, (string?)await db.StringGetAsync(Key).ConfigureAwait(false));
            else if (!holds && !_decided) LogStandby(Key, (string?)await db.StringGetAsync(Key).ConfigureAwait(false));
            _decided = true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Whether the call landed is unknown; the lock, if it is still ours, is recognised at the next check.
            _holdsLock = false;
            if (!wasLeader || hadLock) LogRedisFailedLeader(Key, ex.Message);
            _leader = true;
        }
    }

    public override void Dispose()
    {
        _checking.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow leader lock {Key} acquired by {Instance}: this instance runs the trading cycle")]
    private partial void LogAcquired(string key, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow standby: lock {Key} is held by {Holder}; this instance serves reads and commands only")]
    private partial void LogStandby(string key, string? holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow leader lock {Key} is now held by {Holder}; this instance steps down to standby and no longer drives the cycle")]
    private partial void LogLost(string key, string? holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable: running the trading cycle WITHOUT the leader lock {Key}. Make sure no other instance runs it.")]
    private partial void LogRedisDownLeader(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis failed while checking the leader lock {Key} ({Reason}): running the trading cycle without the lock")]
    private partial void LogRedisFailedLeader(string key, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow leader lock {Key} released")]
    private partial void LogReleased(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow leader lock could not be released ({Reason}); it expires by itself")]
    private partial void LogReleaseFailed(string reason);
}
