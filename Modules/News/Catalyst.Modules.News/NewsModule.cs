using Catalyst.Modules.News.Features;
using Catalyst.Modules.News.Features.Ingestion;
using Catalyst.Modules.News.Persistence;
using Catalyst.Modules.News.Sentiment;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Modules.News;

public static class NewsModule
{
    public const string Name = "News";

    public static IServiceCollection AddNewsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<NewsDbContext>(Name, NewsDbContext.Schema);
        services.AddOptions<NewsOptions>().Bind(configuration.GetSection(NewsOptions.Section))
            .Validate(o => o.PollSeconds > 0, "Catalyst:News:PollSeconds must be positive.");
        services.AddSingleton<ISentimentModel>(sp => SentimentModels.Create(sp.GetRequiredService<IOptions<NewsOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Catalyst.Modules.News.Sentiment")));
        services.AddScoped<NewsIngestor>();
        services.AddHostedService<NewsIngestionService>();
        return services;
    }

    public static IEndpointRouteBuilder MapNewsEndpoints(this IEndpointRouteBuilder endpoints) => NewsEndpoints.Map(endpoints);
}
