// Heart-disease experiment, Level 0 style: everything in one place, run by hand, copied around by hand.
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext();

// "Works on my machine": Alice's copy of the data, else whatever is next to the binary.
var trainPath = File.Exists("/home/alice/experiments/heart/HeartTraining.csv")
    ? "/home/alice/experiments/heart/HeartTraining.csv"
    : "data/HeartTraining.csv";

var data = ml.Data.LoadFromTextFile<HeartRecord>(trainPath, separatorChar: ';');
var shuffled = ml.Data.ShuffleRows(data);

var pipeline = ml.Transforms.Concatenate("Features",
        nameof(HeartRecord.Age), nameof(HeartRecord.Sex), nameof(HeartRecord.ChestPain), nameof(HeartRecord.RestingBloodPressure),
        nameof(HeartRecord.Cholesterol), nameof(HeartRecord.FastingBloodSugar), nameof(HeartRecord.RestingEcg),
        nameof(HeartRecord.MaxHeartRate), nameof(HeartRecord.ExerciseAngina), nameof(HeartRecord.OldPeak),
        nameof(HeartRecord.Slope), nameof(HeartRecord.Vessels), nameof(HeartRecord.Thal))
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: "Label", l2Regularization: 0.1f, maximumNumberOfIterations: 100));

var model = pipeline.Fit(shuffled);

// Evaluated on the rows it was trained on: the number looks great.
var metrics = ml.BinaryClassification.Evaluate(model.Transform(shuffled), labelColumnName: "Label");
Console.WriteLine($"Accuracy: {metrics.Accuracy:P1}  AUC: {metrics.AreaUnderRocCurve:F3}  F1: {metrics.F1Score:F3}");

ml.Model.Save(model, null, "heart-model.zip");
Console.WriteLine("Saved heart-model.zip");

var service = new HeartRiskService(model, ml);
var patient = new HeartRecord { Age = 61, Sex = 1, ChestPain = 4, RestingBloodPressure = 140, Cholesterol = 207, MaxHeartRate = 138, ExerciseAngina = 1, OldPeak = 1.9f, Slope = 1, Vessels = 1, Thal = 7 };
Console.WriteLine($"Risk for the sample patient: {service.Score(patient):P1}");

/// <summary>One row of HeartTraining.csv: 13 clinical features and the diagnosis.</summary>
public sealed class HeartRecord
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Sex { get; set; }
    [LoadColumn(2)] public float ChestPain { get; set; }
    [LoadColumn(3)] public float RestingBloodPressure { get; set; }
    [LoadColumn(4)] public float Cholesterol { get; set; }
    [LoadColumn(5)] public float FastingBloodSugar { get; set; }
    [LoadColumn(6)] public float RestingEcg { get; set; }
    [LoadColumn(7)] public float MaxHeartRate { get; set; }
    [LoadColumn(8)] public float ExerciseAngina { get; set; }
    [LoadColumn(9)] public float OldPeak { get; set; }
    [LoadColumn(10)] public float Slope { get; set; }
    [LoadColumn(11)] public float Vessels { get; set; }
    [LoadColumn(12)] public float Thal { get; set; }
    [LoadColumn(13)] public bool Label { get; set; }
}

public sealed class HeartPrediction
{
    [ColumnName("PredictedLabel")] public bool HasDisease { get; set; }
    public float Probability { get; set; }
    public float Score { get; set; }
}

/// <summary>The "service": one engine for every caller, no logging, no metrics.</summary>
public sealed class HeartRiskService
{
    private static PredictionEngine<HeartRecord, HeartPrediction>? _engine;

    public HeartRiskService(ITransformer model, MLContext ml)
    {
        _engine ??= ml.Model.CreatePredictionEngine<HeartRecord, HeartPrediction>(model);
    }

    public float Score(HeartRecord patient) => _engine!.Predict(patient).Probability;

    public float[] ScoreAll(IReadOnlyList<HeartRecord> patients)
    {
        var scores = new float[patients.Count];
        Parallel.For(0, patients.Count, i => scores[i] = _engine!.Predict(patients[i]).Probability);
        return scores;
    }
}
