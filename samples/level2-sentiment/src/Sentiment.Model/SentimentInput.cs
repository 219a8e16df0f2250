using Microsoft.ML.Data;

namespace Sentiment.Model;

/// <summary>One comment: the text and, in labelled data, whether it is toxic.</summary>
public sealed class SentimentInput
{
    [LoadColumn(0), ColumnName("Label")]
    public bool IsToxic { get; set; }

    [LoadColumn(1)]
    public string SentimentText { get; set; } = string.Empty;
}
