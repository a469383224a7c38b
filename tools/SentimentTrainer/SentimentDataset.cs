using System.Globalization;
using System.Text;

namespace Catalyst.Tools.SentimentTrainer;

/// <summary>One labelled text. Labels follow the reference set: 0 = bearish, 1 = bullish, 2 = neutral.</summary>
public sealed record LabelledText(string Text, int Label);

public static class SentimentDataset
{
    public const int ClassCount = 3;

    public static readonly IReadOnlyList<string> ClassNames = ["bearish", "bullish", "neutral"];

    /// <summary>Reads the reference CSV (header "text,label"; RFC 4180 quoting, quoted fields may span lines).</summary>
    public static List<LabelledText> Load(string path)
    {
        var rows = ParseCsv(File.ReadAllText(path, Encoding.UTF8));
        if (rows.Count == 0 || rows[0].Count < 2 || rows[0][0] != "text" || rows[0][1] != "label")
            throw new InvalidDataException($"{path}: expected a 'text,label' header.");
        var result = new List<LabelledText>(rows.Count - 1);
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Count == 1 && row[0].Length == 0) continue;
            if (row.Count != 2 || !int.TryParse(row[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var label)
                || label is < 0 or >= ClassCount)
                throw new InvalidDataException($"{path}: row {r + 1} is not 'text,label' with a label 0-2.");
            result.Add(new LabelledText(row[0], label));
        }
        return result;
    }

    private static List<List<string>> ParseCsv(string content)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    row.Add(field.ToString()); field.Clear();
                    rows.Add(row); row = [];
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}

public sealed record EvaluationResult(double Accuracy, double MacroF1, IReadOnlyList<double> F1PerClass, int[,] Confusion, int Count);

public static class Evaluation
{
    /// <summary>Accuracy and macro-F1 (unweighted mean of the per-class F1) of <paramref name="predict"/>'s argmax.</summary>
    public static EvaluationResult Evaluate(IReadOnlyList<LabelledText> samples, Func<string, IReadOnlyList<float>> predict)
    {
        const int k = SentimentDataset.ClassCount;
        var confusion = new int[k, k];
        var correct = 0;
        foreach (var s in samples)
        {
            var p = predict(s.Text);
            var best = 0;
            for (var c = 1; c < k; c++) if (p[c] > p[best]) best = c;
            confusion[s.Label, best]++;
            if (best == s.Label) correct++;
        }
        var f1 = new double[k];
        for (var c = 0; c < k; c++)
        {
            double tp = confusion[c, c], fp = 0, fn = 0;
            for (var o = 0; o < k; o++)
            {
                if (o == c) continue;
                fp += confusion[o, c];
                fn += confusion[c, o];
            }
            f1[c] = tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
        }
        return new EvaluationResult((double)correct / samples.Count, f1.Average(), f1, confusion, samples.Count);
    }
}
