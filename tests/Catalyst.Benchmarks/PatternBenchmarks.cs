using System.Globalization;
using BenchmarkDotNet.Attributes;
using Catalyst.Modules.Pattern.Domain;
using Catalyst.SharedKernel.Ports;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Benchmarks;

/// <summary>
/// All five detectors over 100 symbols × 390 one-minute bars (the regular sessions of the lean_minute files, cycled and
/// rescaled to make 100 distinct symbols). Target: under 50 ms for the whole universe.
/// </summary>
[MemoryDiagnoser]
public class PatternBenchmarks
{
    private const int Symbols = 100;
    private readonly List<IReadOnlyList<Bar>> _universe = [];

    [GlobalSetup]
    public void Setup()
    {
        var files = Directory.GetFiles(BenchmarkData.Reference("marketdata", "lean_minute"), "*.csv").Order().ToArray();
        var sessions = files.Select(Session).Where(s => s.Count >= 380).ToArray();
        for (var i = 0; i < Symbols; i++)
        {
            var source = sessions[i % sessions.Length];
            var scale = 1m + (decimal)i / Symbols * 0.5m;
            _universe.Add(source.Take(390).Select(b => b with
            {
                Open = b.Open * scale, High = b.High * scale, Low = b.Low * scale, Close = b.Close * scale,
            }).ToList());
        }
    }

    private static List<Bar> Session(string path) => File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            var local = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return (Local: local, Bar: new Bar(MarketTime.AtEastern(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)),
                D(f[1]), D(f[2]), D(f[3]), D(f[4]), long.Parse(f[5], CultureInfo.InvariantCulture)));
        })
        .Where(x => x.Local.TimeOfDay >= new TimeSpan(9, 30, 0) && x.Local.TimeOfDay < new TimeSpan(16, 0, 0))
        .Select(x => x.Bar).ToList();

    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Benchmark]
    public int AllDetectors100Symbols()
    {
        var total = 0;
        foreach (var bars in _universe) total += PatternEngine.Analyze(bars).Detections.Count;
        return total;
    }
}
