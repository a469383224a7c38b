namespace Catalyst.Modules.News.Sentiment;

/// <summary>Class probabilities of one text; they sum to 1.</summary>
public sealed record SentimentPrediction(float Bearish, float Bullish, float Neutral)
{
    /// <summary>−1 (certainly bearish) … 1 (certainly bullish): p_bullish − p_bearish.</summary>
    public double Score => Math.Round((double)Bullish - Bearish, 6);

    /// <summary>The most probable class in the wire's words: positive, negative or neutral.</summary>
    public string Label => Bullish >= Bearish && Bullish > Neutral ? "positive"
        : Bearish > Bullish && Bearish > Neutral ? "negative"
        : "neutral";
}

/// <summary>A financial-text sentiment classifier: the shipped default or FinBERT. Implementations are thread-safe.</summary>
public interface ISentimentModel
{
    /// <summary>Short name stored with each scored article, e.g. "default-hashed-logreg" or "finbert".</summary>
    string Name { get; }

    SentimentPrediction Score(string text);
}
