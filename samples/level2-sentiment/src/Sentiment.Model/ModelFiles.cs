namespace Sentiment.Model;

/// <summary>Where the pipeline keeps its data and model, relative to the repository root.</summary>
public static class ModelFiles
{
    public const string TrainingData = "data/toxic-train.tsv";
    public const string TestData = "data/toxic-test.tsv";
    public const string Parameters = "train.params.json";
    public const string Model = "models/sentiment.zip";
    public const string Metrics = "models/metrics.json";
}
