using Catalyst.Tools.SentimentTrainer;

namespace Catalyst.Modules.News.Tests;

/// <summary>
/// A BERT-shaped ONNX classifier small enough to write in a test: int64 input_ids/attention_mask/token_type_ids →
/// Gather(embedding) → ReduceMean over tokens → MatMul → Add → logits[batch,3] (positive, negative, neutral), and a
/// WordPiece vocabulary. "good"/"profit" embed toward positive, "bad"/"loss" toward negative, the rest toward neutral.
/// </summary>
internal sealed class TinyBert : IDisposable
{
    public static readonly string[] Vocabulary =
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "good", "profit", "bad", "loss", "the", "company", "reported", "a", "##s"];

    private TinyBert(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }
    public string ModelPath => Path.Combine(Directory, "model.onnx");
    public string VocabPath => Path.Combine(Directory, "vocab.txt");

    public static TinyBert Create()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"tiny-bert-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "vocab.txt"), Vocabulary);

        const int hidden = 3;
        var embedding = new float[Vocabulary.Length * hidden];
        for (var t = 0; t < Vocabulary.Length; t++)
        {
            var axis = Vocabulary[t] switch { "good" or "profit" => 0, "bad" or "loss" => 1, _ => 2 };
            embedding[t * hidden + axis] = Vocabulary[t] is "good" or "profit" or "bad" or "loss" ? 20f : 1f;
        }
        float[] weights = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        float[] bias = [0, 0, 0];
        var bytes = new OnnxGraphWriter("tiny_bert")
            .AddInput("input_ids", OnnxElementType.Int64, "batch", "sequence")
            .AddInput("attention_mask", OnnxElementType.Int64, "batch", "sequence")
            .AddInput("token_type_ids", OnnxElementType.Int64, "batch", "sequence")
            .AddOutput("logits", OnnxElementType.Float, "batch", 3L)
            .AddFloatInitializer("embedding", [Vocabulary.Length, hidden], embedding)
            .AddFloatInitializer("classifier_w", [hidden, 3], weights)
            .AddFloatInitializer("classifier_b", [3], bias)
            .AddNode("Gather", ["embedding", "input_ids"], ["token_vectors"], new OnnxAttribute("axis", Int: 0))
            .AddNode("ReduceMean", ["token_vectors"], ["pooled"], new OnnxAttribute("axes", Ints: [1]), new OnnxAttribute("keepdims", Int: 0))
            .AddNode("MatMul", ["pooled", "classifier_w"], ["projected"])
            .AddNode("Add", ["projected", "classifier_b"], ["logits"])
            .ToBytes();
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), bytes);
        return new TinyBert(dir);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* temp files; the OS cleans up */ }
    }
}
