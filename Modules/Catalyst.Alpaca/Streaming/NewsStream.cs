using System.Text.Json;
using Catalyst.Alpaca.Wire;
using Catalyst.SharedKernel.Ports;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca.Streaming;

/// <summary>Real-time articles from wss://stream.data.alpaca.markets/v1beta1/news, every symbol.</summary>
internal sealed class NewsStream(AlpacaOptions options, TimeProvider time, ILogger<NewsStream> logger)
    : DataStream<NewsArticle>(options.NewsStreamUrl, options, time, logger)
{
    protected override object SubscribeMessage() => new { action = "subscribe", news = new[] { "*" } };

    protected override NewsArticle? ParseItem(string type, JsonElement item) =>
        type == "n" ? item.Deserialize<NewsDto>(AlpacaJson.Options)?.ToArticle() : null;
}
