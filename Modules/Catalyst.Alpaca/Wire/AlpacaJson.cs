using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalyst.Alpaca.Wire;

/// <summary>
/// Alpaca's JSON: snake_case, money and quantities as strings in trading ("12.34", read as decimal with the invariant
/// culture), prices as numbers in market data; absent optional request fields are left out rather than sent as null.
/// </summary>
internal static class AlpacaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = false,
    };
}
