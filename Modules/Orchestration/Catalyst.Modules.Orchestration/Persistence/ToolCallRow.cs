namespace Catalyst.Modules.Orchestration.Persistence;

/// <summary>
/// One MCP tool call, whatever its outcome: the audit trail of what an assistant asked the system to do, with which
/// arguments (secrets redacted), for whom (the API key's name, or "stdio"), how it ended and how long it took.
/// </summary>
internal sealed class ToolCallRow
{
    public Guid Id { get; set; }

    public string Tool { get; set; } = "";

    /// <summary>The arguments as JSON (jsonb), with values under secret-looking names replaced by "***".</summary>
    public string Arguments { get; set; } = "{}";

    /// <summary>ok | invalid_params | rejected | not_found | conflict | unavailable | error.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>The JSON-RPC error code sent back (-32602, -32603), null when the call returned a result.</summary>
    public int? ErrorCode { get; set; }

    /// <summary>The Catalyst error code (e.g. RISK_REJECTED, VALIDATION_FAILED) or the exception type for unexpected ones.</summary>
    public string? ErrorKind { get; set; }

    public string? ErrorMessage { get; set; }

    public double DurationMs { get; set; }

    /// <summary>The API key's name (never the key), or "stdio" for a local Claude Desktop.</summary>
    public string Caller { get; set; } = "";

    public string Transport { get; set; } = "";

    public string? SessionId { get; set; }

    /// <summary>Correlates the row with the log lines and the span of the same call.</summary>
    public string RequestId { get; set; } = "";

    public string? TraceId { get; set; }

    public DateTimeOffset CalledAt { get; set; }
}
