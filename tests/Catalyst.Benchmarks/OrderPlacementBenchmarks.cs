using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Catalyst.Modules.Risk.Contracts;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Catalyst.Benchmarks;

/// <summary>
/// POST /api/v1/orders through the real Host (HTTP pipeline, API key, validation, intent row in Postgres, simulated
/// broker, acknowledgement, audit rows, events to Redis): one request per iteration, so the percentile columns are
/// per-request latencies. Risk is a stand-in that approves (Risk's own checks are Risk's benchmark). Needs the servers
/// of ./test.sh --keep-servers: source /tmp/catalyst-test-env.sh first.
/// dotnet run -c Release --project tests/Catalyst.Benchmarks -- --filter '*OrderPlacement*'
/// </summary>
[Config(typeof(Config))]
public class OrderPlacementBenchmarks
{
    private CatalystApp _app = null!;
    private HttpClient _client = null!;
    private object _body = null!;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(50).WithIterationCount(500)
                .WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new PercentileColumn(99), StatisticColumn.Max);
        }
    }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:Date"] = "2026-03-02";
            o.Settings["Catalyst:Simulation:StartingCash"] = "1000000000";
            o.Settings["Logging:LogLevel:Default"] = "Error";
            o.ConfigureServices = s => s.Replace(ServiceDescriptor.Scoped<IRequestHandler<ValidateTrade, RiskDecision>, ApproveAll>());
        });
        var session = _app.Services.GetRequiredService<SimulationSession>();
        await session.RunUntilAsync(MarketTime.AtEastern(new DateOnly(2026, 3, 2), new TimeOnly(9, 35)));
        var market = _app.Services.GetRequiredService<IMarketDataPort>();
        var symbol = (await market.GetUniverseAsync(20, CancellationToken.None))[0].Symbol;
        var price = (await market.GetSnapshotsAsync([symbol], CancellationToken.None))[symbol].Price!.Value;
        // A resting limit far below the market: it never fills, so every request takes the same path.
        _body = new { symbol = symbol.Value, side = "buy", quantity = 1, order_type = "limit", limit_price = Math.Round(price / 2, 2) };
        _client = _app.CreateApiClient();
        var probe = await _client.PostAsJsonAsync("/api/v1/orders", _body);
        if (probe.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /api/v1/orders answered {probe.StatusCode}: {await probe.Content.ReadAsStringAsync()}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<HttpStatusCode> PostOrder()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/orders", _body);
        return response.StatusCode == HttpStatusCode.Created
            ? response.StatusCode
            : throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
    }

    private sealed class ApproveAll : IRequestHandler<ValidateTrade, RiskDecision>
    {
        public ValueTask<RiskDecision> Handle(ValidateTrade request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new RiskDecision(true, request.Quantity ?? 1, 0m, 2000m, [], null, null, null, null));
    }

    /// <summary>The n-th percentile of the per-iteration times (BenchmarkDotNet's built-in columns stop at P95).</summary>
    private sealed class PercentileColumn(int percentile) : IColumn
    {
        public string Id => "P" + percentile.ToString(CultureInfo.InvariantCulture);
        public string ColumnName => Id;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 10;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Time;
        public string Legend => $"{percentile}th percentile of the iteration times";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null) return "NA";
            var nanoseconds = statistics.Percentiles.Percentile(percentile);
            return (nanoseconds / 1_000_000).ToString("0.000", CultureInfo.InvariantCulture) + " ms";
        }
    }
}
