using System.Globalization;
using Catalyst.Modules.News.Sentiment;
using Catalyst.Tools.SentimentTrainer;

namespace Catalyst.Modules.News.Tests;

public sealed class DefaultSentimentModelTests
{
    private static readonly TrainerOptions Small = new(Seed: 7, Epochs: 2);

    [Test]
    public void Shipped_model_reaches_the_accuracy_target_on_the_validation_split()
    {
        var model = SentimentModels.LoadDefault();
        var result = Evaluation.Evaluate(TestData.Validation, text =>
        {
            var p = model.Score(text);
            return [p.Bearish, p.Bullish, p.Neutral];
        });
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"validation n={result.Count} accuracy={result.Accuracy:F4} macro_f1={result.MacroF1:F4}"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Count, Is.EqualTo(2388));
            Assert.That(result.Accuracy, Is.GreaterThanOrEqualTo(0.80));
            Assert.That(result.MacroF1, Is.GreaterThanOrEqualTo(0.72));
        });
    }

    [Test]
    public void Scores_are_probabilities_with_score_and_label_derived_from_them()
    {
        var model = SentimentModels.LoadDefault();
        var bull = model.Score("Acme shares surge after earnings beat, raises guidance");
        var bear = model.Score("Acme stock falls after downgrade, price target cut");
        Assert.Multiple(() =>
        {
            Assert.That(bull.Bearish + bull.Bullish + bull.Neutral, Is.EqualTo(1f).Within(1e-5));
            Assert.That(bull.Score, Is.EqualTo((double)bull.Bullish - bull.Bearish).Within(1e-6));
            Assert.That(bull.Label, Is.EqualTo("positive"));
            Assert.That(bull.Score, Is.GreaterThan(0.3));
            Assert.That(bear.Label, Is.EqualTo("negative"));
            Assert.That(bear.Score, Is.LessThan(-0.3));
        });
    }

    // Hand-written, not the simulation's templates (Catalyst.Simulation/News/HeadlineTemplates.cs are a held-out check).
    [TestCase("Acme shares soar after company posts record profit and raises dividend", 1)]
    [TestCase("Shares of Globex jump as quarterly revenue beats expectations", 1)]
    [TestCase("Initech stock rallies after upbeat forecast and strong sales growth", 1)]
    [TestCase("Stark Industries beats earnings estimates, lifts annual sales forecast", 1)]
    [TestCase("Wayne Enterprises shares tumble after profit warning", -1)]
    [TestCase("Acme stock plunges as quarterly loss widens and revenue falls", -1)]
    [TestCase("Globex shares sink after company slashes dividend and cuts outlook", -1)]
    [TestCase("Initech falls sharply as earnings miss estimates", -1)]
    [TestCase("Umbrella Corp shares drop after regulator opens fraud investigation", -1)]
    public void Clearly_signed_headlines_get_a_clear_score_of_the_right_sign(string headline, int sign)
    {
        var score = SentimentModels.LoadDefault().Score(headline).Score;
        Assert.Multiple(() =>
        {
            Assert.That(Math.Sign(score), Is.EqualTo(sign), headline);
            Assert.That(Math.Abs(score), Is.GreaterThanOrEqualTo(0.5), headline);
        });
    }

    [Test]
    public void Exported_onnx_matches_the_trainers_in_memory_predictions()
    {
        var network = SentimentModelTrainer.Train(TestData.Train.Take(1500).ToList(), Small);
        var path = Path.Combine(Path.GetTempPath(), $"catalyst-sentiment-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, network.ToOnnx());
        try
        {
            var model = SentimentModels.LoadDefault(path);
            foreach (var sample in TestData.Validation.Take(200))
            {
                var expected = network.Predict(sample.Text);
                var actual = model.Score(sample.Text);
                Assert.That(new[] { actual.Bearish, actual.Bullish, actual.Neutral }, Is.EqualTo(expected).Within(1e-5f), sample.Text);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Same_seed_reproduces_the_model_file_byte_for_byte_and_another_seed_does_not()
    {
        var subset = TestData.Train.Take(800).ToList();
        var first = SentimentModelTrainer.Train(subset, Small with { Hidden = 4 }).ToOnnx();
        var second = SentimentModelTrainer.Train(subset, Small with { Hidden = 4 }).ToOnnx();
        var other = SentimentModelTrainer.Train(subset, Small with { Hidden = 4, Seed = 8 }).ToOnnx();
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void The_shipped_file_is_what_the_trainer_writes_with_its_defaults()
    {
        var bytes = SentimentModelTrainer.Train(TestData.Train, new TrainerOptions()).ToOnnx();
        Assert.That(bytes, Is.EqualTo(File.ReadAllBytes(TestData.ShippedModel)),
            "Retrain with tools/SentimentTrainer (see docs/sentiment-model.md) after changing SentimentText or the trainer.");
    }

    [Test]
    public void A_missing_model_fails_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "sentiment-default.onnx");
        var ex = Assert.Throws<InvalidOperationException>(() => SentimentModels.LoadDefault(path));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("not found"));
    }

    [Test]
    public void A_corrupt_model_fails_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, [0x08, 0x08, 0x12, 0xFF, 0xFF, 0x01, 0x02, 0x03, 0x04]);
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => SentimentModels.LoadDefault(path));
            Assert.That(ex!.Message, Does.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_valid_onnx_file_with_other_inputs_is_rejected_as_the_default_model()
    {
        using var tiny = TinyBert.Create();
        var ex = Assert.Throws<InvalidOperationException>(() => SentimentModels.LoadDefault(tiny.ModelPath));
        Assert.That(ex!.Message, Does.Contain(tiny.ModelPath).And.Contain("features"));
    }

    [Test]
    public void Features_are_stable_and_ignore_urls_tickers_and_digits()
    {
        var a = SentimentText.Featurize("$TSLA up 12% after earnings https://t.co/abc");
        var b = SentimentText.Featurize("$NVDA up 34% after earnings https://t.co/xyz");
        Assert.Multiple(() =>
        {
            Assert.That(SentimentText.Tokenize("$TSLA up 12% https://t.co/abc"), Is.EqualTo(new[] { "$tkr", "up", "00", "%" }));
            Assert.That(a.Indices, Is.EqualTo(b.Indices));
            Assert.That(a.Indices, Is.Ordered.Ascending);
            Assert.That(a.Values.Sum(v => v * v), Is.EqualTo(1f).Within(1e-5));
            // FNV-1a reference value: the hash must never change without retraining.
            Assert.That(SentimentText.Fnv1a("a"), Is.EqualTo(0xE40C292Cu));
        });
    }
}
