using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Catalyst.Modules.Orchestration.Mcp.Resources;

/// <summary>One resource or resource template under catalyst://, read through the modules' contracts.</summary>
internal sealed record ResourceDefinition(string UriTemplate, string Name, string Title, string Description,
    Func<ResourceContext, ValueTask<object?>> Read)
{
    /// <summary>Supports resources/subscribe: the server sends notifications/resources/updated when it changes.</summary>
    public bool Subscribable { get; init; }
}

/// <summary>The template values of the URI being read (e.g. cycle_id) and a scope of services for one read.</summary>
internal sealed class ResourceContext(string uri, IReadOnlyDictionary<string, string> values, IServiceProvider services,
    CancellationToken cancellationToken)
{
    public string Uri { get; } = uri;

    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public string Value(string name) => values[name];

    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request) =>
        Services.GetRequiredService<ISender>().Send(request, CancellationToken);

    /// <summary>A template value that must be a UUID: anything else is an invalid parameter naming it.</summary>
    public Guid GuidValue(string name) =>
        Guid.TryParse(Value(name), out var id) ? id : throw new InvalidParamsException(name, $"{name} must be a UUID, not '{Value(name)}'.");
}

/// <summary>
/// The MCP face of a <see cref="ResourceDefinition"/>: matches catalyst:// URIs against its template (RFC 6570 level 1,
/// one path segment per variable), answers JSON text, and maps failures the MCP way: unknown id or no data yet →
/// -32002 (resource not found), a malformed template value → -32602, anything else → -32603 without internals.
/// </summary>
internal sealed partial class CatalystResource : McpServerResource
{
    public const string Scheme = "catalyst://";
    private const string JsonMime = "application/json";

    private readonly ResourceDefinition _definition;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<CatalystResource> _logger;
    private readonly Regex _pattern;
    private readonly string[] _variables;

    public CatalystResource(ResourceDefinition definition, IServiceScopeFactory scopes, ILogger<CatalystResource> logger)
    {
        _definition = definition;
        _scopes = scopes;
        _logger = logger;
        _variables = [.. Variable().Matches(definition.UriTemplate).Select(m => m.Groups[1].Value)];
        var regex = "^" + string.Concat(Variable().Split(definition.UriTemplate).Select((part, i) =>
            i % 2 == 0 ? Regex.Escape(part) : $"(?<{part}>[^/?#]+)")) + "$";
        _pattern = new Regex(regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        ProtocolResourceTemplate = new ResourceTemplate
        {
            UriTemplate = definition.UriTemplate,
            Name = definition.Name,
            Title = definition.Title,
            Description = definition.Description,
            MimeType = JsonMime,
        };
    }

    public ResourceDefinition Definition => _definition;

    public override ResourceTemplate ProtocolResourceTemplate { get; }

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override bool IsMatch(string uri) => uri is not null && _pattern.IsMatch(uri);

    public override async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.Params?.Uri ?? "";
        var match = _pattern.Match(uri);
        if (!match.Success)
            throw McpErrorMapping.Protocol($"Unknown resource: {uri}", McpErrorCode.ResourceNotFound,
                new Dictionary<string, object?> { ["uri"] = uri });
        var values = _variables.ToDictionary(v => v, v => System.Uri.UnescapeDataString(match.Groups[v].Value), StringComparer.Ordinal);

        using var activity = OrchestrationTelemetry.Source.StartActivity("mcp.resource " + _definition.UriTemplate);
        activity?.SetTag("mcp.resource.uri", uri);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var body = await _definition.Read(new ResourceContext(uri, values, scope.ServiceProvider, cancellationToken));
            return new ReadResourceResult
            {
                Contents = [new TextResourceContents { Uri = uri, MimeType = JsonMime, Text = Wire.Text(body) }],
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw MapReadError(exception, uri);
        }
    }

    private McpProtocolException MapReadError(Exception exception, string uri)
    {
        switch (exception)
        {
            case McpProtocolException protocol:
                return protocol;
            case Catalyst.SharedKernel.Errors.NotFoundException notFound:
                var data = new Dictionary<string, object?>(notFound.Details) { ["uri"] = uri, ["code"] = notFound.Code };
                return McpErrorMapping.Protocol(notFound.Message, McpErrorCode.ResourceNotFound, data);
            default:
                var requestId = Guid.NewGuid().ToString();
                var mapped = McpErrorMapping.Map(exception, requestId);
                if (mapped.Unexpected)
                    _logger.LogError(exception, "Reading {Uri} failed unexpectedly (request {RequestId})", uri, requestId);
                if (mapped.Exception is not null) return mapped.Exception;
                // Conflict / unavailable: no tool result here, so a JSON-RPC error carrying the same code and message.
                return McpErrorMapping.Protocol(mapped.Message, McpErrorCode.InternalError,
                    new Dictionary<string, object?> { ["code"] = mapped.Kind, ["uri"] = uri });
        }
    }

    /// <summary>The JSON text a resource would answer, for prompts that embed live data.</summary>
    public static string Render(object? body) => Wire.Text(body);

    [GeneratedRegex(@"\{([a-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();
}
