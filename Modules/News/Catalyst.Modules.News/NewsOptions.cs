namespace Catalyst.Modules.News;

/// <summary>Bound from Catalyst:News.</summary>
internal sealed class NewsOptions
{
    public const string Section = "Catalyst:News";

    /// <summary>How often the poller asks the news port for new articles (the seed's 15 minutes).</summary>
    public int PollSeconds { get; set; } = 900;

    /// <summary>Runs the poller and the stream consumer; tests that drive ingestion by hand turn it off.</summary>
    public bool IngestionEnabled { get; set; } = true;

    /// <summary>On start-up the first poll reaches back this far.</summary>
    public int InitialLookbackHours { get; set; } = 24;

    /// <summary>Stored news at or above this strength also becomes a catalyst event and a news:new_catalyst message.</summary>
    public double CatalystEventThreshold { get; set; } = 0.5;

    /// <summary>Catalyst strength halves for every this many hours between publication and ingestion.</summary>
    public double RecencyHalfLifeHours { get; set; } = 24;

    /// <summary>Defaults to Models/sentiment-default.onnx next to the module's assembly.</summary>
    public string? DefaultModelPath { get; set; }

    public string? FinBertModelPath { get; set; }

    /// <summary>Defaults to vocab.txt next to the FinBERT model.</summary>
    public string? FinBertVocabPath { get; set; }

    /// <summary>The model's output order, comma separated (ProsusAI/finbert: positive,negative,neutral).</summary>
    public string FinBertLabels { get; set; } = "positive,negative,neutral";
}
