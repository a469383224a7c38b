using System.Diagnostics;
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
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Catalyst.Benchmarks;

/// <summary>
/// MCP tool-call latency through the whole stack - the SDK's McpClient, Streamable HTTP (in-process test server), the
/// API key, argument validation, the module handlers on PostgreSQL and Redis, the tool_calls audit row - for
/// get_risk_status and execute_trade (a resting bracketed limit order) on the simulated market at 09:40 ET, with the
/// order guards relaxed as the Risk benchmark does. Target p99 &lt; 50 ms (seed §9.1: 500 ms).
/// BenchmarkDotNet gives the mean per call; the per-call p50/p99 over 500 calls each are printed as "// p50/p99" lines.
/// Needs the test servers: ./test.sh --keep-servers once, then
/// source /tmp/catalyst-test-env.sh; dotnet run -c Release --project tests/Catalyst.Benchmarks -- --filter '*Mcp*'
/// </summary>
[Config(typeof(InProcessShortConfig))]
public class McpToolCallBenchmarks
{
    private static readonly DateOnly Date = new(2026, 3, 10);
    private CatalystApp _app = null!;
    private McpClient _client = null!;
    private string _symbol = "";
    private decimal _price;
    private int _orders;
    private int _accepted;
    private int _rejected;
    private string? _firstRefusal;
    private string _parametersDirectory = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _parametersDirectory = Directory.CreateTempSubdirectory("catalyst-mcp-bench").FullName;
        var file = Path.Combine(_parametersDirectory, "risk_parameters.yaml");
        // The order guards would (rightly) refuse hundreds of orders a minute; the tool path is what is measured.
        await File.WriteAllTextAsync(file, "order_guards:\n  duplicate_window_seconds: 0\n  max_orders_per_minute: 10000\n  cooldown_after_rejections: 100\n");
        _app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:Date"] = "2026-03-10";
            o.Settings["Catalyst:Risk:ParametersFile"] = file;
            o.Settings["Logging:LogLevel:Default"] = "Error";
        });
        foreach (var db in _app.Services.GetServices<IModuleDatabase>()) await db.MigrateAsync(CancellationToken.None);
        await _app.Services.GetRequiredService<SimulationSession>().RunUntilAsync(MarketTime.AtEastern(Date, new TimeOnly(9, 40)));
        var market = _app.Services.GetRequiredService<IMarketDataPort>();
        var universe = await market.GetUniverseAsync(100, CancellationToken.None);
        var snapshots = await market.GetSnapshotsAsync(universe.Select(u => u.Symbol).ToList(), CancellationToken.None);
        // A cheap name: every resting order reserves buying power, and more than a thousand of them rest by the end.
        var pick = snapshots.Values.Where(s => s.Price is > 10m and < 40m).OrderBy(s => s.Symbol.Value).First();
        (_symbol, _price) = (pick.Symbol.Value, pick.Price!.Value);
        var http = _app.CreateDefaultClient();
        _client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["X-API-Key"] = CatalystApp.ApiKey },
        }, http, NullLoggerFactory.Instance, ownsHttpClient: true));

        foreach (var (name, call) in new (string, Func<Task>)[] { ("get_risk_status", GetRiskStatusAsync), ("execute_trade", ExecuteTradeAsync) })
        {
            for (var i = 0; i < 20; i++) await call();
            var samples = new double[500];
            for (var i = 0; i < samples.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            Array.Sort(samples);
            Console.WriteLine($"// {name}: p50 {samples[249]:F2} ms, p99 {samples[494]:F2} ms, max {samples[^1]:F2} ms over {samples.Length} calls");
            if (name == "execute_trade") Console.WriteLine($"// execute_trade: {_accepted} orders accepted, {_rejected} refused by Risk (-32602){(_firstRefusal is null ? "" : ": " + _firstRefusal)}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// execute_trade over the whole run: {_accepted} orders accepted, {_rejected} refused (-32602){(_firstRefusal is null ? "" : ": " + _firstRefusal)}");
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try { Directory.Delete(_parametersDirectory, recursive: true); } catch (IOException) { }
    }

    [Benchmark]
    public Task GetRiskStatus() => GetRiskStatusAsync();

    [Benchmark]
    public Task ExecuteTrade() => ExecuteTradeAsync();

    private async Task GetRiskStatusAsync() => await _client.CallToolAsync("get_risk_status");

    /// <summary>
    /// A one-share buy limit order at about half the price, with a stop and a target (a bracket that rests: nothing
    /// fills, so no position grows); every order's limit is a cent apart from the last few hundred, so none is a
    /// duplicate of another. One share each keeps the reserved buying power small, so the broker accepts them all
    /// (growing quantities ran out of buying power after ~130 orders, and the rest measured a refusal instead).
    /// </summary>
    private async Task ExecuteTradeAsync()
    {
        var n = Interlocked.Increment(ref _orders);
        var limit = decimal.Round(_price * 0.5m, 2) - 0.01m * (n % 300);
        try
        {
            await _client.CallToolAsync("execute_trade", new Dictionary<string, object?>
            {
                ["symbol"] = _symbol, ["side"] = "buy", ["quantity"] = 1, ["order_type"] = "limit", ["limit_price"] = limit,
                ["stop_loss"] = decimal.Round(limit * 0.8m, 2), ["take_profit"] = decimal.Round(limit * 1.6m, 2),
            });
            Interlocked.Increment(ref _accepted);
        }
        catch (McpProtocolException ex) when ((int)ex.ErrorCode == -32602)
        {
            Interlocked.Increment(ref _rejected);
            _firstRefusal ??= ex.Message;
        }
    }

    private sealed class InProcessShortConfig : ManualConfig
    {
        public InProcessShortConfig() =>
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
    }
}
