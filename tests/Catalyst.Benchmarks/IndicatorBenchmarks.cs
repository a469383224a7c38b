using System.Globalization;
using BenchmarkDotNet.Attributes;
using Catalyst.Modules.Technical.Domain;

namespace Catalyst.Benchmarks;

/// <summary>
/// The full §2.2.4 indicator set. IncrementalUpdate reports the time of ONE bar update (OperationsPerInvoke), so
/// bar-updates per second = 1e9 / mean ns. BatchDefault is the 502-bar default.csv computed as a series.
/// </summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private const int Updates = 100_000;
    private Ohlcv[] _default = [];
    private Ohlcv[] _stream = [];

    [GlobalSetup]
    public void Setup()
    {
        _default = BenchmarkData.DefaultQuotes();
        // A long stream for the incremental case: default.csv repeated, one minute apart, continuing the price path.
        _stream = new Ohlcv[Updates];
        var start = new DateTimeOffset(2024, 3, 5, 14, 30, 0, TimeSpan.Zero);
        for (var i = 0; i < Updates; i++)
        {
            var b = _default[i % _default.Length];
            _stream[i] = Ohlcv.Create(start.AddMinutes(i), b.Open, b.High, b.Low, b.Close, b.Volume);
        }
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double IncrementalUpdate()
    {
        var set = new IndicatorSet();
        var stream = _stream;
        for (var i = 0; i < stream.Length; i++) set.Add(stream[i]);
        return set.Current(withLevels: false).Price;
    }

    [Benchmark]
    public int BatchDefault() => IndicatorSet.Series(_default).Length;

    [Benchmark]
    public double LatestSnapshotDefault() => IndicatorSet.Latest(_default)!.TechnicalScore;
}

internal static class BenchmarkData
{
    public static string Reference(params string[] parts) => Catalyst.Testing.TestEnvironment.Reference(parts);

    public static Ohlcv[] DefaultQuotes() => File.ReadLines(Reference("indicators", "quotes", "default.csv")).Skip(1)
        .Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            var date = DateTime.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return Ohlcv.Create(new DateTimeOffset(date, TimeSpan.Zero).AddHours(5), P(f[1]), P(f[2]), P(f[3]), P(f[4]), P(f[5]));
        }).ToArray();

    private static double P(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
