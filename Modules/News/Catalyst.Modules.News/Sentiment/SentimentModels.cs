using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.News.Sentiment;

/// <summary>Builds the configured sentiment model.</summary>
public static class SentimentModels
{
    /// <summary>Where the build puts the shipped model.</summary>
    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, "Models", "sentiment-default.onnx");

    /// <summary>Loads the shipped (or given) default model; a missing or corrupt file throws naming the path.</summary>
    public static ISentimentModel LoadDefault(string? path = null) => new DefaultSentimentModel(path ?? DefaultModelPath);

    /// <summary>
    /// Opens an ONNX session whose threads sleep between runs. Headlines arrive one at a time, minutes apart; by default
    /// ONNX Runtime's worker threads spin after each run waiting for the next, which burned a few percent of a core per
    /// host (the backtest runs one host per day) for no throughput. <paramref name="intraOpThreads"/> 0 is ONNX Runtime's
    /// default (one per core); the small default model runs as fast on the calling thread alone.
    /// </summary>
    internal static Microsoft.ML.OnnxRuntime.InferenceSession OpenSession(string modelPath, int intraOpThreads = 0)
    {
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions();
        options.IntraOpNumThreads = intraOpThreads;
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return new Microsoft.ML.OnnxRuntime.InferenceSession(modelPath, options);
    }

    /// <summary>FinBERT when configured and loadable, else (with a warning) the default model.</summary>
    internal static ISentimentModel Create(NewsOptions options, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.FinBertModelPath))
        {
            var vocab = string.IsNullOrWhiteSpace(options.FinBertVocabPath)
                ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.FinBertModelPath)) ?? ".", "vocab.txt")
                : options.FinBertVocabPath;
            try
            {
                var model = new FinBertSentimentModel(options.FinBertModelPath, vocab, options.FinBertLabels.Split(','));
                logger.LogInformation("News sentiment: FinBERT from {ModelPath} (vocabulary {VocabPath})", options.FinBertModelPath, vocab);
                return model;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException
                                           or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                logger.LogWarning(ex, "News sentiment: FinBERT at {ModelPath} could not be loaded ({Reason}); using the default model",
                    options.FinBertModelPath, ex.Message);
            }
        }
        var path = options.DefaultModelPath ?? DefaultModelPath;
        var fallback = new DefaultSentimentModel(path);
        logger.LogInformation("News sentiment: default model from {ModelPath}", path);
        return fallback;
    }
}
