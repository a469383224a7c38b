using System.Text.Json;
using Catalyst.Modules.Orchestration.Mcp.Resources;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Catalyst.Modules.Orchestration.Mcp.Prompts;

internal sealed record PromptArg(string Name, string Description, bool Required = false, IReadOnlyList<string>? Allowed = null)
{
    /// <summary>Extra check on the (string) value: the problem, or null when it is fine.</summary>
    public Func<string, string?>? Check { get; init; }
}

/// <summary>
/// One §7 interaction pattern as an MCP prompt: instructions for the assistant (which tools, in which order, how to
/// present the result) plus, where it helps, the live state embedded as resources so the first answer is grounded.
/// </summary>
internal sealed record PromptDefinition(string Name, string Title, string Description, IReadOnlyList<PromptArg> Arguments,
    Func<IReadOnlyDictionary<string, string>, string> Instructions, IReadOnlyList<string> Embedded);

internal sealed class CatalystPrompt : McpServerPrompt
{
    private readonly PromptDefinition _definition;
    private readonly IServiceScopeFactory _scopes;

    public CatalystPrompt(PromptDefinition definition, IServiceScopeFactory scopes)
    {
        _definition = definition;
        _scopes = scopes;
        ProtocolPrompt = new Prompt
        {
            Name = definition.Name,
            Title = definition.Title,
            Description = definition.Description,
            Arguments = [.. definition.Arguments.Select(a => new PromptArgument
            {
                Name = a.Name,
                Description = a.Allowed is null ? a.Description : $"{a.Description} One of: {string.Join(", ", a.Allowed)}.",
                Required = a.Required,
            })],
        };
    }

    public override Prompt ProtocolPrompt { get; }

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override async ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = ReadArguments(request.Params?.Arguments);
        var content = new List<ContentBlock> { new TextContentBlock { Text = _definition.Instructions(values) } };

        await using var scope = _scopes.CreateAsyncScope();
        var resources = scope.ServiceProvider.GetServices<McpServerResource>().OfType<CatalystResource>().ToList();
        foreach (var uri in _definition.Embedded)
        {
            var resource = resources.FirstOrDefault(r => r.Definition.UriTemplate == uri);
            if (resource is null) continue;
            try
            {
                var body = await resource.Definition.Read(new ResourceContext(uri, new Dictionary<string, string>(), scope.ServiceProvider,
                    cancellationToken));
                content.Add(new EmbeddedResourceBlock
                {
                    Resource = new TextResourceContents { Uri = uri, MimeType = "application/json", Text = Wire.Text(body) },
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A prompt is still useful without one piece of live state; the assistant can read it itself later.
                content.Add(new TextContentBlock { Text = $"({uri} could not be read just now; read it yourself before relying on it.)" });
            }
        }

        return new GetPromptResult
        {
            Description = _definition.Description,
            Messages = [.. content.Select(c => new PromptMessage { Role = Role.User, Content = c })],
        };
    }

    private Dictionary<string, string> ReadArguments(IDictionary<string, JsonElement>? arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in _definition.Arguments)
        {
            string? text = null;
            if (arguments is not null && arguments.TryGetValue(arg.Name, out var element))
            {
                text = element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => element.GetRawText(),
                };
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                if (arg.Required) throw Invalid(arg.Name, $"{arg.Name} is required.");
                continue;
            }
            text = text.Trim();
            if (arg.Allowed is not null)
            {
                text = arg.Allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
                       ?? throw Invalid(arg.Name, $"{arg.Name} must be one of {string.Join(", ", arg.Allowed)}, not '{text}'.");
            }
            if (arg.Check?.Invoke(text) is { } problem) throw Invalid(arg.Name, $"{arg.Name} {problem}");
            values[arg.Name] = text;
        }
        return values;
    }

    private static McpProtocolException Invalid(string field, string message) =>
        McpErrorMapping.Protocol(message, McpErrorCode.InvalidParams, new Dictionary<string, object?> { ["field"] = field, ["message"] = message });
}
