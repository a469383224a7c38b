using Catalyst.Alpaca.Http;
using Catalyst.Alpaca.Streaming;
using Catalyst.SharedKernel;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace Catalyst.Alpaca;

public static class AlpacaServices
{
    internal const string TradingClient = "Catalyst.Alpaca.Trading";
    internal const string DataClient = "Catalyst.Alpaca.Data";

    /// <summary>Catalyst:Mode=Paper|Live: Alpaca's trading, market data and news adapters behind the ports.</summary>
    /// <exception cref="InvalidOperationException">Live without Catalyst:Live:Confirm, or the Alpaca keys missing.</exception>
    public static IServiceCollection AddCatalystAlpaca(this IServiceCollection services, IConfiguration configuration, bool live)
    {
        if (live) RequireLiveConfirmation(configuration);
        var options = AlpacaOptions.Load(configuration, live);

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AlpacaRateLimiters>();
        AddClient(services, TradingClient, options.TradingBaseUrl, options, l => l.Trading);
        AddClient(services, DataClient, options.DataBaseUrl, options, l => l.Data);

        services.AddSingleton<TradeUpdatesStream>();
        services.AddSingleton<BarsStream>();
        services.AddSingleton<NewsStream>();
        services.AddSingleton<IBrokerPort>(sp => new AlpacaBroker(Rest(sp, TradingClient, "BROKER"),
            sp.GetRequiredService<TradeUpdatesStream>(), sp.GetRequiredService<ILogger<AlpacaBroker>>()));
        services.AddSingleton<IMarketDataPort>(sp => new AlpacaMarketData(Rest(sp, DataClient, "MARKET_DATA"),
            sp.GetRequiredService<BarsStream>(), options));
        services.AddSingleton<INewsPort>(sp => new AlpacaNews(Rest(sp, DataClient, "MARKET_DATA"), sp.GetRequiredService<NewsStream>()));

        services.AddSingleton<RealTimeMarketHeartbeat>();
        services.AddSingleton<IMarketHeartbeat>(sp => sp.GetRequiredService<RealTimeMarketHeartbeat>());
        services.AddHostedService(sp => sp.GetRequiredService<RealTimeMarketHeartbeat>());
        if (live) services.AddHostedService<LiveTradingBanner>();
        return services;
    }

    internal static void RequireLiveConfirmation(IConfiguration configuration)
    {
        if (configuration["Catalyst:Live:Confirm"] == CatalystModes.LiveConfirmationValue) return;
        throw new InvalidOperationException(
            "Catalyst:Mode=Live sends orders with REAL MONEY and will not start without a second confirmation: set " +
            $"Catalyst:Live:Confirm (environment variable Catalyst__Live__Confirm) to exactly '{CatalystModes.LiveConfirmationValue}', " +
            "or use Catalyst:Mode=Paper.");
    }

    /// <summary>
    /// The Host's defaults give every client a standard resilience handler that also retries POST and PATCH; for Alpaca
    /// that could place an order twice, so ours is replaced by one that retries only safe methods (order submission does
    /// its own lookup by client_order_id). The rate limiter sits inside it, so each retry is counted.
    /// </summary>
    private static void AddClient(IServiceCollection services, string name, Uri baseUrl, AlpacaOptions options,
        Func<AlpacaRateLimiters, System.Threading.RateLimiting.RateLimiter> limiter)
    {
        // RemoveAllResilienceHandlers is marked experimental, but it is the documented way to override the defaults' handler.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(name, client => AlpacaRestClient.Configure(client, baseUrl, options))
            .RedactLoggedHeaders([AlpacaRestClient.KeyIdHeader, AlpacaRestClient.SecretKeyHeader])
            .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.Retry.DisableForUnsafeHttpMethods();
                resilience.TotalRequestTimeout.Timeout = options.RequestTimeout;
            });
        services.AddHttpClient(name)
            .AddHttpMessageHandler(sp => new ClientRateLimitHandler(limiter(sp.GetRequiredService<AlpacaRateLimiters>())));
    }

    private static AlpacaRestClient Rest(IServiceProvider sp, string client, string source)
    {
        var factory = sp.GetRequiredService<IHttpClientFactory>();
        return new AlpacaRestClient(() => factory.CreateClient(client), sp.GetRequiredService<AlpacaOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger($"Catalyst.Alpaca.{source}"),
            source);
    }
}
