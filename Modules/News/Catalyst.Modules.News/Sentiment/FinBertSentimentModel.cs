using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace Catalyst.Modules.News.Sentiment;

/// <summary>
/// FinBERT (or any BERT sequence classifier exported to ONNX with input_ids/attention_mask/token_type_ids and one
/// [batch,3] logits output). Label order is the model's: ProsusAI/finbert is positive, negative, neutral.
/// </summary>
internal sealed class FinBertSentimentModel : ISentimentModel, IDisposable
{
    private const int MaxTokens = 512;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly string _output;
    private readonly int _bullish, _bearish, _neutral;

    public FinBertSentimentModel(string modelPath, string vocabPath, IReadOnlyList<string> labelOrder)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"FinBERT model not found at '{modelPath}'.", modelPath);
        if (!File.Exists(vocabPath)) throw new FileNotFoundException($"FinBERT vocabulary not found at '{vocabPath}'.", vocabPath);
        var labels = labelOrder.Select(l => l.Trim().ToLowerInvariant()).ToList();
        _bullish = labels.IndexOf("positive");
        _bearish = labels.IndexOf("negative");
        _neutral = labels.IndexOf("neutral");
        if (labels.Count != 3 || _bullish < 0 || _bearish < 0 || _neutral < 0)
            throw new ArgumentException(
                $"The FinBERT label order must name positive, negative and neutral once each, not '{string.Join(',', labelOrder)}'.",
                nameof(labelOrder));

        _tokenizer = BertTokenizer.Create(vocabPath);
        _session = SentimentModels.OpenSession(modelPath);
        foreach (var name in new[] { "input_ids", "attention_mask", "token_type_ids" })
        {
            if (!_session.InputMetadata.ContainsKey(name))
            {
                _session.Dispose();
                throw new InvalidOperationException($"The FinBERT model at '{modelPath}' has no '{name}' input.");
            }
        }
        _output = _session.OutputMetadata.Keys.First();
    }

    public string Name => "finbert";

    public SentimentPrediction Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.EncodeToIds(text, MaxTokens, out _, out _);
        var length = ids.Count;
        var inputIds = new DenseTensor<long>([1, length]);
        var mask = new DenseTensor<long>([1, length]);
        var types = new DenseTensor<long>([1, length]);
        for (var i = 0; i < length; i++)
        {
            inputIds[0, i] = ids[i];
            mask[0, i] = 1;
        }
        using var results = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", inputIds),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ], [_output]);
        var logits = results[0].AsEnumerable<float>().ToArray();
        if (logits.Length != 3)
            throw new InvalidOperationException($"FinBERT returned {logits.Length} values; expected 3 logits.");
        var max = logits.Max();
        var exp = logits.Select(l => MathF.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return new SentimentPrediction(exp[_bearish] / sum, exp[_bullish] / sum, exp[_neutral] / sum);
    }

    public void Dispose() => _session.Dispose();
}
