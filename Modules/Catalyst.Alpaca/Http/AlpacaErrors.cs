using System.Net;
using System.Text.Json;
using Catalyst.Alpaca.Wire;
using Catalyst.SharedKernel.Errors;

namespace Catalyst.Alpaca.Http;

/// <summary>Alpaca's error statuses as the Catalyst exceptions the port promises.</summary>
internal static class AlpacaErrors
{
    /// <param name="source">"BROKER" for trading, "MARKET_DATA" for data and news: the prefix of the 503 codes.</param>
    public static CatalystException Map(HttpStatusCode status, string body, string source, string what)
    {
        var error = Parse(body);
        var message = string.IsNullOrWhiteSpace(error?.Message) ? $"{(int)status} {status}" : error.Message!;
        var details = new Dictionary<string, object?> { ["alpaca_status"] = (int)status, ["alpaca_code"] = error?.Code };
        return (int)status switch
        {
            403 when IsBuyingPower(message) => new ForbiddenException("INSUFFICIENT_BUYING_POWER",
                $"Alpaca refused {what}: {message}", details),
            403 => new ForbiddenException($"{source}_FORBIDDEN", $"Alpaca refused {what}: {message}", details),
            422 => new ValidationException("order", message),
            400 => new ValidationException("request", message),
            404 => new NotFoundException($"Alpaca has no {what}: {message}", details),
            401 => new ServiceUnavailableException($"{source}_UNAUTHORIZED",
                "Alpaca rejected the API keys; check Alpaca__KeyId and Alpaca__SecretKey for this mode.", details),
            429 => new ServiceUnavailableException($"{source}_RATE_LIMITED",
                "Alpaca's rate limit is exhausted; retry in a minute.", details),
            _ => new ServiceUnavailableException($"{source}_UNAVAILABLE", $"Alpaca could not serve {what}: {message}", details),
        };
    }

    private static bool IsBuyingPower(string message) =>
        message.Contains("buying power", StringComparison.OrdinalIgnoreCase)
        || message.Contains("insufficient", StringComparison.OrdinalIgnoreCase);

    private static ErrorDto? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return JsonSerializer.Deserialize<ErrorDto>(body, AlpacaJson.Options);
        }
        catch (JsonException)
        {
            return new ErrorDto { Message = body.Length > 200 ? body[..200] : body };
        }
    }
}
