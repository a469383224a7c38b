using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.SharedKernel.Serialization;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Catalyst.Modules.Orchestration.Mcp;

/// <summary>What a tool may do: drives the MCP annotations clients use to decide what needs a confirmation.</summary>
internal enum ToolEffect
{
    /// <summary>Reads state only.</summary>
    ReadOnly,

    /// <summary>Changes state without destroying anything (start a session, pause, tighten a setting).</summary>
    Additive,

    /// <summary>Moves money or removes protection: orders, closes, cancels, loosened limits.</summary>
    Destructive,
}

/// <summary>One tool: its name, LLM-facing description, arguments and the handler that sends the module contract.</summary>
internal sealed record ToolDefinition(
    string Name,
    string Title,
    string Description,
    IReadOnlyList<ToolParam> Parameters,
    ToolEffect Effect,
    bool Idempotent,
    Func<ToolContext, ValueTask<ToolOutput>> Handler)
{
    /// <summary>True when the tool reaches the broker or market (orders, closes), not only Catalyst's own state.</summary>
    public bool OpenWorld { get; init; }
}

/// <summary>Everything a tool handler needs for one call; services come from a scope of their own.</summary>
internal sealed class ToolContext(ToolArguments arguments, IServiceProvider services, string caller, CancellationToken cancellationToken)
{
    public ToolArguments Args { get; } = arguments;

    public IServiceProvider Services { get; } = services;

    public ISender Sender => Services.GetRequiredService<ISender>();

    /// <summary>The API key's name (or "stdio"); recorded as the actor of changes.</summary>
    public string Caller { get; } = caller;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request) => Sender.Send(request, CancellationToken);
}

/// <summary>A tool's answer: the seed-shaped JSON object, plus images (the equity curve).</summary>
internal sealed record ToolOutput(object Body)
{
    public IReadOnlyList<(byte[] Data, string MimeType)> Images { get; init; } = [];
}

/// <summary>
/// The MCP face of a <see cref="ToolDefinition"/>: validates the arguments against the declared schema, runs the
/// handler in its own DI scope, answers with the JSON as text and as structured content, maps Catalyst's errors to
/// JSON-RPC errors (§8.1–8.2), and records every call (tool_calls row, log line, span).
/// </summary>
internal sealed class CatalystTool : McpServerTool
{
    private readonly ToolDefinition _definition;
    private readonly IServiceScopeFactory _scopes;
    private readonly ToolCallRecorder _recorder;
    private readonly McpTransportInfo _transport;
    private readonly ILogger<CatalystTool> _logger;

    public CatalystTool(ToolDefinition definition, IServiceScopeFactory scopes, ToolCallRecorder recorder,
        McpTransportInfo transport, ILogger<CatalystTool> logger)
    {
        _definition = definition;
        _scopes = scopes;
        _recorder = recorder;
        _transport = transport;
        _logger = logger;
        ProtocolTool = new Tool
        {
            Name = definition.Name,
            Title = definition.Title,
            Description = definition.Description,
            InputSchema = BuildSchema(definition.Parameters),
            Annotations = new ToolAnnotations
            {
                Title = definition.Title,
                ReadOnlyHint = definition.Effect == ToolEffect.ReadOnly,
                DestructiveHint = definition.Effect == ToolEffect.Destructive,
                IdempotentHint = definition.Idempotent,
                OpenWorldHint = definition.OpenWorld,
            },
        };
    }

    public ToolDefinition Definition => _definition;

    public override Tool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var call = new ToolCallInfo(_definition.Name, CallerOf(request.User), _transport.Name, request.Server?.SessionId,
            Guid.NewGuid().ToString(), request.Params?.Arguments);

        using var activity = OrchestrationTelemetry.Source.StartActivity("mcp.tool " + _definition.Name, ActivityKind.Internal);
        activity?.SetTag("mcp.tool.name", _definition.Name);
        activity?.SetTag("mcp.session.id", call.SessionId);
        activity?.SetTag("catalyst.caller", call.Caller);
        activity?.SetTag("catalyst.request_id", call.RequestId);
        call.TraceId = activity?.TraceId.ToString();

