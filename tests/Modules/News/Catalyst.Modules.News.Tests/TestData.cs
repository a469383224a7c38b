using Catalyst.Tools.SentimentTrainer;

namespace Catalyst.Modules.News.Tests;

internal static class TestData
{
    public static string RepositoryRoot => Catalyst.Testing.TestEnvironment.RepositoryRoot;

    public static string SentimentDirectory =>
        Catalyst.Testing.TestEnvironment.Reference("sentiment", "twitter-financial-news-sentiment");

    public static string ShippedModel =>
        Path.Combine(RepositoryRoot, "Modules", "News", "Catalyst.Modules.News", "Models", "sentiment-default.onnx");

    private static readonly Lazy<List<LabelledText>> TrainSet = new(() => SentimentDataset.Load(Path.Combine(SentimentDirectory, "sent_train.csv")));
    private static readonly Lazy<List<LabelledText>> ValidSet = new(() => SentimentDataset.Load(Path.Combine(SentimentDirectory, "sent_valid.csv")));

    public static List<LabelledText> Train => TrainSet.Value;
    public static List<LabelledText> Validation => ValidSet.Value;
}
