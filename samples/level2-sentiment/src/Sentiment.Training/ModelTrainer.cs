using Microsoft.ML;

namespace Sentiment.Training;

/// <summary>Fits a pipeline on the training set only.</summary>
public sealed class ModelTrainer
{
    private readonly PipelineFactory _pipelines;

    public ModelTrainer(PipelineFactory pipelines) => _pipelines = pipelines;

    public ITransformer Train(IDataView trainingSet) => _pipelines.Create().Fit(trainingSet);
}
