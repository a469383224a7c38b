using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Catalyst.Benchmarks -- --filter '*Indicator*'
// Results are summarised by hand in docs/performance.md with the date and the machine.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type, for BenchmarkSwitcher.</summary>
internal sealed partial class Program;
