using System.Globalization;
using Catalyst.Tools.SentimentTrainer;

// dotnet run -c Release --project tools/SentimentTrainer -- \
//   --train ../shared/reference/sentiment/twitter-financial-news-sentiment/sent_train.csv \
//   --valid ../shared/reference/sentiment/twitter-financial-news-sentiment/sent_valid.csv \
//   --out Modules/News/Catalyst.Modules.News/Models/sentiment-default.onnx [--seed 42 --epochs 12 --hidden 0 --lr 0.01 --l2 1e-6 --balance 0.5]
var arguments = ParseArguments(args);
if (!arguments.TryGetValue("train", out var trainPath) || !arguments.TryGetValue("out", out var outPath))
{
    Console.Error.WriteLine("usage: SentimentTrainer --train <csv> --out <onnx> [--valid <csv>] [--seed N] [--epochs N] [--hidden N] [--lr X] [--l2 X] [--batch N] [--balance X] [--prior-shift X] [--probe <file>]");
    return 2;
}

var defaults = new TrainerOptions();
var options = new TrainerOptions(
    Seed: Int(arguments, "seed", defaults.Seed),
    Epochs: Int(arguments, "epochs", defaults.Epochs),
    BatchSize: Int(arguments, "batch", defaults.BatchSize),
    LearningRate: Double(arguments, "lr", defaults.LearningRate),
    L2: Double(arguments, "l2", defaults.L2),
    Hidden: Int(arguments, "hidden", defaults.Hidden),
    ClassBalance: Double(arguments, "balance", defaults.ClassBalance),
    PriorShift: Double(arguments, "prior-shift", defaults.PriorShift));

var train = SentimentDataset.Load(trainPath);
Console.WriteLine($"training on {train.Count} texts with {options}");
var network = SentimentModelTrainer.Train(train, options, Console.WriteLine);
var bytes = network.ToOnnx();
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
File.WriteAllBytes(outPath, bytes);
Console.WriteLine($"wrote {outPath} ({bytes.Length:N0} bytes, SHA-256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))})");

Report("train", Evaluation.Evaluate(train, network.Predict));
if (arguments.TryGetValue("valid", out var validPath))
    Report("validation", Evaluation.Evaluate(SentimentDataset.Load(validPath), network.Predict));
if (arguments.TryGetValue("probe", out var probePath))
{
    // Held-out headlines, one a line: prints score = p_bullish − p_bearish and the probabilities.
    foreach (var line in File.ReadAllLines(probePath).Where(l => l.Trim().Length > 0))
    {
        var p = network.Predict(line);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe {p[1] - p[0],6:F2} [{p[0]:F2} {p[1]:F2} {p[2]:F2}] {line}"));
    }
}
return 0;

static void Report(string name, EvaluationResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{name}: n={r.Count} accuracy={r.Accuracy:F4} macro_f1={r.MacroF1:F4} f1[bearish,bullish,neutral]=[{string.Join(", ", r.F1PerClass.Select(x => x.ToString("F4", CultureInfo.InvariantCulture)))}]"));

static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
        result[args[i].TrimStart('-')] = args[i + 1];
    return result;
}

static int Int(Dictionary<string, string> a, string key, int fallback) =>
    a.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

static double Double(Dictionary<string, string> a, string key, double fallback) =>
    a.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
