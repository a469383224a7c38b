using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Catalyst.Alpaca.Wire;
using Catalyst.SharedKernel.Errors;
using Microsoft.Extensions.Logging;
using Polly;

namespace Catalyst.Alpaca.Http;

/// <summary>
/// Sends one Alpaca REST call: JSON in and out, 429s waited out (X-RateLimit-Reset / Retry-After, bounded), every other
/// failure mapped to a Catalyst exception. Keys travel as default headers set by <see cref="Configure"/> and are never logged.
/// </summary>
internal sealed class AlpacaRestClient(Func<HttpClient> httpClient, AlpacaOptions options, TimeProvider time, ILogger logger,
    string source)
{
    public const string KeyIdHeader = "APCA-API-KEY-ID";
    public const string SecretKeyHeader = "APCA-API-SECRET-KEY";

    public static void Configure(HttpClient client, Uri baseAddress, AlpacaOptions options)
    {
        // A trailing slash keeps a base path (a proxy, a test server's prefix) when relative paths are resolved against it.
        client.BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        client.Timeout = options.RequestTimeout;
        client.DefaultRequestHeaders.Remove(KeyIdHeader);
        client.DefaultRequestHeaders.Remove(SecretKeyHeader);
        client.DefaultRequestHeaders.TryAddWithoutValidation(KeyIdHeader, options.KeyId);
        client.DefaultRequestHeaders.TryAddWithoutValidation(SecretKeyHeader, options.SecretKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public async Task<T> GetAsync<T>(string path, string what, CancellationToken ct) =>
        Deserialize<T>((await SendAsync(HttpMethod.Get, path, null, what, allowNotFound: false, ct).ConfigureAwait(false)).Body, what);

    /// <summary>Null when Alpaca answers 404.</summary>
    public async Task<T?> GetOrNullAsync<T>(string path, string what, CancellationToken ct) where T : class
    {
        var response = await SendAsync(HttpMethod.Get, path, null, what, allowNotFound: true, ct).ConfigureAwait(false);
        return response.Status == HttpStatusCode.NotFound ? null : Deserialize<T>(response.Body, what);
    }

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string what, CancellationToken ct) =>
        Deserialize<T>((await SendAsync(method, path, body, what, allowNotFound: false, ct).ConfigureAwait(false)).Body, what);

    public async Task<AlpacaResponse> SendAsync(HttpMethod method, string path, object? body, string what, bool allowNotFound,
        CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (status, text, wait) = await SendOnceAsync(method, path, body, what, ct).ConfigureAwait(false);
            if ((int)status is >= 200 and < 300) return new AlpacaResponse(status, text);
            if (status == HttpStatusCode.NotFound && allowNotFound) return new AlpacaResponse(status, text);
            if (status == HttpStatusCode.TooManyRequests && attempt < options.MaxRateLimitRetries && wait <= options.MaxRateLimitWait)
            {
                logger.LogWarning("Alpaca rate limit on {Method} {Path}; waiting {Wait} before retry {Attempt}",
                    method, PathOnly(path), wait, attempt + 1);
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
                continue;
            }

            logger.LogWarning("Alpaca {Method} {Path} failed with {Status}", method, PathOnly(path), (int)status);
            throw AlpacaErrors.Map(status, text, source, what);
        }
    }

    private async Task<(HttpStatusCode Status, string Body, TimeSpan Wait)> SendOnceAsync(HttpMethod method, string path,
        object? body, string what, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), AlpacaJson.Options), Encoding.UTF8,
                "application/json");
        try
        {
            using var response = await httpClient().SendAsync(request, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var wait = response.StatusCode == HttpStatusCode.TooManyRequests ? RateLimitWait(response) : TimeSpan.Zero;
            return (response.StatusCode, text, wait);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested
                                   && ex is HttpRequestException or TaskCanceledException or TimeoutException or ExecutionRejectedException)
        {
            logger.LogWarning("Alpaca {Method} {Path} did not complete: {Error}", method, PathOnly(path), ex.Message);
            // The request may or may not have reached Alpaca; order submission looks the outcome up before trying again.
            throw new ServiceUnavailableException($"{source}_UNAVAILABLE", $"Alpaca could not be reached for {what}: {ex.Message}");
        }
    }

    /// <summary>Retry-After (seconds or a date) if present, else X-RateLimit-Reset (unix seconds), else one second.</summary>
    private TimeSpan RateLimitWait(HttpResponseMessage response)
    {
        var now = time.GetUtcNow();
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta) return Clamp(delta);
            if (retryAfter.Date is { } date) return Clamp(date - now);
        }

        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            return Clamp(DateTimeOffset.FromUnixTimeSeconds(epoch) - now);

        return TimeSpan.FromSeconds(1);

        static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private T Deserialize<T>(string body, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, AlpacaJson.Options)
                   ?? throw new JsonException("empty body");
        }
        catch (JsonException ex)
        {
            logger.LogError(ex, "Alpaca answered {What} with JSON we cannot read", what);
            throw new ServiceUnavailableException($"{source}_UNEXPECTED_RESPONSE", $"Alpaca's answer for {what} could not be read.");
        }
    }

    private static string PathOnly(string path) => path.Split('?', 2)[0];
}

internal readonly record struct AlpacaResponse(HttpStatusCode Status, string Body);

