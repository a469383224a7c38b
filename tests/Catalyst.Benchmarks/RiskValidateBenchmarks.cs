using System.Diagnostics;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Benchmarks;

/// <summary>
/// POST /api/v1/risk/validate through the real Host (auth, Mediator, every check, the decision written to PostgreSQL) in
/// Simulation at 09:35 ET with one open position, so the correlation check runs. "Given" sends quantity and stop (the
/// Trading path); "Sized" leaves both to Risk (ATR/support from the Technical module, journal, sizing). Besides
/// BenchmarkDotNet's statistics, the setup times 1,000 sequential requests of each and prints p50/p99.
/// Needs the test servers: ./test.sh --keep-servers once, then
/// source /tmp/catalyst-test-env.sh; dotnet run -c Release --project tests/Catalyst.Benchmarks -- --filter '*RiskValidate*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class RiskValidateBenchmarks
{
    private static readonly DateOnly Date = new(2026, 3, 10);
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private string _symbol = "";
    private string _parametersDirectory = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _parametersDirectory = Directory.CreateTempSubdirectory("catalyst-risk-bench").FullName;
        var file = Path.Combine(_parametersDirectory, "risk_parameters.yaml");
        // The guards would (rightly) refuse thousands of identical orders a minute; the checks are what is measured.
        await File.WriteAllTextAsync(file, "order_guards:\n  duplicate_window_seconds: 0\n  max_orders_per_minute: 10000\n  cooldown_after_rejections: 100\n");
        _app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:Date"] = Date.ToString("yyyy-MM-dd");
            o.Settings["Catalyst:Risk:ParametersFile"] = file;
            o.Settings["Logging:LogLevel:Default"] = "Error";
        });
        foreach (var db in _app.Services.GetServices<IModuleDatabase>()) await db.MigrateAsync(CancellationToken.None);
        var session = _app.Services.GetRequiredService<SimulationSession>();
        await session.RunUntilAsync(MarketTime.AtEastern(Date, new TimeOnly(9, 35)));

        var market = _app.Services.GetRequiredService<IMarketDataPort>();
        var universe = await market.GetUniverseAsync(100, CancellationToken.None);
        var snapshots = await market.GetSnapshotsAsync(universe.Select(u => u.Symbol).ToList(), CancellationToken.None);
        var names = snapshots.Values.Where(s => s.Price is > 20m and < 100m).Select(s => s.Symbol).OrderBy(s => s.Value).Take(2).ToList();
        var broker = _app.Services.GetRequiredService<IBrokerPort>();
        await broker.SubmitOrderAsync(new OrderRequest(names[0], OrderSide.Buy, 10m, OrderType.Market, TimeInForce.Day, "bench-held"),
            CancellationToken.None);
        await session.StepAsync();
        _symbol = names[1].Value;
        _client = _app.CreateApiClient();

        foreach (var (name, body) in new[] { ("given", Given()), ("sized", Sized()) })
        {
            for (var i = 0; i < 20; i++) await PostAsync(body); // warm caches and JIT
            var times = new double[1000];
            for (var i = 0; i < times.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await PostAsync(body);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine($"// risk/validate {name}: p50 {times[499]:F2} ms, p99 {times[989]:F2} ms, max {times[^1]:F2} ms over {times.Length} requests");
        }
    }

    private object Given() => new { symbol = _symbol, side = "buy", quantity = 50, price = 50.0, stop_loss = 48.0, take_profit = 56.0 };

    private object Sized() => new { symbol = _symbol, side = "buy" };

    private async Task<int> PostAsync(object body)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/risk/validate", body);
        if ((int)response.StatusCode is not (200 or 403))
            throw new InvalidOperationException($"validate answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (int)response.StatusCode;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_parametersDirectory, recursive: true);
    }

    [Benchmark]
    public int ValidateGivenQuantityAndStop() => PostAsync(Given()).GetAwaiter().GetResult();

    [Benchmark]
    public int ValidateSizedByRisk() => PostAsync(Sized()).GetAwaiter().GetResult();

    private sealed class InProcessShortConfig : ManualConfig
    {
        public InProcessShortConfig() =>
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
    }
}
