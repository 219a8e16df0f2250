using Microsoft.ML;
using Sentiment.Model;
using Sentiment.Training;
using Xunit;

namespace Sentiment.Tests;

/// <summary>The released model must keep its quality bar on held-out data (the same bars as the build's metric gates).</summary>
public sealed class ModelQualityTests
{
    private readonly MLContext _ml = new(seed: 0);

    [Fact]
    public void Released_model_meets_its_accuracy_and_auc_bars()
    {
        var model = _ml.Model.Load(TestFiles.Path(ModelFiles.Model), out _);
        var testSet = new CommentData(_ml).Load(TestFiles.Path(ModelFiles.TestData));

        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(testSet), labelColumnName: "Label");

        Assert.True(metrics.Accuracy >= 0.70, $"accuracy {metrics.Accuracy:F3} is below 0.70");
        Assert.True(metrics.AreaUnderRocCurve >= 0.90, $"AUC {metrics.AreaUnderRocCurve:F3} is below 0.90");
    }

    [Fact]
    public void Released_model_flags_an_obvious_insult_and_passes_a_thank_you()
    {
        var model = _ml.Model.Load(TestFiles.Path(ModelFiles.Model), out _);
        var engine = _ml.Model.CreatePredictionEngine<SentimentInput, SentimentPrediction>(model);

        Assert.True(engine.Predict(new SentimentInput { SentimentText = "you are a stupid idiot, get lost" }).IsToxic);
        Assert.False(engine.Predict(new SentimentInput { SentimentText = "Thank you for fixing the references in this article." }).IsToxic);
    }
}
