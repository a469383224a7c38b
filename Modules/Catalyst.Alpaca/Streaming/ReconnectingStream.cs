using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca.Streaming;

/// <summary>
/// One websocket to Alpaca shared by every subscriber: opened with the first subscriber, closed with the last, reopened
/// with exponential back-off (capped) whenever it drops. Frames may be text or binary (paper sends binary); both are
/// UTF-8 JSON. A slow subscriber loses its oldest items rather than stalling the others.
/// </summary>
internal abstract class ReconnectingStream<T>(Uri url, AlpacaOptions options, TimeProvider time, ILogger logger) : IAsyncDisposable, IDisposable
{
    private const int MaxMessageBytes = 8 * 1024 * 1024;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(15);

    private readonly Lock gate = new();
    private readonly List<Channel<T>> subscribers = [];
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private CancellationTokenSource? runCts;
    private Task? run;
    private ClientWebSocket? current;
    private int connections;

    /// <summary>How many times a connection was opened and authenticated (reconnects included).</summary>
    public int Connections => Volatile.Read(ref connections);

    protected AlpacaOptions Options => options;

    protected ILogger Logger => logger;

    public async IAsyncEnumerable<T> SubscribeAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(10_000)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        Attach(channel);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                yield return item;
        }
        finally
        {
            await DetachAsync(channel).ConfigureAwait(false);
        }
    }

    /// <summary>Authenticates (and subscribes) on a fresh connection; throws when Alpaca refuses.</summary>
    protected abstract Task HandshakeAsync(WebSocket socket, CancellationToken ct);

    /// <summary>The items in one message; control messages yield nothing.</summary>
    protected abstract IEnumerable<T> Parse(JsonElement message);

    protected bool IsConnected => current is { State: WebSocketState.Open };

    /// <summary>Sends on the live connection, if there is one (e.g. to widen a subscription).</summary>
    protected async Task SendIfConnectedAsync(object message, CancellationToken ct)
    {
        if (current is { State: WebSocketState.Open } socket)
            await SendAsync(socket, message, ct).ConfigureAwait(false);
    }

    protected async Task SendAsync(WebSocket socket, object message, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>Reads the next message during the handshake, which must not hang on a silent server.</summary>
    protected async Task<JsonElement> ReceiveHandshakeAsync(WebSocket socket, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(HandshakeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var frame = await ReceiveAsync(socket, linked.Token).ConfigureAwait(false)
                    ?? throw new WebSocketException("The stream closed during the handshake.");
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.Clone();
    }

    private void Attach(Channel<T> channel)
    {
        lock (gate)
        {
            subscribers.Add(channel);
            if (run is not null) return;
            runCts = new CancellationTokenSource();
            var token = runCts.Token;
            run = Task.Run(() => RunAsync(token), CancellationToken.None);
        }
    }

    private async Task DetachAsync(Channel<T> channel)
    {
        Task? stopping = null;
        CancellationTokenSource? cts = null;
        lock (gate)
        {
            subscribers.Remove(channel);
            if (subscribers.Count == 0 && run is not null)
            {
                (stopping, cts, run, runCts) = (run, runCts, null, null);
            }
        }

        if (cts is null || stopping is null) return;
        await cts.CancelAsync().ConfigureAwait(false);
        await stopping.ConfigureAwait(false);
        cts.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, ct).ConfigureAwait(false);
                await HandshakeAsync(socket, ct).ConfigureAwait(false);
                Interlocked.Increment(ref connections);
                failures = 0;
                current = socket;
                logger.LogInformation("Alpaca stream {Url} connected", url);
                await PumpAsync(socket, ct).ConfigureAwait(false);
                logger.LogWarning("Alpaca stream {Url} was closed by the server", url);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or JsonException or InvalidOperationException
                                           or OperationCanceledException or IOException)
            {
                logger.LogWarning("Alpaca stream {Url} dropped: {Error}", url, ex.Message);
            }
#pragma warning disable CA1031 // The stream must outlive any one failure; it is logged and the connection reopened.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Alpaca stream {Url} failed unexpectedly", url);
            }
            finally
            {
                current = null;
            }

            failures++;
            var delay = Backoff(failures);
            logger.LogInformation("Alpaca stream {Url} reconnecting in {Delay}", url, delay);
            try
            {
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.StreamBackoffStart.Ticks * factor, options.StreamBackoffCap.Ticks));
        return delay;
    }

    private async Task PumpAsync(WebSocket socket, CancellationToken ct)
    {
        while (await ReceiveAsync(socket, ct).ConfigureAwait(false) is { } frame)
        {
            List<T> items;
            try
            {
                using var document = JsonDocument.Parse(frame);
                items = Parse(document.RootElement).ToList();
            }
            catch (JsonException ex)
            {
                // One malformed message is skipped; dropping the connection for it would lose the messages behind it.
                logger.LogWarning("Alpaca stream {Url} sent a message we cannot read: {Error}", url, ex.Message);
                continue;
            }

            foreach (var item in items) Publish(item);
        }
    }

    private void Publish(T item)
    {
        Channel<T>[] targets;
        lock (gate) targets = [.. subscribers];
        foreach (var channel in targets) channel.Writer.TryWrite(item);
    }

    /// <summary>One whole message (text or binary: both are UTF-8 JSON); null when the server closes.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReceiveAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes) throw new WebSocketException("A stream message exceeded 8 MB.");
            if (!result.EndOfMessage) continue;
            return buffer.WrittenMemory;
        }
    }

    /// <summary>For containers disposed synchronously: stops the connection without waiting for it to close.</summary>
    public void Dispose()
    {
        CancellationTokenSource? cts;
        lock (gate)
        {
            (cts, run, runCts) = (runCts, null, null);
            foreach (var channel in subscribers) channel.Writer.TryComplete();
            subscribers.Clear();
        }

        cts?.Cancel();
        GC.SuppressFinalize(this);
    }

    public async ValueTask DisposeAsync()
    {
        Task? stopping;
        CancellationTokenSource? cts;
        lock (gate)
        {
            (stopping, cts, run, runCts) = (run, runCts, null, null);
            foreach (var channel in subscribers) channel.Writer.TryComplete();
            subscribers.Clear();
        }

        if (cts is not null)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            if (stopping is not null) await stopping.ConfigureAwait(false);
            cts.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
