namespace Catalyst.SharedKernel.Errors;

/// <summary>
/// A failure the caller can act on. The Host maps each kind to the spec's error envelope (REST) and to JSON-RPC errors
/// (MCP); anything that is not a CatalystException is unexpected and is reported without internals.
/// </summary>
public abstract class CatalystException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
    public abstract int StatusCode { get; }
}

/// <summary>Bad input: 400, naming the field.</summary>
public sealed class ValidationException(string field, string message)
    : CatalystException("VALIDATION_FAILED", message, new Dictionary<string, object?> { ["field"] = field })
{
    public string Field { get; } = field;
    public override int StatusCode => 400;
}

public sealed class NotFoundException(string message, IReadOnlyDictionary<string, object?>? details = null)
    : CatalystException("NOT_FOUND", message, details)
{
    public override int StatusCode => 404;
}

public sealed class ConflictException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : CatalystException(code, message, details)
{
    public override int StatusCode => 409;
}

/// <summary>Refused by a rule: a risk check, a locked parameter, the broker's buying power.</summary>
public sealed class ForbiddenException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : CatalystException(code, message, details)
{
    public override int StatusCode => 403;
}

/// <summary>A dependency (database, broker, data feed) cannot serve the request now; retrying later may work.</summary>
public sealed class ServiceUnavailableException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : CatalystException(code, message, details)
{
    public override int StatusCode => 503;
}
