using Catalyst.Modules.News.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.News;

public static class NewsModule
{
    public const string Name = "News";

    public static IServiceCollection AddNewsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<NewsDbContext>(Name, NewsDbContext.Schema);
        return services;
    }

    public static IEndpointRouteBuilder MapNewsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
