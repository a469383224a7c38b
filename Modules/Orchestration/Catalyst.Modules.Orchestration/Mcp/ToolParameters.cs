using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.SharedKernel.Domain;

namespace Catalyst.Modules.Orchestration.Mcp;

internal enum ParamKind { String, Symbol, SymbolList, Enum, Number, Integer, Boolean, Date, Uuid }

/// <summary>
/// One tool argument, declared once: the JSON schema the client sees and the validation the server runs are both
/// generated from it, so they cannot drift apart.
/// </summary>
internal sealed record ToolParam(string Name, ParamKind Kind, string Description)
{
    public bool Required { get; init; }
    public IReadOnlyList<string>? Values { get; init; }
    public decimal? Minimum { get; init; }
    public decimal? Maximum { get; init; }
    public decimal? ExclusiveMinimum { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }

    /// <summary>The most entries a <see cref="ParamKind.SymbolList"/> may hold.</summary>
    public int? MaxItems { get; init; }

    public JsonNode? Default { get; init; }

    public JsonObject ToSchema()
    {
        var schema = new JsonObject();
        switch (Kind)
        {
            case ParamKind.String:
                schema["type"] = "string";
                if (MinLength is { } min) schema["minLength"] = min;
                if (MaxLength is { } max) schema["maxLength"] = max;
                break;
            case ParamKind.Symbol:
                schema["type"] = "string";
                schema["pattern"] = SymbolPattern;
                schema["minLength"] = 1;
                schema["maxLength"] = 10;
                break;
            case ParamKind.SymbolList:
                schema["type"] = "array";
                schema["items"] = new JsonObject
                {
                    ["type"] = "string",
                    ["pattern"] = SymbolPattern,
                    ["minLength"] = 1,
                    ["maxLength"] = 10,
                };
                if (MaxItems is { } maxItems) schema["maxItems"] = maxItems;
                break;
            case ParamKind.Enum:
                schema["type"] = "string";
                schema["enum"] = new JsonArray([.. Values!.Select(v => (JsonNode)JsonValue.Create(v))]);
                break;
            case ParamKind.Number:
            case ParamKind.Integer:
                schema["type"] = Kind == ParamKind.Integer ? "integer" : "number";
                if (Minimum is { } minimum) schema["minimum"] = minimum;
                if (Maximum is { } maximum) schema["maximum"] = maximum;
                if (ExclusiveMinimum is { } exclusive) schema["exclusiveMinimum"] = exclusive;
                break;
            case ParamKind.Boolean:
                schema["type"] = "boolean";
                break;
            case ParamKind.Date:
                schema["type"] = "string";
                schema["format"] = "date";
                schema["pattern"] = @"^\d{4}-\d{2}-\d{2}$";
                break;
            case ParamKind.Uuid:
                schema["type"] = "string";
                schema["format"] = "uuid";
                break;
        }
        schema["description"] = Description;
        if (Default is not null) schema["default"] = Default.DeepClone();
        return schema;
    }

