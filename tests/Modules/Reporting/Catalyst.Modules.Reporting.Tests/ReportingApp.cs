using Catalyst.Modules.Reporting.Features.Reports;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.SharedKernel.Persistence;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Catalyst.Modules.Reporting.Tests;

/// <summary>Starting the real Host for Reporting tests, and feeding it round trips the way Trading does.</summary>
internal static class ReportingApp
{
    /// <summary>Monday 2025-10-27 10:00 ET: the hand-computed week is over.</summary>
    public static readonly DateTimeOffset Now = new(2025, 10, 27, 14, 0, 0, TimeSpan.Zero);

    /// <param name="fixedEquity">Pins the starting equity (instead of Risk's capital) so expectations do not depend on Risk's settings.</param>
    public static async Task<CatalystApp> StartAsync(decimal? fixedEquity = HandComputedJournal.StartingEquity,
        Action<CatalystAppOptions>? configure = null)
    {
        var app = await CatalystApp.StartAsync(o =>
        {
            o.Clock = new FakeTimeProvider(Now);
            if (fixedEquity is { } equity)
                o.ConfigureServices = s =>
                {
                    s.RemoveAll<IStartingEquity>();
                    s.AddScoped<IStartingEquity>(_ => new FixedStartingEquity(equity));
                };
            configure?.Invoke(o);
        });
        // The shared template may predate the latest migrations; applying them here is idempotent.
        foreach (var db in app.Services.GetServices<IModuleDatabase>())
            await db.MigrateAsync(CancellationToken.None);
        return app;
    }

    /// <summary>Publishes the events through Mediator, exactly as Trading does when a position goes flat.</summary>
    public static async Task PublishAsync(this CatalystApp app, IEnumerable<RoundTripClosed> trips)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
        foreach (var trip in trips) await publisher.Publish(trip);
    }

    public static async Task<T> SendAsync<T>(this CatalystApp app, IRequest<T> request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    private sealed class FixedStartingEquity(decimal equity) : IStartingEquity
    {
        public Task<decimal> GetAsync(CancellationToken ct) => Task.FromResult(equity);
    }
}
