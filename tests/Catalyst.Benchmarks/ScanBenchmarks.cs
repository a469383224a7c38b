using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Catalyst.Modules.Scanner.Contracts;
using Catalyst.SharedKernel.Persistence;
using Catalyst.SharedKernel.Time;
using Catalyst.Simulation.Clock;
using Catalyst.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Benchmarks;

/// <summary>
/// A full scan of the 100-symbol simulated market at 09:35 ET on a catalyst day, through the real Host: news ingestion
/// and catalyst queries, universe, snapshots and bars, indicators and patterns for the survivors, ranking, and the scan
/// with its 100 result rows written to PostgreSQL, cached in Redis and published. Target: under 1 s (seed §9.1: 30 s).
/// Needs the test servers: ./test.sh --keep-servers once, then
/// source /tmp/catalyst-test-env.sh; dotnet run -c Release --project tests/Catalyst.Benchmarks -- --filter '*Scan*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class ScanBenchmarks
{
    private static readonly DateOnly Date = new(2026, 3, 10);
    private CatalystApp _app = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _app = await CatalystApp.StartAsync(o =>
        {
            o.Settings["Catalyst:Simulation:Date"] = "2026-03-10";
            o.Settings["Logging:LogLevel:Default"] = "Error";
        });
        foreach (var db in _app.Services.GetServices<IModuleDatabase>()) await db.MigrateAsync(CancellationToken.None);
        await _app.Services.GetRequiredService<SimulationSession>().RunUntilAsync(MarketTime.AtEastern(Date, new TimeOnly(9, 35)));
        var first = await ScanAsync();
        Console.WriteLine($"// scan: {string.Join(" → ", first.FunnelCounts.Values)}; final {string.Join(", ", first.Candidates.Select(c => c.Symbol))}");
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public int FullScan100Symbols() => ScanAsync().GetAwaiter().GetResult().Candidates.Count;

    private async Task<ScanResultDto> ScanAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunScan());
    }

    /// <summary>In process: the Host under test is started once in this process, like the tests start it.</summary>
    private sealed class InProcessShortConfig : ManualConfig
    {
        public InProcessShortConfig() =>
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
    }
}
