using System.Diagnostics;
using Catalyst.SharedKernel.Errors;
using Catalyst.SharedKernel.Messaging;
using Mediator;

namespace Catalyst.Host.Infrastructure;

/// <summary>Rejects invalid requests before their handler runs: the first problem becomes a 400 naming its field.</summary>
internal sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IValidatable validatable)
        {
            foreach (var (field, problem) in validatable.Validate())
                throw new ValidationException(field, problem);
        }
        return next(message, cancellationToken);
    }
}

/// <summary>Times every request and logs failures with the request's name; expected refusals are not errors.</summary>
internal sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string MessageName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogDebug("{Message} handled in {ElapsedMs:F1} ms", MessageName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (CatalystException ex)
        {
            logger.LogInformation("{Message} refused ({Code}): {Reason}", MessageName, ex.Code, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Message} failed after {ElapsedMs:F1} ms", MessageName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
