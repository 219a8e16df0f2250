using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Sentiment.Api;
using Xunit;

namespace Sentiment.Tests;

/// <summary>The service scores with the released model, and keeps answering on its fallback when the model is missing.</summary>
public sealed class ScoringServiceTests
{
    private readonly MLContext _ml = new(seed: 0);

    [Fact]
    public void Scores_with_the_released_model()
    {
        var scorer = Scorer(new ModelProvider(_ml, NullLogger<ModelProvider>.Instance, TestFiles.Path("models/sentiment.zip")));

        var response = scorer.Score("you are a stupid idiot, get lost");

        Assert.False(response.Degraded);
        Assert.True(response.IsToxic);
    }

    [Fact]
    public void Falls_back_when_the_model_cannot_be_loaded()
    {
        var provider = new ModelProvider(_ml, NullLogger<ModelProvider>.Instance, TestFiles.Path("models/missing.zip"));

        var response = Scorer(provider).Score("anything");

        Assert.True(provider.IsDegraded);
        Assert.True(response.Degraded);
        Assert.False(response.IsToxic);
    }

    private SentimentScorer Scorer(ModelProvider provider)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return new SentimentScorer(_ml, provider, new DefaultObjectPoolProvider(), services.GetRequiredService<IMeterFactory>(), NullLogger<SentimentScorer>.Instance);
    }
}
