using Catalyst.SharedKernel;
using Microsoft.Extensions.Configuration;

namespace Catalyst.Alpaca;

/// <summary>Where and as whom we talk to Alpaca; read once at start-up from the <c>Alpaca</c> section.</summary>
internal sealed record AlpacaOptions
{
    public const string Section = "Alpaca";

    public required string KeyId { get; init; }
    public required string SecretKey { get; init; }
    public required Uri TradingBaseUrl { get; init; }
    public required Uri DataBaseUrl { get; init; }
    public required Uri StreamBaseUrl { get; init; }
    public required Uri DataStreamUrl { get; init; }
    public required Uri NewsStreamUrl { get; init; }
    public string DataFeed { get; init; } = "iex";
    public bool Live { get; init; }
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Alpaca allows 200 requests a minute per key; we stay a little under so a burst never earns a 429.</summary>
    public int RequestsPerMinute { get; init; } = 190;

    /// <summary>How many times a 429 is waited out before the call gives up as BROKER_RATE_LIMITED.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>Longest single wait for a rate-limit reset; a longer reset means Alpaca is not coming back soon.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before a dropped stream reconnects; it doubles on each failure up to <see cref="StreamBackoffCap"/>.</summary>
    public TimeSpan StreamBackoffStart { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan StreamBackoffCap { get; init; } = TimeSpan.FromSeconds(30);

    public static AlpacaOptions Load(IConfiguration configuration, bool live)
    {
        var section = configuration.GetSection(Section);
        var keyId = section["KeyId"];
        var secret = section["SecretKey"];
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(keyId)) missing.Add("Alpaca:KeyId (env Alpaca__KeyId)");
        if (string.IsNullOrWhiteSpace(secret)) missing.Add("Alpaca:SecretKey (env Alpaca__SecretKey)");
        if (missing.Count > 0)
        {
            var mode = live ? CatalystMode.Live : CatalystMode.Paper;
            throw new InvalidOperationException(
                $"Catalyst:Mode={mode} needs Alpaca {(live ? "live" : "paper")} API keys; set {string.Join(" and ", missing)}, " +
                "or run with Catalyst:Mode=Simulation.");
        }

        var feed = section["DataFeed"];
        var dataFeed = string.IsNullOrWhiteSpace(feed) ? "iex" : feed.Trim().ToLowerInvariant();
        return new AlpacaOptions
        {
            KeyId = keyId!.Trim(),
            SecretKey = secret!.Trim(),
            Live = live,
            TradingBaseUrl = Url(section, "TradingBaseUrl", live ? "https://api.alpaca.markets" : "https://paper-api.alpaca.markets"),
            DataBaseUrl = Url(section, "DataBaseUrl", "https://data.alpaca.markets"),
            StreamBaseUrl = Url(section, "StreamBaseUrl",
                live ? "wss://api.alpaca.markets/stream" : "wss://paper-api.alpaca.markets/stream"),
            DataStreamUrl = Url(section, "DataStreamUrl",
                $"wss://stream.data.alpaca.markets/v2/{dataFeed}"),
            NewsStreamUrl = Url(section, "NewsStreamUrl", "wss://stream.data.alpaca.markets/v1beta1/news"),
            DataFeed = dataFeed,
        };
    }

    private static Uri Url(IConfigurationSection section, string key, string fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) text = fallback;
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Alpaca:{key} is '{text}', which is not an absolute URL.");
    }
}
