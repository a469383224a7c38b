using System.Collections.Concurrent;
using Catalyst.Modules.Orchestration.Mcp.Resources;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Catalyst.Modules.Orchestration.Mcp.Subscriptions;

/// <summary>
/// Which MCP session subscribed to which catalyst:// resource, and the fan-out of notifications/resources/updated.
/// A session that can no longer be reached is dropped on the first failed send (and when its HTTP session ends).
/// </summary>
internal sealed class ResourceSubscriptions(ILogger<ResourceSubscriptions> logger)
{
    private readonly ConcurrentDictionary<McpServer, ConcurrentDictionary<string, byte>> _sessions = new();

    public static bool IsSubscribable(string uri) => ResourceCatalog.Subscribable.Contains(uri, StringComparer.Ordinal);

    public void Subscribe(McpServer session, string uri) =>
        _sessions.GetOrAdd(session, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[uri] = 0;

    public void Unsubscribe(McpServer session, string uri)
    {
        if (_sessions.TryGetValue(session, out var uris)) uris.TryRemove(uri, out _);
    }

    public void Forget(McpServer session) => _sessions.TryRemove(session, out _);

    public int CountFor(string uri) => _sessions.Values.Count(u => u.ContainsKey(uri));

    /// <summary>Tells every session subscribed to <paramref name="uri"/> that it changed; never throws.</summary>
    public async Task NotifyAsync(string uri, CancellationToken ct)
    {
        foreach (var (session, uris) in _sessions)
        {
            if (!uris.ContainsKey(uri)) continue;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await session.SendNotificationAsync(NotificationMethods.ResourceUpdatedNotification,
                    new ResourceUpdatedNotificationParams { Uri = uri }, McpJsonUtilities.DefaultOptions, timeout.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogInformation("Dropping MCP session {SessionId} from {Uri} updates: {Reason}", session.SessionId, uri, ex.Message);
                Forget(session);
            }
        }
    }
}