    /// <summary>Checks and converts one argument; throws <see cref="InvalidParamsException"/> naming it.</summary>
    public object Parse(JsonElement value)
    {
        switch (Kind)
        {
            case ParamKind.String:
            {
                var text = RequireString(value);
                if (MinLength is { } min && text.Trim().Length < min)
                    throw Invalid($"{Name} must be at least {min} characters.");
                if (MaxLength is { } max && text.Length > max) throw Invalid($"{Name} must be at most {max} characters.");
                return text.Trim();
            }
            case ParamKind.Symbol:
            {
                var text = RequireString(value);
                return Symbol.TryParse(text, out var symbol)
                    ? symbol
                    : throw Invalid($"'{text}' is not a valid symbol: 1-10 characters, a letter first, then letters, digits or '.' (e.g. \"TSLA\").");
            }
            case ParamKind.SymbolList:
            {
                if (value.ValueKind != JsonValueKind.Array)
                    throw Invalid($"{Name} must be an array of tickers, e.g. [\"AAPL\", \"TSLA\"].");
                if (MaxItems is { } maxItems && value.GetArrayLength() > maxItems)
                    throw Invalid($"{Name} holds {value.GetArrayLength()} tickers; at most {maxItems}.");
                var symbols = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
                    if (item.ValueKind != JsonValueKind.String || !Symbol.TryParse(text, out var symbol))
                        throw Invalid($"'{text}' in {Name} is not a valid symbol: 1-10 characters, a letter first, then letters, digits or '.' (e.g. \"TSLA\").");
                    if (!symbols.Contains(symbol.Value, StringComparer.Ordinal)) symbols.Add(symbol.Value);
                }
                return (IReadOnlyList<string>)symbols;
            }
            case ParamKind.Enum:
            {
                var text = RequireString(value);
                var match = Values!.FirstOrDefault(v => string.Equals(v, text.Trim(), StringComparison.OrdinalIgnoreCase));
                return match ?? throw Invalid($"{Name} must be one of {string.Join(", ", Values!)}, not '{text}'.",
                    ("allowed", Values));
            }
            case ParamKind.Number:
            case ParamKind.Integer:
            {
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
                    throw Invalid($"{Name} must be a {(Kind == ParamKind.Integer ? "whole number" : "number")}.");
                if (Kind == ParamKind.Integer && number != decimal.Truncate(number))
                    throw Invalid($"{Name} must be a whole number, not {number.ToString(CultureInfo.InvariantCulture)}.");
                if (Minimum is { } minimum && number < minimum) throw Invalid($"{Name} must be at least {minimum.ToString(CultureInfo.InvariantCulture)}.");
                if (Maximum is { } maximum && number > maximum) throw Invalid($"{Name} must be at most {maximum.ToString(CultureInfo.InvariantCulture)}.");
                if (ExclusiveMinimum is { } floor && number <= floor)
                    throw Invalid($"{Name} must be greater than {floor.ToString(CultureInfo.InvariantCulture)}.");
                if (Kind == ParamKind.Integer)
                    return number is >= int.MinValue and <= int.MaxValue ? (int)number : throw Invalid($"{Name} is out of range.");
                return number;
            }
            case ParamKind.Boolean:
                return value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Invalid($"{Name} must be true or false."),
                };
            case ParamKind.Date:
            {
                var text = RequireString(value);
                return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw Invalid($"{Name} must be a date as YYYY-MM-DD (e.g. \"2025-10-25\"), not '{text}'.");
            }
            case ParamKind.Uuid:
            {
                var text = RequireString(value);
                return Guid.TryParse(text.Trim(), out var id) ? id : throw Invalid($"{Name} must be a UUID, not '{text}'.");
            }
            default:
                throw new InvalidOperationException($"Unknown parameter kind {Kind}.");
        }
    }

    private const string SymbolPattern = "^[A-Za-z][A-Za-z0-9.]{0,9}$";

    private string RequireString(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid($"{Name} must be a string.");

    public InvalidParamsException Invalid(string message, params (string Key, object? Value)[] extra) =>
        new(Name, message, extra);

    // Factories keep the tool declarations short and readable.
    public static ToolParam Str(string name, string description, bool required = false, int? minLength = null, int? maxLength = 500,
        string? defaultValue = null) =>
        new(name, ParamKind.String, description)
        {
            Required = required, MinLength = minLength, MaxLength = maxLength,
            Default = defaultValue is null ? null : JsonValue.Create(defaultValue),
        };

    public static ToolParam Sym(string name, string description, bool required = true) =>
        new(name, ParamKind.Symbol, description) { Required = required };

    public static ToolParam Syms(string name, string description, int maxItems, bool required = false) =>
        new(name, ParamKind.SymbolList, description) { Required = required, MaxItems = maxItems };

    public static ToolParam OneOf(string name, string description, IReadOnlyList<string> values, bool required = false,
        string? defaultValue = null) =>
        new(name, ParamKind.Enum, description)
        {
            Required = required, Values = values, Default = defaultValue is null ? null : JsonValue.Create(defaultValue),
        };

    public static ToolParam Num(string name, string description, bool required = false, decimal? minimum = null,
        decimal? maximum = null, decimal? exclusiveMinimum = null) =>
        new(name, ParamKind.Number, description)
        {
            Required = required, Minimum = minimum, Maximum = maximum, ExclusiveMinimum = exclusiveMinimum,
        };

    public static ToolParam Int(string name, string description, bool required = false, int? minimum = null, int? maximum = null,
        int? defaultValue = null) =>
        new(name, ParamKind.Integer, description)
        {
            Required = required, Minimum = minimum, Maximum = maximum,
            Default = defaultValue is null ? null : JsonValue.Create(defaultValue.Value),
        };

    public static ToolParam Flag(string name, string description, bool? defaultValue = null) =>
        new(name, ParamKind.Boolean, description) { Default = defaultValue is null ? null : JsonValue.Create(defaultValue.Value) };

    public static ToolParam Day(string name, string description, bool required = false) =>
        new(name, ParamKind.Date, description) { Required = required };

    public static ToolParam Id(string name, string description, bool required = true) =>
        new(name, ParamKind.Uuid, description) { Required = required };
}

