using Catalyst.Modules.News.Contracts;
using Mediator;

namespace Catalyst.Modules.News.Features.Ingestion;

internal sealed class IngestNewsHandler(NewsIngestor ingestor) : IRequestHandler<IngestNews, int>
{
    public async ValueTask<int> Handle(IngestNews request, CancellationToken cancellationToken) =>
        await ingestor.IngestSinceAsync(request.Since, cancellationToken);
}
