using BenchmarkDotNet.Attributes;
using Catalyst.Simulation;
using Catalyst.Simulation.Clock;
using Catalyst.Simulation.Market;
using Catalyst.Simulation.Replay;

namespace Catalyst.Benchmarks;

/// <summary>
/// Generated bars per second (a 100-symbol day: ~96k minute bars and 26k daily bars), CSV replay bars per second (the 40
/// Lean reference files, 21k rows) and a whole simulated day stepped at "max" speed. Divide the bar counts printed at
/// set-up by the mean time.
/// dotnet run -c Release --project tests/Catalyst.Benchmarks -- --filter '*Simulation*' --job short
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private static readonly DateOnly Date = new(2026, 3, 10);
    private string _lean = "";

    [GlobalSetup]
    public void Setup()
    {
        _lean = BenchmarkData.Reference("marketdata", "lean_minute");
        var day = MarketGenerator.Generate(42, Date, 100, 1.0);
        Console.WriteLine($"// generated day: {day.MinuteBarCount} minute bars + {day.Symbols.Sum(s => s.PriorDaily.Length)} daily bars");
        Console.WriteLine($"// lean replay: {CsvBarReplay.Load(_lean).BarCount} bars");
    }

    [Benchmark]
    public int GenerateDay100Symbols() => MarketGenerator.Generate(42, Date, 100, 1.0).MinuteBarCount;

    [Benchmark]
    public int ReplayLeanFolder() => CsvBarReplay.Load(_lean).BarCount;

    [Benchmark]
    public async Task<bool> RunWholeDayAtMaxSpeed()
    {
        using var session = SimulationSession.Create(new SimulationOptions { Date = Date, Speed = "max" });
        await session.RunDayAsync();
        return session.IsComplete;
    }
}
