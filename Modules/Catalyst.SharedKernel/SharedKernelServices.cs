using Catalyst.SharedKernel.Messaging;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Securities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.SharedKernel;

public static class SharedKernelServices
{
    public static IServiceCollection AddSharedKernel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ReferenceDbContext>("Reference", ReferenceDbContext.Schema);
        services.AddSingleton<ISecurityRegistry, SecurityRegistry>();
        services.AddScoped<EventPublisher>();
        return services;
    }
}
