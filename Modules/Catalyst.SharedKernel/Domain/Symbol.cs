using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Catalyst.SharedKernel.Errors;

namespace Catalyst.SharedKernel.Domain;

/// <summary>A US equity ticker: 1–10 characters, an upper-case letter first, then letters, digits or dots.</summary>
[JsonConverter(typeof(SymbolJsonConverter))]
public readonly partial record struct Symbol
{
    private Symbol(string value) => Value = value;

    public string Value { get; }

    public static Symbol Parse(string? text, string field = "symbol")
    {
        if (TryParse(text, out var symbol)) return symbol;
        throw new ValidationException(field,
            $"'{text}' is not a valid symbol: 1-10 characters, an upper-case letter first, then A-Z, 0-9 or '.'");
    }

    /// <summary>Accepts lower case input (traders type "tsla") but nothing else loose.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Symbol symbol)
    {
        symbol = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var candidate = text.Trim().ToUpperInvariant();
        if (!Pattern().IsMatch(candidate)) return false;
        symbol = new Symbol(candidate);
        return true;
    }

    public override string ToString() => Value ?? string.Empty;

    public static implicit operator string(Symbol symbol) => symbol.Value;

    [GeneratedRegex("^[A-Z][A-Z0-9.]{0,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

internal sealed class SymbolJsonConverter : JsonConverter<Symbol>
{
    public override Symbol Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Symbol.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, Symbol value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
