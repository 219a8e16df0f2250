using Microsoft.ML;
using Sentiment.Model;
using Sentiment.Training;
using Xunit;

namespace Sentiment.Tests;

/// <summary>The pipeline is reproducible from its recorded parameters, and it learns something.</summary>
public sealed class TrainingPipelineTests
{
    private static readonly TrainingParameters Parameters = TrainingParameters.Load(TestFiles.Path(ModelFiles.Parameters));

    [Fact]
    public void Same_parameters_give_the_same_metrics()
    {
        Assert.Equal(TrainAndEvaluate(), TrainAndEvaluate());
    }

    [Fact]
    public void Trained_model_beats_the_majority_class()
    {
        var (accuracy, auc) = TrainAndEvaluate();
        Assert.True(auc > 0.8, $"AUC {auc:F3}");
        Assert.True(accuracy > 0.6, $"accuracy {accuracy:F3}");
    }

    private static (double Accuracy, double Auc) TrainAndEvaluate()
    {
        var ml = new MLContext(seed: Parameters.Seed);
        var data = new CommentData(ml);
        var model = new ModelTrainer(new PipelineFactory(ml, Parameters)).Train(data.Load(TestFiles.Path(ModelFiles.TrainingData)));
        var metrics = new ModelEvaluator(ml).Evaluate(model, data.Load(TestFiles.Path(ModelFiles.TestData)));
        return (metrics.Accuracy, metrics.AreaUnderRocCurve);
    }
}
