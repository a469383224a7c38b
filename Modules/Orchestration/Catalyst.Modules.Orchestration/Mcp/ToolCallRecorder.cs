using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Catalyst.Modules.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Orchestration.Mcp;

/// <summary>
/// Writes the orchestration.tool_calls row of each call. A failed write is logged, never surfaced: the trade the
/// assistant asked for has already happened, and answering it with an error would invite a duplicate.
/// The row is built when the call ends and queued; this background service writes the queue in batches (one INSERT
/// round trip for many calls), so the answer does not wait for the audit row. Nothing is dropped: when the queue is full,
/// the service is not running (yet, or any more: stopping drains the queue first) the caller writes its row itself, and
/// <see cref="FlushAsync"/> lets a reader of the log (the REST endpoint, catalyst://logs/recent) see every call that
/// ended before it asked. Only a crash of the process can lose the few rows still queued.
/// </summary>
internal sealed class ToolCallRecorder(IDbContextFactory<OrchestrationDbContext> contexts, TimeProvider clock,
    ILogger<ToolCallRecorder> logger) : BackgroundService
{
    /// <summary>Rows waiting to be written at most; beyond it a call writes its own row (backpressure, not loss).</summary>
    public const int Capacity = 4096;

    /// <summary>How long a reader of the log waits for the queued rows before it reads what is there.</summary>
    public static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(2);

    private const int MaxBatch = 256;

    private static readonly string[] SecretMarkers = ["key", "secret", "token", "password", "passwd", "authorization", "credential", "cookie"];

    private readonly Channel<(ToolCallRow Row, long Sequence)> _queue = Channel.CreateBounded<(ToolCallRow, long)>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Lock _lock = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _queued;  // sequence of the last row queued
    private long _written; // every queued row up to this sequence is written (or its failure logged)
    private volatile bool _running;

    /// <summary>Queues the call's row (or, when it cannot be queued, writes it before returning).</summary>
    public async Task RecordAsync(ToolCallInfo call, CancellationToken ct)
    {
        ToolCallRow row;
        try
        {
            row = ToRow(call);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record MCP tool call {Tool} (request {RequestId})", call.Tool, call.RequestId);
            return;
        }
        if (_running)
        {
            lock (_lock)
            {
                if (_queue.Writer.TryWrite((row, _queued + 1)))
                {
                    _queued++;
                    return;
                }
            }
        }
        await WriteAsync([row], ct);
    }

    /// <summary>
    /// Waits (at most <paramref name="timeout"/>) until every row queued before this call is written, so a read of the
    /// log that follows sees them.
    /// </summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken ct)
    {
        var target = Interlocked.Read(ref _queued);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task progress;
            lock (_lock)
            {
                if (_written >= target || !_running) return;
                progress = _progress.Task;
            }
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero) return;
            try
            {
                await progress.WaitAsync(left, ct);
            }
            catch (TimeoutException)
            {
                return; // a stuck database: the reader gets what is there rather than hang
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // No more queueing (later calls write their own rows); the loop writes what is queued, then ends.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        var batch = new List<ToolCallRow>(MaxBatch);
        try
        {
            // Not the stopping token: on shutdown the queue is completed and drained, not abandoned.
            while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                long last = 0;
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item.Row);
                    last = item.Sequence;
                }
                if (batch.Count == 0) continue;
                await WriteAsync(batch, CancellationToken.None);
                batch.Clear();
                Written(last);
            }
        }
        finally
        {
            lock (_lock)
            {
                _running = false;
                _progress.TrySetResult();
            }
        }
    }

    private void Written(long sequence)
    {
        lock (_lock)
        {
            _written = sequence;
            _progress.TrySetResult();
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>One round trip for the batch; when it fails, each row on its own, so one bad row costs only itself.</summary>
    private async Task WriteAsync(IReadOnlyList<ToolCallRow> rows, CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.ToolCalls.AddRange(rows);
            await db.SaveChangesAsync(ct);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (rows.Count == 1)
            {
                logger.LogWarning(ex, "Could not record MCP tool call {Tool} (request {RequestId})", rows[0].Tool, rows[0].RequestId);
                return;
            }
        }
        foreach (var row in rows)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                db.ToolCalls.Add(row);
                await db.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not record MCP tool call {Tool} (request {RequestId})", row.Tool, row.RequestId);
            }
        }
    }

    private ToolCallRow ToRow(ToolCallInfo call) => new()
    {
        Id = Guid.CreateVersion7(clock.GetUtcNow()),
        Tool = call.Tool,
        Arguments = Redact(call.Arguments).ToJsonString(),
        Outcome = call.Outcome,
        ErrorCode = call.ErrorCode,
        ErrorKind = Truncate(call.ErrorKind, 64),
        ErrorMessage = Truncate(call.ErrorMessage, 2000),
        DurationMs = Math.Max(0, call.DurationMs),
        Caller = Truncate(call.Caller, 200)!,
        Transport = call.Transport,
        SessionId = Truncate(call.SessionId, 200),
        RequestId = call.RequestId,
        TraceId = call.TraceId,
        CalledAt = clock.GetUtcNow(),
    };

    /// <summary>A copy of the arguments with every value under a secret-looking name replaced by "***", at any depth.</summary>
    internal static JsonObject Redact(IDictionary<string, JsonElement>? arguments)
    {
        var result = new JsonObject();
        if (arguments is null) return result;
        foreach (var (name, value) in arguments) result[name] = IsSecret(name) ? "***" : RedactNode(JsonNode.Parse(value.GetRawText()));
        return result;
    }

    private static JsonNode? RedactNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                    obj[name] = IsSecret(name) ? "***" : RedactNode(obj[name]?.DeepClone());
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = RedactNode(array[i]?.DeepClone());
                return array;
            default:
                return node;
        }
    }

    private static bool IsSecret(string name) =>
        SecretMarkers.Any(marker => name.Contains(marker, StringComparison.OrdinalIgnoreCase));

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
