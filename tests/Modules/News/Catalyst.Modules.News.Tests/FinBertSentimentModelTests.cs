using Catalyst.Modules.News.Sentiment;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.News.Tests;

public sealed class FinBertSentimentModelTests
{
    [Test]
    public void FinBert_path_tokenizes_runs_the_three_inputs_and_maps_the_label_order()
    {
        using var tiny = TinyBert.Create();
        var logger = new ListLogger();
        var model = SentimentModels.Create(new NewsOptions { FinBertModelPath = tiny.ModelPath }, logger);
        var good = model.Score("The company reported a good profit");
        var bad = model.Score("The company reported a bad loss");
        Assert.Multiple(() =>
        {
            Assert.That(model.Name, Is.EqualTo("finbert"));
            Assert.That(logger.Warnings, Is.Empty);
            Assert.That(good.Label, Is.EqualTo("positive"));
            Assert.That(good.Score, Is.GreaterThan(0.5));
            Assert.That(bad.Label, Is.EqualTo("negative"));
            Assert.That(bad.Score, Is.LessThan(-0.5));
            Assert.That(good.Bearish + good.Bullish + good.Neutral, Is.EqualTo(1f).Within(1e-5));
        });
    }

    [Test]
    public void Label_order_is_configurable()
    {
        using var tiny = TinyBert.Create();
        var model = SentimentModels.Create(new NewsOptions
        {
            FinBertModelPath = tiny.ModelPath,
            FinBertVocabPath = tiny.VocabPath,
            FinBertLabels = "negative, positive, neutral",
        }, new ListLogger());
        Assert.That(model.Score("good profit").Label, Is.EqualTo("negative"));
    }

    [Test]
    public void Neutral_words_give_a_neutral_label()
    {
        using var tiny = TinyBert.Create();
        var model = SentimentModels.Create(new NewsOptions { FinBertModelPath = tiny.ModelPath }, new ListLogger());
        Assert.That(model.Score("the company reported").Label, Is.EqualTo("neutral"));
    }

    [TestCase("missing")]
    [TestCase("corrupt")]
    [TestCase("bad-labels")]
    public void A_bad_FinBert_configuration_warns_and_falls_back_to_the_default(string problem)
    {
        using var tiny = TinyBert.Create();
        var options = new NewsOptions { FinBertModelPath = tiny.ModelPath };
        switch (problem)
        {
            case "missing": options.FinBertModelPath = Path.Combine(tiny.Directory, "nope.onnx"); break;
            case "corrupt": File.WriteAllText(tiny.ModelPath, "not a model"); break;
            default: options.FinBertLabels = "up,down,flat"; break;
        }
        var logger = new ListLogger();
        var model = SentimentModels.Create(options, logger);
        Assert.Multiple(() =>
        {
            Assert.That(model.Name, Is.EqualTo("default-hashed-logreg"));
            Assert.That(logger.Warnings, Has.Count.EqualTo(1));
            Assert.That(logger.Warnings[0], Does.Contain(options.FinBertModelPath));
        });
    }

    [Test]
    public void A_missing_default_model_is_an_error_even_when_FinBert_is_not_set()
    {
        var options = new NewsOptions { DefaultModelPath = "/nowhere/sentiment-default.onnx" };
        var ex = Assert.Throws<InvalidOperationException>(() => SentimentModels.Create(options, new ListLogger()));
        Assert.That(ex!.Message, Does.Contain("/nowhere/sentiment-default.onnx"));
    }
}

internal sealed class ListLogger : ILogger
{
    public List<string> Warnings { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning) Warnings.Add(formatter(state, exception));
    }
}
