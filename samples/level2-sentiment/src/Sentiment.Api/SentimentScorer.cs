using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Sentiment.Model;

namespace Sentiment.Api;

/// <summary>Scores comments with pooled engines and records every prediction in logs and metrics.</summary>
public sealed class SentimentScorer
{
    public const string MeterName = "Sentiment.Api";

    private readonly ObjectPool<PredictionEngine<SentimentInput, SentimentPrediction>>? _engines;
    private readonly ILogger<SentimentScorer> _logger;
    private readonly Counter<long> _predictions;
    private readonly Histogram<double> _latency;

    public SentimentScorer(MLContext ml, ModelProvider provider, ObjectPoolProvider pools, IMeterFactory meters, ILogger<SentimentScorer> logger)
    {
        _logger = logger;
        _engines = provider.Model is { } model ? pools.Create(new PredictionEnginePolicy(ml, model)) : null;
        var meter = meters.Create(MeterName);
        _predictions = meter.CreateCounter<long>("sentiment.predictions", description: "Comments scored, by outcome");
        _latency = meter.CreateHistogram<double>("sentiment.prediction.duration", unit: "ms", description: "Time to score one comment");
    }

    public ScoreResponse Score(string text)
    {
        if (_engines is null)
        {
            // Fallback: without a model nothing is flagged, and the caller is told the answer is degraded.
            _predictions.Add(1, new KeyValuePair<string, object?>("outcome", "fallback"));
            return new ScoreResponse(IsToxic: false, Probability: 0f, Degraded: true);
        }

        var started = Stopwatch.GetTimestamp();
        var engine = _engines.Get();
        try
        {
            var prediction = engine.Predict(new SentimentInput { SentimentText = text });
            _predictions.Add(1, new KeyValuePair<string, object?>("outcome", prediction.IsToxic ? "toxic" : "clean"));
            _logger.LogDebug("Scored a comment of {Length} characters: {Probability:F3}", text.Length, prediction.Probability);
            return new ScoreResponse(prediction.IsToxic, prediction.Probability, Degraded: false);
        }
        finally
        {
            _engines.Return(engine);
            _latency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

public sealed record ScoreRequest(string Text);

public sealed record ScoreResponse(bool IsToxic, float Probability, bool Degraded);
