using Catalyst.Backtesting.Persistence;
using Catalyst.SharedKernel.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Backtesting;

public static class BacktestJobStoreModule
{
    public const string Name = "Backtesting";

    /// <summary>The backtest job table (schema "backtest") and its migration step, for the Host and the Migrator.</summary>
    public static IServiceCollection AddBacktestJobStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<BacktestDbContext>(Name, BacktestDbContext.Schema);
        return services;
    }
}
