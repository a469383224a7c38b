using BenchmarkDotNet.Attributes;
using Catalyst.Modules.News.Sentiment;

namespace Catalyst.Benchmarks;

/// <summary>
/// Default sentiment model throughput: one op scores <see cref="Headlines"/>.Length headlines one at a time, as
/// ingestion does. headlines/s = Headlines.Length / Mean.
/// dotnet run -c Release --project tests/Catalyst.Benchmarks -- --filter '*Sentiment*' --job short
/// </summary>
[MemoryDiagnoser]
public class SentimentBenchmarks
{
    private static readonly string[] Headlines =
    [
        "Tesla Q3 earnings beat expectations as deliveries climb",
        "$BYND - JPMorgan reels in expectations on Beyond Meat",
        "FDA approves Vertex's gene therapy for sickle cell disease",
        "Microsoft to acquire Activision Blizzard for $68.7 billion",
        "Apple raises full-year revenue outlook",
        "Goldman Sachs upgrades AMD to Buy, price target $150",
        "JPMorgan downgrades Boeing to Neutral on delivery delays",
        "Rivian announces $1.5 billion public offering of common stock",
        "SEC charges crypto exchange with fraud",
        "Nvidia launches next-generation Blackwell chip",
        "Palantir wins $480 million Army contract",
        "Stocks to watch this week: earnings from big tech",
        "Oil prices slip as demand worries weigh on crude",
        "Retailer cuts 2025 forecast on weak consumer spending",
        "Biotech shares soar after positive Phase 3 topline data",
        "Markets open mixed as investors await Fed decision",
    ];

    private ISentimentModel _default = null!;

    [GlobalSetup]
    public void Setup() => _default = SentimentModels.LoadDefault(FindModel());

    [Benchmark(Description = "default model, 16 headlines")]
    public double ScoreHeadlines()
    {
        double sum = 0;
        foreach (var h in Headlines) sum += _default.Score(h).Score;
        return sum;
    }

    [Benchmark(Description = "featurize only, 16 headlines")]
    public int FeaturizeHeadlines()
    {
        var n = 0;
        foreach (var h in Headlines) n += SentimentText.Featurize(h).Indices.Length;
        return n;
    }

    // BenchmarkDotNet runs from a generated project's folder; fall back to the repository copy when the build output
    // does not carry Models/.
    private static string FindModel()
    {
        if (File.Exists(SentimentModels.DefaultModelPath)) return SentimentModels.DefaultModelPath;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) dir = dir.Parent;
        return dir is null
            ? SentimentModels.DefaultModelPath
            : Path.Combine(dir.FullName, "Modules", "News", "Catalyst.Modules.News", "Models", "sentiment-default.onnx");
    }
}