        using var logScope = _logger.BeginScope(new Dictionary<string, object> { ["request_id"] = call.RequestId, ["mcp_tool"] = _definition.Name });
        try
        {
            var arguments = ToolArguments.Parse(_definition.Parameters, request.Params?.Arguments);
            await using var scope = _scopes.CreateAsyncScope();
            var output = await _definition.Handler(new ToolContext(arguments, scope.ServiceProvider, call.Caller, cancellationToken));
            call.Outcome = ToolOutcomes.Ok;
            return Format(output);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var mapped = McpErrorMapping.Map(exception, call.RequestId);
            call.Outcome = mapped.Outcome;
            call.ErrorCode = mapped.JsonRpcCode;
            call.ErrorKind = mapped.Kind;
            call.ErrorMessage = mapped.Message;
            activity?.SetStatus(ActivityStatusCode.Error, mapped.Kind);
            if (mapped.Unexpected)
                _logger.LogError(exception, "MCP tool {Tool} failed unexpectedly (request {RequestId})", _definition.Name, call.RequestId);
            if (mapped.ToolError is { } toolError) return toolError;
            throw mapped.Exception!;
        }
        catch (OperationCanceledException)
        {
            call.Outcome = ToolOutcomes.Cancelled;
            throw;
        }
        finally
        {
            call.DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            activity?.SetTag("catalyst.outcome", call.Outcome);
            if (call.ErrorCode is { } code) activity?.SetTag("rpc.jsonrpc.error_code", code);
            _logger.LogInformation("MCP tool {Tool} by {Caller}: {Outcome} in {ElapsedMs:F1} ms", _definition.Name, call.Caller,
                call.Outcome, call.DurationMs);
            // The audit row is written even when the client went away: CancellationToken.None on purpose.
            await _recorder.RecordAsync(call, CancellationToken.None);
        }
    }

    internal static string CallerOf(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "stdio";

    internal static CallToolResult Format(ToolOutput output)
    {
        var body = ToJsonObject(output.Body);
        var content = new List<ContentBlock> { new TextContentBlock { Text = body.ToJsonString(WireJson.Options) } };
        foreach (var (data, mime) in output.Images) content.Add(ImageContentBlock.FromBytes(data, mime));
        return new CallToolResult { Content = content, StructuredContent = JsonSerializer.SerializeToElement(body, WireJson.Options) };
    }

    /// <summary>Structured content must be a JSON object (MCP); a list is wrapped as {"items": [...]}.</summary>
    internal static JsonObject ToJsonObject(object body)
    {
        var node = body as JsonNode ?? JsonSerializer.SerializeToNode(body, body.GetType(), WireJson.Options);
        return node switch
        {
            JsonObject o => o,
            null => new JsonObject(),
            _ => new JsonObject { ["items"] = node },
        };
    }

    private static JsonElement BuildSchema(IReadOnlyList<ToolParam> parameters)
    {
        var properties = new JsonObject();
        foreach (var parameter in parameters) properties[parameter.Name] = parameter.ToSchema();
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var required = parameters.Where(p => p.Required).Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray();
        if (required.Length > 0) schema["required"] = new JsonArray(required);
        return JsonSerializer.SerializeToElement(schema);
    }
}

internal static class ToolOutcomes
{
    public const string Ok = "ok";
    public const string InvalidParams = "invalid_params";
    public const string Rejected = "rejected";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string Unavailable = "unavailable";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}

/// <summary>What the tool-call log and the span record about one call.</summary>
internal sealed class ToolCallInfo(string tool, string caller, string transport, string? sessionId, string requestId,
    IDictionary<string, JsonElement>? arguments)
{
    public string Tool { get; } = tool;
    public string Caller { get; } = caller;
    public string Transport { get; } = transport;
    public string? SessionId { get; } = sessionId;
    public string RequestId { get; } = requestId;
    public IDictionary<string, JsonElement>? Arguments { get; } = arguments;
    public string? TraceId { get; set; }
    public string Outcome { get; set; } = ToolOutcomes.Error;
    public int? ErrorCode { get; set; }
    public string? ErrorKind { get; set; }
    public string? ErrorMessage { get; set; }
    public double DurationMs { get; set; }
}

/// <summary>"http" or "stdio": which transport this Host serves MCP on.</summary>
internal sealed record McpTransportInfo(string Name);

internal static class OrchestrationTelemetry
{
    /// <summary>The Host traces the "Catalyst" source (ServiceDefaults), so these spans are exported with the rest.</summary>
    public static readonly ActivitySource Source = new("Catalyst");
}
