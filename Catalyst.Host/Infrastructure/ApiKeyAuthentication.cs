using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Catalyst.Host.Infrastructure;

/// <summary>
/// API keys from configuration: <c>Catalyst:ApiKeys:&lt;name&gt; = &lt;key&gt;</c>. The name is what logs and audit rows
/// show; the key itself is never logged. Keys are compared as SHA-256 digests in constant time.
/// </summary>
internal sealed class ApiKeyStore
{
    private readonly (string Name, byte[] Digest)[] _keys;

    public ApiKeyStore(IConfiguration configuration)
    {
        _keys = configuration.GetSection("Catalyst:ApiKeys").GetChildren()
            .Where(k => !string.IsNullOrWhiteSpace(k.Value))
            .Select(k => (k.Key, SHA256.HashData(Encoding.UTF8.GetBytes(k.Value!))))
            .ToArray();
    }

    public int Count => _keys.Length;

    /// <summary>The name of the key that matches, or null. Every configured key is compared, match or not.</summary>
    public string? Match(string presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? match = null;
        foreach (var (name, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, expected)) match ??= name;
        }
        return match;
    }
}

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";
    public const string KeyNameClaim = "catalyst:api_key_name";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            var authorization = Request.Headers.Authorization.FirstOrDefault();
            if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                presented = authorization["Bearer ".Length..].Trim();
        }
        if (string.IsNullOrEmpty(presented)) return Task.FromResult(AuthenticateResult.NoResult());

        var name = keys.Match(presented);
        if (name is null) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));

        // NameIdentifier: a stable subject per key, which stateful MCP sessions are bound to (the SDK refuses them without one).
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(KeyNameClaim, name),
            new Claim(ClaimTypes.NameIdentifier, "api-key:" + name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var missing = string.IsNullOrEmpty(Request.Headers[HeaderName].FirstOrDefault())
                      && string.IsNullOrEmpty(Request.Headers.Authorization.FirstOrDefault());
        return ErrorEnvelope.WriteAsync(Context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED",
            missing ? $"Missing API key: send it in the {HeaderName} header." : "The API key is not valid.", null);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorEnvelope.WriteAsync(Context, StatusCodes.Status403Forbidden, "FORBIDDEN", "This key may not do that.", null);
}
