using System.Net.WebSockets;
using System.Text.Json;
using Catalyst.Alpaca.Wire;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca.Streaming;

/// <summary>The trade_updates stream of {StreamBaseUrl}: order events and fills for the account.</summary>
internal sealed class TradeUpdatesStream(AlpacaOptions options, TimeProvider time, ILogger<TradeUpdatesStream> logger)
    : ReconnectingStream<TradeUpdate>(options.StreamBaseUrl, options, time, logger)
{
    protected override async Task HandshakeAsync(WebSocket socket, CancellationToken ct)
    {
        await SendAsync(socket, new { action = "auth", key = Options.KeyId, secret = Options.SecretKey }, ct).ConfigureAwait(false);
        while (true)
        {
            var reply = await ReceiveHandshakeAsync(socket, ct).ConfigureAwait(false);
            if (StreamName(reply) != "authorization") continue;
            var status = reply.TryGetProperty("data", out var data) && data.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (status != "authorized")
                throw new InvalidOperationException(
                    $"Alpaca refused the trade_updates login ({status ?? "no status"}); check Alpaca__KeyId and Alpaca__SecretKey.");
            break;
        }

        await SendAsync(socket, new { action = "listen", data = new { streams = new[] { "trade_updates" } } }, ct).ConfigureAwait(false);
    }

    protected override IEnumerable<TradeUpdate> Parse(JsonElement message)
    {
        if (StreamName(message) != "trade_updates" || !message.TryGetProperty("data", out var data)) yield break;
        var dto = data.Deserialize<TradeUpdateDto>(AlpacaJson.Options);
        var order = dto?.Order?.ToOrder();
        if (dto is null || order is null || Mapping.ParseEvent(dto.Event) is not { } kind)
        {
            Logger.LogDebug("Skipped a trade update we do not track ({Event})", dto?.Event);
            yield break;
        }

        yield return new TradeUpdate(kind, order, dto.Timestamp ?? order.UpdatedAt, dto.Price, dto.Qty, dto.PositionQty,
            dto.ExecutionId);
    }

    private static string? StreamName(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("stream", out var stream) ? stream.GetString() : null;
}
