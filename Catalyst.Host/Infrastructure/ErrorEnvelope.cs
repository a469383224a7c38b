using System.Net.Sockets;
using System.Text.Json;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Catalyst.Host.Infrastructure;

/// <summary>The §8.3 envelope: <c>{"error":{"code","message","details","timestamp","request_id"}}</c> for every error.</summary>
internal static class ErrorEnvelope
{
    public static Task WriteAsync(HttpContext context, int status, string code, string message,
        IReadOnlyDictionary<string, object?>? details)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        var clock = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new ErrorBody(new ErrorContent(code, message, details ?? new Dictionary<string, object?>(),
            clock.GetUtcNow(), context.TraceIdentifier));
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, WireJson.Options), context.RequestAborted);
    }

    internal sealed record ErrorBody(ErrorContent Error);

    internal sealed record ErrorContent(string Code, string Message, IReadOnlyDictionary<string, object?> Details,
        DateTimeOffset Timestamp, string RequestId);
}

/// <summary>
/// Maps exceptions to the envelope: Catalyst's own refusals keep their status; unreadable input is a 400 naming the
/// field; a database that cannot be reached is a 503; anything else is a 500 that says nothing about internals.
/// </summary>
internal sealed class ErrorEnvelopeExceptionHandler(ILogger<ErrorEnvelopeExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case CatalystException catalyst:
                await ErrorEnvelope.WriteAsync(context, catalyst.StatusCode, catalyst.Code, catalyst.Message, catalyst.Details);
                return true;
            case BadHttpRequestException bad:
                var (field, message) = DescribeBadRequest(bad);
                await ErrorEnvelope.WriteAsync(context, StatusCodes.Status400BadRequest, "VALIDATION_FAILED", message,
                    new Dictionary<string, object?> { ["field"] = field });
                return true;
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return true;
        }

        if (IsDatabaseUnavailable(exception))
        {
            logger.LogWarning("Database unavailable: {Reason}", exception.GetBaseException().Message);
            await ErrorEnvelope.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "DATABASE_UNAVAILABLE",
                "The database is temporarily unavailable; retry shortly.", null);
            return true;
        }

        logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        await ErrorEnvelope.WriteAsync(context, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR",
            "An unexpected error occurred. The request id identifies it in the logs.", null);
        return true;
    }

    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // 08: connection exceptions; 57P0x: admin shutdown, crash shutdown, cannot connect now.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or TimeoutException or IOException }:
                case RetryLimitExceededException:
                case SocketException:
                    return true;
                case InvalidOperationException when e.Message.Contains("transient failure", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }
        return false;
    }

    /// <summary>Names the field behind a body that did not bind: "$.quantity" becomes "quantity".</summary>
    private static (string Field, string Message) DescribeBadRequest(BadHttpRequestException bad)
    {
        for (Exception? e = bad; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
                return (field, field == "body"
                    ? "The request body is not valid JSON."
                    : $"The field '{field}' has the wrong type or format.");
            }
            if (e is ValidationException v) return (v.Field, v.Message);
        }
        // Minimal APIs say e.g. 'Failed to bind parameter "int top_n" from "abc".'
        var text = bad.Message;
        var start = text.IndexOf('"');
        var end = start >= 0 ? text.IndexOf('"', start + 1) : -1;
        var name = start >= 0 && end > start ? text[(start + 1)..end].Split(' ').Last() : "request";
        return (name, bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? "Send the body as application/json."
            : $"The parameter '{name}' is missing or has the wrong type.");
    }
}
