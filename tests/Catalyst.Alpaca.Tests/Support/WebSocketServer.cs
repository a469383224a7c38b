using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca.Tests.Support;

/// <summary>
/// A Kestrel websocket server on loopback (WireMock cannot do websockets). Each connection is handed to the script
/// with its 1-based number; what clients send is recorded.
/// </summary>
internal sealed class WebSocketServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int connections;

    private WebSocketServer(WebApplication app) => this.app = app;

    public int Connections => Volatile.Read(ref connections);

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public Uri Url(string path) => new(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + path);

    public static async Task<WebSocketServer> StartAsync(Func<Session, Task> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new WebSocketServer(app);
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var number = Interlocked.Increment(ref server.connections);
            await script(new Session(server, socket, context, number));
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    internal sealed class Session(WebSocketServer server, WebSocket socket, HttpContext context, int number)
    {
        public int Number => number;

        public Task SendBinaryAsync(string json) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Binary, true, context.RequestAborted);

        public Task SendTextAsync(string json) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, context.RequestAborted);

        public async Task<JsonElement> ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            var count = 0;
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(count), context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException("client closed");
                count += result.Count;
                if (!result.EndOfMessage) continue;
                var element = JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
                server.Received.Enqueue(element);
                return element;
            }
        }

        /// <summary>Drops the TCP connection without a close handshake, as a network failure would.</summary>
        public void Drop() => context.Abort();

        /// <summary>Keeps the connection open until the client closes it or goes away.</summary>
        public async Task HoldAsync()
        {
            try
            {
                while (true) await ReceiveAsync();
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
            }
        }
    }
}
