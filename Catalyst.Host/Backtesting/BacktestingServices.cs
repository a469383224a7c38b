using System.Globalization;
using Catalyst.Backtesting;
using Catalyst.Backtesting.Contracts;
using Catalyst.SharedKernel.Errors;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Catalyst.Host.Backtesting;

/// <summary>The web host's side of backtesting: the job store, the background runner and the REST routes.</summary>
internal static class BacktestingServices
{
    public static IServiceCollection AddBacktesting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BacktestOptions>().BindConfiguration(BacktestOptions.Section);
        services.AddBacktestJobStore(configuration);
        // Job times are wall-clock: in Simulation the app's TimeProvider is the simulated day's clock.
        services.AddSingleton(sp => new BacktestJobStore(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Catalyst.Backtesting.Persistence.BacktestDbContext>>(),
            TimeProvider.System));
        services.AddSingleton(sp => new BacktestEngine(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<BacktestJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<BacktestJobRunner>());
        return services;
    }

    public static IEndpointRouteBuilder MapBacktestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/backtests").WithTags("Backtests");

        group.MapPost("", async Task<Accepted<BacktestJobDto>> (RunBacktest request, ISender sender, CancellationToken ct) =>
            {
                var job = await sender.Send(request, ct);
                return TypedResults.Accepted($"/api/v1/backtests/{job.Id}", job);
            })
            .WithName("RunBacktest")
            .WithSummary("Queue a backtest (simulated days or a CSV folder) on the live pipeline; poll GET /api/v1/backtests/{id}.");

        group.MapGet("", async Task<Ok<IReadOnlyList<BacktestJobDto>>> ([FromQuery(Name = "limit")] string? limit, ISender sender,
                CancellationToken ct) =>
            {
                var n = string.IsNullOrWhiteSpace(limit) ? 20
                    : int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                    : throw new ValidationException("limit", $"limit must be a whole number, not '{limit}'.");
                return TypedResults.Ok(await sender.Send(new ListBacktests(n), ct));
            })
            .WithName("ListBacktests")
            .WithSummary("The latest backtest jobs first.");

        group.MapGet("/{id}", async Task<Ok<BacktestJobDto>> (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetBacktest(Id(id)), ct)))
            .WithName("GetBacktest")
            .WithSummary("A backtest's status, progress and (once completed) result.");

        group.MapDelete("/{id}", async Task<Ok<BacktestJobDto>> (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CancelBacktest(Id(id)), ct)))
            .WithName("CancelBacktest")
            .WithSummary("Cancel a queued or running backtest (409 once finished).");

        group.MapGet("/{id}/report/{file}", async Task<IResult> (string id, string file, ISender sender, CancellationToken ct) =>
            {
                var job = await sender.Send(new GetBacktest(Id(id)), ct);
                if (!BacktestReportWriter.Files.Contains(file))
                    throw new NotFoundException($"No report file '{file}'; the report holds {string.Join(", ", BacktestReportWriter.Files)}.");
                if (job.Status != BacktestStatuses.Completed || job.ReportDirectory is null)
                    throw new ConflictException("BACKTEST_NOT_COMPLETED", $"Backtest {job.Id} is {job.Status}; its report exists once it has completed.");
                var path = Path.Combine(job.ReportDirectory, file);
                if (!File.Exists(path)) throw new NotFoundException($"The report file {file} of backtest {job.Id} is gone from the server.");
                var type = Path.GetExtension(file) switch
                {
                    ".json" => "application/json",
                    ".csv" => "text/csv; charset=utf-8",
                    ".png" => "image/png",
                    _ => "text/html; charset=utf-8",
                };
                return TypedResults.PhysicalFile(path, type);
            })
            .WithName("GetBacktestReportFile")
            .WithSummary("One file of a completed backtest's report: summary.json, journal.csv, equity.png or index.html.");
        return endpoints;
    }

    private static Guid Id(string text) => Guid.TryParse(text, out var id)
        ? id
        : throw new ValidationException("id", $"'{text}' is not a backtest id (a UUID).");
}
