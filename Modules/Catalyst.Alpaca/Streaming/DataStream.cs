using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca.Streaming;

/// <summary>
/// The market-data streams' protocol (stocks and news alike): the server greets with [{"T":"success","msg":"connected"}],
/// we log in with {"action":"auth"}, then subscribe; every message is an array of items tagged by "T".
/// </summary>
internal abstract class DataStream<T>(Uri url, AlpacaOptions options, TimeProvider time, ILogger logger)
    : ReconnectingStream<T>(url, options, time, logger)
{
    protected abstract object SubscribeMessage();

    protected abstract T? ParseItem(string type, JsonElement item);

    protected override async Task HandshakeAsync(WebSocket socket, CancellationToken ct)
    {
        await SendAsync(socket, new { action = "auth", key = Options.KeyId, secret = Options.SecretKey }, ct).ConfigureAwait(false);
        while (true)
        {
            var reply = await ReceiveHandshakeAsync(socket, ct).ConfigureAwait(false);
            foreach (var item in Items(reply))
            {
                var type = Type(item);
                var text = item.TryGetProperty("msg", out var msg) ? msg.GetString() : null;
                if (type == "error")
                    throw new InvalidOperationException($"Alpaca refused the data stream login: {text} " +
                                                        "(402 = bad keys, 406 = connection limit, 409 = no subscription).");
                if (type == "success" && text == "authenticated")
                {
                    await SendAsync(socket, SubscribeMessage(), ct).ConfigureAwait(false);
                    return;
                }
            }
        }
    }

    protected override IEnumerable<T> Parse(JsonElement message)
    {
        foreach (var item in Items(message))
        {
            var type = Type(item);
            if (type == "error")
            {
                Logger.LogWarning("Alpaca data stream error: {Message}", item.GetRawText());
                continue;
            }

            if (type is null || ParseItem(type, item) is not { } parsed) continue;
            yield return parsed;
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement message) => message.ValueKind switch
    {
        JsonValueKind.Array => message.EnumerateArray(),
        JsonValueKind.Object => [message],
        _ => [],
    };

    private static string? Type(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("T", out var t) ? t.GetString() : null;
}
