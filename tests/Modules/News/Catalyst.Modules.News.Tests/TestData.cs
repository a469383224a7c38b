using Catalyst.Tools.SentimentTrainer;

namespace Catalyst.Modules.News.Tests;

internal static class TestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Catalyst.sln not found above the test directory.");
    });

    public static string RepositoryRoot => Root.Value;

    public static string SentimentDirectory =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "reference", "sentiment", "twitter-financial-news-sentiment"));

    public static string ShippedModel =>
        Path.Combine(RepositoryRoot, "Modules", "News", "Catalyst.Modules.News", "Models", "sentiment-default.onnx");

    private static readonly Lazy<List<LabelledText>> TrainSet = new(() => SentimentDataset.Load(Path.Combine(SentimentDirectory, "sent_train.csv")));
    private static readonly Lazy<List<LabelledText>> ValidSet = new(() => SentimentDataset.Load(Path.Combine(SentimentDirectory, "sent_valid.csv")));

    public static List<LabelledText> Train => TrainSet.Value;
    public static List<LabelledText> Validation => ValidSet.Value;
}
