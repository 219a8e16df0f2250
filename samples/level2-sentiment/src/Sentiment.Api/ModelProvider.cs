using Microsoft.ML;

namespace Sentiment.Api;

/// <summary>
/// Loads the model once, at start. When the model cannot be loaded the service keeps running on the fallback
/// (a conservative default answer) and says so in its logs, health and responses, instead of failing every request.
/// </summary>
public sealed class ModelProvider
{
    public ModelProvider(MLContext ml, ILogger<ModelProvider> logger, string? modelPath = null)
    {
        ModelPath = modelPath ?? Path.Combine(AppContext.BaseDirectory, "models", "sentiment.zip");
        try
        {
            Model = ml.Model.Load(ModelPath, out _);
            logger.LogInformation("Loaded model {ModelPath}", ModelPath);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or UnauthorizedAccessException)
        {
            Model = null;
            logger.LogError(ex, "Could not load model {ModelPath}; serving the fallback answer", ModelPath);
        }
    }

    public string ModelPath { get; }

    /// <summary>The loaded model, or null when the service runs on its fallback.</summary>
    public ITransformer? Model { get; }

    public bool IsDegraded => Model is null;
}
