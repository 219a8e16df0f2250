using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Sentiment.Model;

namespace Sentiment.Api;

/// <summary>Creates prediction engines for the pool: an engine is not thread-safe, so each request borrows its own.</summary>
public sealed class PredictionEnginePolicy : PooledObjectPolicy<PredictionEngine<SentimentInput, SentimentPrediction>>
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    public PredictionEnginePolicy(MLContext ml, ITransformer model)
    {
        _ml = ml;
        _model = model;
    }

    public override PredictionEngine<SentimentInput, SentimentPrediction> Create() =>
        _ml.Model.CreatePredictionEngine<SentimentInput, SentimentPrediction>(_model);

    public override bool Return(PredictionEngine<SentimentInput, SentimentPrediction> engine) => true;
}
