using System.Collections.Concurrent;
using Catalyst.Modules.Orchestration.Mcp.Resources;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Catalyst.Modules.Orchestration.Mcp.Subscriptions;

/// <summary>
/// Which MCP session subscribed to which catalyst:// resource, and the fan-out of notifications/resources/updated.
/// Sessions are keyed by their id, not by the McpServer object a request sees: over Streamable HTTP each request gets a
/// view bound to its own response stream, so the session's own server (registered when the session starts) is the one
/// notifications go through. A session that can no longer be reached is dropped on the first failed send and when its
/// HTTP session ends.
/// </summary>
internal sealed class ResourceSubscriptions(ILogger<ResourceSubscriptions> logger)
{
    /// <summary>The one session of a stdio Host has no id.</summary>
    private const string StdioKey = "stdio";

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public static bool IsSubscribable(string uri) => ResourceCatalog.Subscribable.Contains(uri, StringComparer.Ordinal);

    /// <summary>Called when an HTTP session starts: its long-lived server is what notifications are sent through.</summary>
    public void SessionStarted(McpServer server) =>
        _sessions.AddOrUpdate(KeyOf(server), _ => new Session(server), (_, existing) => existing with { Server = server });

    public void Subscribe(McpServer server, string uri) =>
        _sessions.GetOrAdd(KeyOf(server), _ => new Session(server)).Uris[uri] = 0;

    public void Unsubscribe(McpServer server, string uri)
    {
        if (_sessions.TryGetValue(KeyOf(server), out var session)) session.Uris.TryRemove(uri, out _);
    }

    public void Forget(McpServer server) => _sessions.TryRemove(KeyOf(server), out _);

    public int CountFor(string uri) => _sessions.Values.Count(s => s.Uris.ContainsKey(uri));

    /// <summary>Tells every session subscribed to <paramref name="uri"/> that it changed; never throws.</summary>
    public async Task NotifyAsync(string uri, CancellationToken ct)
    {
        foreach (var (key, session) in _sessions)
        {
            if (!session.Uris.ContainsKey(uri)) continue;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await session.Server.SendNotificationAsync(NotificationMethods.ResourceUpdatedNotification,
                    new ResourceUpdatedNotificationParams { Uri = uri }, McpJsonUtilities.DefaultOptions, timeout.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogInformation("Dropping MCP session {SessionId} from resource updates: {Reason}", key, ex.Message);
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private static string KeyOf(McpServer server) => server.SessionId is { Length: > 0 } id ? id : StdioKey;

    private sealed record Session(McpServer Server)
    {
        public ConcurrentDictionary<string, byte> Uris { get; } = new(StringComparer.Ordinal);
    }
}
