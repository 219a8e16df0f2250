using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Sentiment.Api;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(new MLContext(seed: 0));
builder.Services.AddSingleton<ModelProvider>();
builder.Services.AddSingleton<ObjectPoolProvider, DefaultObjectPoolProvider>();
builder.Services.AddSingleton<SentimentScorer>();
builder.Services.AddMetrics();

var app = builder.Build();

// Load the model at start, not on the first request.
var provider = app.Services.GetRequiredService<ModelProvider>();

app.MapPost("/score", (ScoreRequest request, SentimentScorer scorer) =>
    string.IsNullOrWhiteSpace(request.Text) ? Results.BadRequest("text is required") : Results.Ok(scorer.Score(request.Text)));
app.MapGet("/health", () => provider.IsDegraded ? Results.Json(new { status = "degraded" }, statusCode: 503) : Results.Ok(new { status = "ok" }));

app.Run();

/// <summary>Visible to the tests' host.</summary>
public partial class Program;
