using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalyst.Modules.Trading.Contracts;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Workflow.Tests;

/// <summary>The real Host on a simulated regular trading day (EDT), stepped by the test.</summary>
internal static class WorkflowTestHost
{
    public static readonly DateOnly Day = new(2026, 3, 10);

    public static async Task<CatalystApp> StartAsync(Action<CatalystAppOptions>? configure = null, bool migrate = true)
    {
        var app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:Date"] = Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            configure?.Invoke(o);
        });
        // The shared template may predate a module's latest migration; applying them here is idempotent.
        if (migrate)
            foreach (var db in app.Services.GetServices<IModuleDatabase>())
                await db.MigrateAsync(CancellationToken.None);
        return app;
    }

    public static SimulationSession Session(this CatalystApp app) => app.Services.GetRequiredService<SimulationSession>();

    public static DateTimeOffset Et(int hour, int minute) => MarketTime.AtEastern(Day, new TimeOnly(hour, minute));

    public static Task RunUntilEtAsync(this CatalystApp app, int hour, int minute) => app.Session().RunUntilAsync(Et(hour, minute));

    /// <summary>The first <paramref name="count"/> names of the simulated universe priced $10–$200, in symbol order.</summary>
    public static async Task<List<Snapshot>> LiquidNamesAsync(this CatalystApp app, int count)
    {
        var market = app.Services.GetRequiredService<IMarketDataPort>();
        var universe = await market.GetUniverseAsync(30, CancellationToken.None);
        var snapshots = await market.GetSnapshotsAsync(universe.Select(u => u.Symbol).ToList(), CancellationToken.None);
        var picks = snapshots.Values.Where(s => s.Price is > 10 and < 200).OrderBy(s => s.Symbol.Value, StringComparer.Ordinal)
            .Take(count).ToList();
        Assert.That(picks, Has.Count.EqualTo(count), "the simulated universe has liquid names");
        return picks;
    }

    /// <summary>Market buys of 10 shares each with a bracket (stop −3 %, target +6 %) through Trading; they fill on the next minute.</summary>
    public static async Task BuyWithBracketsAsync(this CatalystApp app, IEnumerable<Snapshot> names)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        foreach (var s in names)
        {
            var price = s.Price!.Value;
            await sender.Send(new PlaceOrder(s.Symbol.Value, OrderSide.Buy, 10, OrderType.Market,
                StopLoss: Math.Round(price * 0.97m, 2), TakeProfit: Math.Round(price * 1.06m, 2), Source: "api"));
        }
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(this HttpClient client, HttpMethod method, string url,
        object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string url) =>
        client.SendJsonAsync(HttpMethod.Get, url);

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(this HttpClient client, string url, object? body = null) =>
        client.SendJsonAsync(HttpMethod.Post, url, body);

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static async Task<List<JsonElement>> TimelineAsync(this HttpClient client, string cycleId)
    {
        var (status, body) = await client.GetJsonAsync($"/api/v1/workflow/cycles/{cycleId}/timeline");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return [.. body.EnumerateArray()];
    }

    public static DateTimeOffset Time(this JsonElement e) => e.GetProperty("timestamp").GetDateTimeOffset();
}
