using Microsoft.ML.OnnxRuntime;

namespace Catalyst.Modules.News.Sentiment;

/// <summary>
/// The shipped model: <see cref="SentimentText"/> features → ONNX graph (features[N,262144] → probabilities[N,3] in the
/// order bearish, bullish, neutral).
/// </summary>
internal sealed class DefaultSentimentModel : ISentimentModel, IDisposable
{
    public const string InputName = "features";

    // One dense row per thread, reused: a fresh 256 KB tensor per headline landed on the large-object heap and
    // cost more than the inference itself.
    [ThreadStatic]
    private static float[]? t_row;

    private static readonly long[] Shape = [1, SentimentText.FeatureCount];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _output;

    public DefaultSentimentModel(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The default sentiment model was not found at '{path}'. Rebuild the News module (it copies Models/sentiment-default.onnx) or set Catalyst:News:DefaultModelPath.");
        try
        {
            _session = SentimentModels.OpenSession(path, intraOpThreads: 1);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException(
                $"The default sentiment model at '{path}' is not a loadable ONNX model ({ex.Message}). Retrain it with tools/SentimentTrainer.", ex);
        }
        if (!_session.InputMetadata.TryGetValue(InputName, out var input)
            || input.Dimensions.Length != 2 || input.Dimensions[1] != SentimentText.FeatureCount
            || _session.OutputMetadata.Count != 1)
        {
            _session.Dispose();
            throw new InvalidOperationException(
                $"The default sentiment model at '{path}' does not take '{InputName}'[batch,{SentimentText.FeatureCount}] and return one [batch,3] output; it was built for other features.");
        }
        _output = _session.OutputMetadata.Keys.Single();
    }

    public string Name => "default-hashed-logreg";

    public SentimentPrediction Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var row = t_row ??= new float[SentimentText.FeatureCount];
        SentimentText.FillDense(text, row);
        using var input = OrtValue.CreateTensorValueFromMemory(row, Shape);
        using var results = _session.Run(_runOptions, [InputName], [input], [_output]);
        var p = results[0].GetTensorDataAsSpan<float>();
        return new SentimentPrediction(p[0], p[1], p[2]);
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
