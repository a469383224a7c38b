using Catalyst.Modules.News.Sentiment;

namespace Catalyst.Tools.SentimentTrainer;

/// <summary>Hidden = 0 trains multinomial logistic regression; otherwise one ReLU hidden layer of that width.</summary>
public sealed record TrainerOptions(int Seed = 42, int Epochs = 12, int BatchSize = 32, double LearningRate = 0.01,
    double L2 = 1e-6, int Hidden = 0, double ClassBalance = 0.5, double PriorShift = 0);

/// <summary>Trained weights in float32, exactly as exported: in-memory predictions equal the ONNX graph's up to rounding.</summary>
public sealed class SentimentNetwork
{
    internal SentimentNetwork(int hidden, float[] w1, float[] b1, float[]? w2, float[]? b2)
    {
        Hidden = hidden; W1 = w1; B1 = b1; W2 = w2; B2 = b2;
    }

    public int Hidden { get; }
    public float[] W1 { get; }
    public float[] B1 { get; }
    public float[]? W2 { get; }
    public float[]? B2 { get; }

    /// <summary>Softmax probabilities [bearish, bullish, neutral].</summary>
    public float[] Predict(string text)
    {
        var (idx, val) = SentimentText.Featurize(text);
        var width = Hidden > 0 ? Hidden : SentimentDataset.ClassCount;
        var first = new float[width];
        Array.Copy(B1, first, width);
        for (var k = 0; k < idx.Length; k++)
        {
            var row = idx[k] * width;
            for (var j = 0; j < width; j++) first[j] += val[k] * W1[row + j];
        }
        float[] logits;
        if (Hidden == 0) logits = first;
        else
        {
            logits = new float[SentimentDataset.ClassCount];
            Array.Copy(B2!, logits, logits.Length);
            for (var j = 0; j < Hidden; j++)
            {
                var h = Math.Max(0f, first[j]);
                for (var c = 0; c < logits.Length; c++) logits[c] += h * W2![j * logits.Length + c];
            }
        }
        var max = logits.Max();
        var exp = logits.Select(l => MathF.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    /// <summary>features[N,F] → MatMul → Add → (Relu → MatMul → Add) → Softmax → probabilities[N,3].</summary>
    public byte[] ToOnnx()
    {
        const int k = SentimentDataset.ClassCount;
        var writer = new OnnxGraphWriter("catalyst_sentiment")
            .AddInput("features", OnnxElementType.Float, "batch", (long)SentimentText.FeatureCount)
            .AddOutput("probabilities", OnnxElementType.Float, "batch", (long)k);
        var width = Hidden > 0 ? Hidden : k;
        writer.AddFloatInitializer("W1", [SentimentText.FeatureCount, width], W1)
            .AddFloatInitializer("B1", [width], B1)
            .AddNode("MatMul", ["features", "W1"], ["z1"])
            .AddNode("Add", ["z1", "B1"], ["a1"]);
        var logits = "a1";
        if (Hidden > 0)
        {
            writer.AddFloatInitializer("W2", [Hidden, k], W2!)
                .AddFloatInitializer("B2", [k], B2!)
                .AddNode("Relu", ["a1"], ["h1"])
                .AddNode("MatMul", ["h1", "W2"], ["z2"])
                .AddNode("Add", ["z2", "B2"], ["a2"]);
            logits = "a2";
        }
        writer.AddNode("Softmax", [logits], ["probabilities"], new OnnxAttribute("axis", Int: -1));
        return writer.ToBytes();
    }
}

/// <summary>
/// Mini-batch Adam on softmax cross-entropy over the hashed features. Single-threaded with a seeded shuffle and a fixed
/// summation order, so the same data, options and seed give the same weights bit for bit.
/// </summary>
public static class SentimentModelTrainer
{
    public static SentimentNetwork Train(IReadOnlyList<LabelledText> samples, TrainerOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        const int k = SentimentDataset.ClassCount;
        const int f = SentimentText.FeatureCount;
        var hidden = options.Hidden;
        var width = hidden > 0 ? hidden : k;
        var random = new Random(options.Seed);

        var features = samples.Select(s => SentimentText.Featurize(s.Text)).ToArray();
        var labels = samples.Select(s => s.Label).ToArray();
        var counts = new double[k];
        foreach (var label in labels) counts[label]++;
        // Loss weight per class = (n / (k × n_c))^ClassBalance: 0 = plain cross-entropy, 1 = fully class-balanced.
        var classWeight = new double[k];
        for (var c = 0; c < k; c++)
            classWeight[c] = counts[c] == 0 ? 0 : Math.Pow(labels.Length / (k * counts[c]), options.ClassBalance);

        var p1 = new Param(f * width);
        var pb1 = new Param(width);
        Param? p2 = hidden > 0 ? new Param(hidden * k) : null;
        Param? pb2 = hidden > 0 ? new Param(k) : null;
        if (hidden > 0)
        {
            for (var i = 0; i < p1.W.Length; i++) p1.W[i] = (random.NextDouble() * 2 - 1) * 0.1;
            var scale = Math.Sqrt(6.0 / (hidden + k));
            for (var i = 0; i < p2!.W.Length; i++) p2.W[i] = (random.NextDouble() * 2 - 1) * scale;
        }

        var order = Enumerable.Range(0, samples.Count).ToArray();
        var touched = new bool[f];
        var touchedRows = new List<int>();
        var pre = new double[width];
        var h = new double[hidden];
        var logits = new double[k];
        var gh = new double[width];
        var step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            // Fisher-Yates with the seeded generator: the only randomness after initialisation.
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            double loss = 0;
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var end = Math.Min(order.Length, start + options.BatchSize);
                var inv = 1.0 / (end - start);
                for (var n = start; n < end; n++)
                {
                    var (idx, val) = features[order[n]];
                    Array.Copy(pb1.W, pre, width);
                    for (var q = 0; q < idx.Length; q++)
                    {
                        var row = idx[q] * width;
                        for (var j = 0; j < width; j++) pre[j] += val[q] * p1.W[row + j];
                        if (!touched[idx[q]]) { touched[idx[q]] = true; touchedRows.Add(idx[q]); }
                    }
                    if (hidden > 0)
                    {
                        for (var j = 0; j < hidden; j++) h[j] = Math.Max(0, pre[j]);
                        for (var c = 0; c < k; c++)
                        {
                            var z = pb2!.W[c];
                            for (var j = 0; j < hidden; j++) z += h[j] * p2!.W[j * k + c];
                            logits[c] = z;
                        }
                    }
                    else Array.Copy(pre, logits, k);

                    var max = logits.Max();
                    double sum = 0;
                    for (var c = 0; c < k; c++) { logits[c] = Math.Exp(logits[c] - max); sum += logits[c]; }
                    for (var c = 0; c < k; c++) logits[c] /= sum;
                    var weight = classWeight[labels[order[n]]];
                    loss -= weight * Math.Log(Math.Max(logits[labels[order[n]]], 1e-12));
                    logits[labels[order[n]]] -= 1; // now dL/dlogits
                    for (var c = 0; c < k; c++) logits[c] *= weight;

                    if (hidden > 0)
                    {
                        for (var c = 0; c < k; c++) pb2!.G[c] += logits[c] * inv;
                        for (var j = 0; j < hidden; j++)
                        {
                            double back = 0;
                            for (var c = 0; c < k; c++)
                            {
                                p2!.G[j * k + c] += h[j] * logits[c] * inv;
                                back += p2.W[j * k + c] * logits[c];
                            }
                            gh[j] = pre[j] > 0 ? back : 0;
                        }
                    }
                    else Array.Copy(logits, gh, k);

                    for (var j = 0; j < width; j++) pb1.G[j] += gh[j] * inv;
                    for (var q = 0; q < idx.Length; q++)
                    {
                        var row = idx[q] * width;
                        for (var j = 0; j < width; j++) p1.G[row + j] += val[q] * gh[j] * inv;
                    }
                }

                step++;
                var lr = options.LearningRate;
                // Lazy Adam on the big input matrix: only rows this batch touched move (sparse text features).
                foreach (var r in touchedRows)
                {
                    p1.Update(r * width, width, step, lr, options.L2);
                    touched[r] = false;
                }
                touchedRows.Clear();
                pb1.Update(0, width, step, lr, 0);
                p2?.Update(0, p2.W.Length, step, lr, options.L2);
                pb2?.Update(0, k, step, lr, 0);
            }
            log?.Invoke($"epoch {epoch + 1}/{options.Epochs}: loss {loss / order.Length:F4}");
        }
        // Logit adjustment: output biases −= PriorShift × log(class prior) (0 = none).
        var outputBias = hidden > 0 ? pb2!.W : pb1.W;
        for (var c = 0; c < k; c++)
            if (counts[c] > 0) outputBias[c] -= options.PriorShift * Math.Log(counts[c] / labels.Length);
        return new SentimentNetwork(hidden, ToFloat(p1.W), ToFloat(pb1.W), p2 is null ? null : ToFloat(p2.W),
            pb2 is null ? null : ToFloat(pb2.W));
    }

    private static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);

    private sealed class Param(int size)
    {
        private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
        private readonly double[] _m = new double[size];
        private readonly double[] _v = new double[size];
        public double[] W { get; } = new double[size];
        public double[] G { get; } = new double[size];

        public void Update(int offset, int count, int step, double lr, double l2)
        {
            var c1 = 1 - Math.Pow(Beta1, step);
            var c2 = 1 - Math.Pow(Beta2, step);
            for (var i = offset; i < offset + count; i++)
            {
                var g = G[i] + l2 * W[i];
                _m[i] = Beta1 * _m[i] + (1 - Beta1) * g;
                _v[i] = Beta2 * _v[i] + (1 - Beta2) * g * g;
                W[i] -= lr * (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + Epsilon);
                G[i] = 0;
            }
        }
    }
}
