using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Catalyst.Benchmarks -- --filter '*Indicator*'
// Results are summarised by hand in docs/performance.md with the date and the machine.
// Not typeof(Program): the Host (referenced for the REST benchmarks) has a public Program of its own.
BenchmarkSwitcher.FromAssembly(typeof(Catalyst.Benchmarks.SimulationBenchmarks).Assembly).Run(args);

/// <summary>Entry point type, for BenchmarkSwitcher.</summary>
internal sealed partial class Program;
