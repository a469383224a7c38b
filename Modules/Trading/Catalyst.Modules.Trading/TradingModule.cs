using Catalyst.Modules.Trading.Book;
using Catalyst.Modules.Trading.Features.Orders;
using Catalyst.Modules.Trading.Features.Positions;
using Catalyst.Modules.Trading.Features.Reconciliation;
using Catalyst.Modules.Trading.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Trading;

public static class TradingModule
{
    public const string Name = "Trading";

    public static IServiceCollection AddTradingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TradingDbContext>(Name, TradingDbContext.Schema);
        services.AddOptions<TradingOptions>().Bind(configuration.GetSection(TradingOptions.Section));

        services.AddSingleton<BookGate>();
        services.AddScoped<TradingBook>();
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OrderSender>();
        services.AddScoped<ExitOrders>();
        services.AddScoped<WorkingOrderSync>();
        services.AddScoped<PositionReader>();
        services.AddScoped<PositionCloser>();
        services.AddScoped<Reconciler>();

        // The stream listener first: it must be subscribed before the start-up reconciliation or any order is sent.
        services.AddHostedService<TradeUpdateListener>();
        services.AddHostedService<BookHeartbeat>();
        services.AddSingleton<StartupReconciliation>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupReconciliation>());
        return services;
    }

    public static IEndpointRouteBuilder MapTradingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrderEndpoints();
        endpoints.MapPositionEndpoints();
        return endpoints;
    }
}
