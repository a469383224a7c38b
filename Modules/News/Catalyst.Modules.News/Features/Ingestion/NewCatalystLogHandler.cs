using Catalyst.Modules.News.Contracts;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.News.Features.Ingestion;

/// <summary>Leaves an audit line per catalyst (and gives the Mediator generator a handler before the Scanner adds its own).</summary>
internal sealed class NewCatalystLogHandler(ILogger<NewCatalystLogHandler> logger) : INotificationHandler<NewCatalystDetected>
{
    public ValueTask Handle(NewCatalystDetected notification, CancellationToken cancellationToken)
    {
        logger.LogInformation("Catalyst {Type} for {Symbol} strength {Strength:F2} sentiment {Sentiment:F2}: {Headline}",
            notification.CatalystType, notification.Symbol, notification.CatalystStrength, notification.SentimentScore,
            notification.Headline);
        return ValueTask.CompletedTask;
    }
}
