using System.Text.Json;

namespace Sentiment.Training;

/// <summary>Every hyperparameter of a training run, read from train.params.json (recorded with the model).</summary>
public sealed record TrainingParameters(int Seed, FeaturizationParameters Featurization, TrainerParameters Trainer)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static TrainingParameters Load(string path) =>
        JsonSerializer.Deserialize<TrainingParameters>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no training parameters.");
}

public sealed record FeaturizationParameters(int WordNgramLength, int CharNgramLength);

public sealed record TrainerParameters(float L2Regularization, int MaximumNumberOfIterations);
