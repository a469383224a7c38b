using System.Net;
using System.Text;
using System.Text.Json;
using Catalyst.SharedKernel.Domain;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Modules.Scanner.Tests;

internal static class ScannerTestKit
{
    /// <summary>The shared template may predate this module's latest migration; applying them is idempotent.</summary>
    public static async Task MigrateAsync(CatalystApp app)
    {
        foreach (var db in app.Services.GetServices<IModuleDatabase>()) await db.MigrateAsync(CancellationToken.None);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method,
        string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public static string ErrorField(JsonElement body) =>
        body.GetProperty("error").GetProperty("details").GetProperty("field").GetString() ?? "";
}

/// <summary>The market-data port with a door: while closed, the universe query waits, so a scan can be held mid-flight.</summary>
internal sealed class DoorMarketData(IMarketDataPort inner) : IMarketDataPort
{
    private TaskCompletionSource _open = Opened();
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    public void Close()
    {
        _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Open() => _open.TrySetResult();

    public async Task<IReadOnlyList<UniverseEntry>> GetUniverseAsync(int top, CancellationToken ct)
    {
        _reached.TrySetResult();
        await _open.Task.WaitAsync(ct);
        return await inner.GetUniverseAsync(top, ct);
    }

    public Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Bar>>> GetBarsAsync(BarsRequest request, CancellationToken ct) =>
        inner.GetBarsAsync(request, ct);

    public Task<IReadOnlyDictionary<Symbol, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct) =>
        inner.GetSnapshotsAsync(symbols, ct);

    public IAsyncEnumerable<SymbolBar> StreamBarsAsync(IReadOnlyCollection<Symbol> symbols, CancellationToken ct) =>
        inner.StreamBarsAsync(symbols, ct);

    private static TaskCompletionSource Opened()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }
}
