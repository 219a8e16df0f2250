using Microsoft.ML.Data;

namespace Sentiment.Model;

/// <summary>The model's answer for one comment.</summary>
public sealed class SentimentPrediction
{
    [ColumnName("PredictedLabel")]
    public bool IsToxic { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }
}
