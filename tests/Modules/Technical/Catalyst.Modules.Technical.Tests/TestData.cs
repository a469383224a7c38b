using System.Globalization;
using System.Text.Json;
using Catalyst.Modules.Technical.Domain;
using Catalyst.SharedKernel.Time;

namespace Catalyst.Modules.Technical.Tests;

/// <summary>Reads ../shared/reference/indicators the way the reference library's test loader does (blank → 0).</summary>
internal static class TestData
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "MM/dd/yyyy", "MM/dd/yy", "M/d/yyyy", "M/d/yy", "yyyy-MM-dd HH:mm:ss"];

    public static string Reference(params string[] parts) => Catalyst.Testing.TestEnvironment.Reference(parts);

    /// <summary>The quotes in file order (not sorted), times as US/Eastern wall clock converted to UTC.</summary>
    public static Ohlcv[] Quotes(string file)
    {
        var lines = File.ReadAllLines(Reference("indicators", "quotes", file));
        var result = new List<Ohlcv>(lines.Length);
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            var time = DateTime.TryParseExact(f[0].Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? MarketTime.AtEastern(DateOnly.FromDateTime(t), TimeOnly.FromDateTime(t))
                : DateTimeOffset.MinValue;
            result.Add(Ohlcv.Create(time, Num(f[1]), Num(f[2]), Num(f[3]), Num(f[4]), Num(f[5])));
        }
        return result.ToArray();
    }

    private static double Num(string text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>One field of a results/*.json baseline, per row (null where the baseline has null).</summary>
    public static double?[] Expected(string file, string field)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Reference("indicators", "results", file)));
        return doc.RootElement.EnumerateArray()
            .Select(row => row.GetProperty(field) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : (double?)null)
            .ToArray();
    }

    public static double[] Closes(Ohlcv[] bars) => bars.Select(b => b.Close).ToArray();

    public static void AssertSeries(double?[] actual, double?[] expected, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what + " count");
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] is not { } e)
            {
                Assert.That(actual[i], Is.Null, $"{what}[{i}] should be null (warm-up)");
                continue;
            }
            Assert.That(actual[i], Is.Not.Null, $"{what}[{i}]");
            AssertClose(actual[i]!.Value, e, $"{what}[{i}]");
        }
    }

    /// <summary>1e-6 relative (absolute 1e-9 around zero).</summary>
    public static void AssertClose(double actual, double expected, string what, double relative = 1e-6)
    {
        var tolerance = Math.Max(Math.Abs(expected) * relative, 1e-9);
        Assert.That(actual, Is.EqualTo(expected).Within(tolerance), what);
    }

    /// <summary>A spot value from expected.md, which prints 4 decimals: equal at that rounding.</summary>
    public static void AssertRounded(double? actual, double expected, int digits, string what)
    {
        Assert.That(actual, Is.Not.Null, what);
        Assert.That(Math.Round(actual!.Value, digits, MidpointRounding.AwayFromZero), Is.EqualTo(expected).Within(Math.Pow(10, -digits) / 2 + 1e-12), what);
    }
}
