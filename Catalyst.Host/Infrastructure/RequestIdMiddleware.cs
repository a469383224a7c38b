namespace Catalyst.Host.Infrastructure;

/// <summary>
/// Gives every request a UUID request id: echoed in the X-Request-Id header, put in every error envelope and in the
/// log scope of everything the request logs.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        context.TraceIdentifier = Guid.NewGuid().ToString();
        context.Response.Headers[HeaderName] = context.TraceIdentifier;
        using (logger.BeginScope(new Dictionary<string, object> { ["request_id"] = context.TraceIdentifier }))
        {
            await next(context);
        }
    }
}
