using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using Sentiment.Model;

namespace Sentiment.Training;

/// <summary>Text featurization and a logistic-regression classifier, configured only from the recorded parameters.</summary>
public sealed class PipelineFactory
{
    private readonly MLContext _ml;
    private readonly TrainingParameters _parameters;

    public PipelineFactory(MLContext ml, TrainingParameters parameters)
    {
        _ml = ml;
        _parameters = parameters;
    }

    public IEstimator<ITransformer> Create()
    {
        var featurization = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = _parameters.Featurization.WordNgramLength },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = _parameters.Featurization.CharNgramLength, UseAllLengths = false },
        };
        var trainer = new SdcaLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            L2Regularization = _parameters.Trainer.L2Regularization,
            MaximumNumberOfIterations = _parameters.Trainer.MaximumNumberOfIterations,
            // One thread: SDCA is only reproducible run to run without parallel updates.
            NumberOfThreads = 1,
        };

        return _ml.Transforms.Text.FeaturizeText("Features", featurization, nameof(SentimentInput.SentimentText))
            .Append(_ml.BinaryClassification.Trainers.SdcaLogisticRegression(trainer));
    }
}