/// <summary>A tool argument that is missing, of the wrong type or out of range: JSON-RPC -32602 with data.field.</summary>
internal sealed class InvalidParamsException(string field, string message, IReadOnlyList<(string Key, object? Value)>? extra = null)
    : Exception(message)
{
    public string Field { get; } = field;

    public IReadOnlyList<(string Key, object? Value)> Extra { get; } = extra ?? [];
}

/// <summary>The validated arguments of one call, by name; absent optional arguments read as their default or null.</summary>
internal sealed class ToolArguments
{
    private readonly Dictionary<string, object> _values;

    private ToolArguments(Dictionary<string, object> values) => _values = values;

    public static ToolArguments Parse(IReadOnlyList<ToolParam> parameters, IDictionary<string, JsonElement>? arguments)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            JsonElement value = default;
            var present = arguments is not null && arguments.TryGetValue(parameter.Name, out value)
                          && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
            if (!present)
            {
                if (parameter.Required) throw parameter.Invalid($"{parameter.Name} is required.");
                if (parameter.Default is not null)
                    values[parameter.Name] = parameter.Parse(JsonSerializer.SerializeToElement(parameter.Default));
                continue;
            }
            values[parameter.Name] = parameter.Parse(value);
        }
        // Unknown argument names are ignored, as unknown JSON fields are on the REST side.
        return new ToolArguments(values);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? String(string name) => _values.TryGetValue(name, out var v) ? (string)v : null;

    public string RequiredString(string name) => String(name) ?? throw new InvalidOperationException($"{name} was not declared required.");

    public Symbol Symbol(string name) => _values.TryGetValue(name, out var v) ? (Symbol)v : throw new InvalidOperationException($"{name} missing.");

    public Symbol? OptionalSymbol(string name) => _values.TryGetValue(name, out var v) ? (Symbol)v : null;

    /// <summary>A <see cref="ParamKind.SymbolList"/>: upper-case tickers without duplicates, in the order given.</summary>
    public IReadOnlyList<string>? Symbols(string name) => _values.TryGetValue(name, out var v) ? (IReadOnlyList<string>)v : null;

    public decimal? Decimal(string name) => _values.TryGetValue(name, out var v) ? (decimal)v : null;

    public int? Int(string name) => _values.TryGetValue(name, out var v) ? (int)v : null;

    public bool? Bool(string name) => _values.TryGetValue(name, out var v) ? (bool)v : null;

    public DateOnly? Date(string name) => _values.TryGetValue(name, out var v) ? (DateOnly)v : null;

    public Guid Guid(string name) => _values.TryGetValue(name, out var v) ? (Guid)v : throw new InvalidOperationException($"{name} missing.");
}
