using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Sentiment.Training;

/// <summary>Scores a model on held-out data and writes the metrics the build gates on.</summary>
public sealed class ModelEvaluator
{
    private readonly MLContext _ml;

    public ModelEvaluator(MLContext ml) => _ml = ml;

    public CalibratedBinaryClassificationMetrics Evaluate(ITransformer model, IDataView testSet) =>
        _ml.BinaryClassification.Evaluate(model.Transform(testSet), labelColumnName: "Label");

    /// <summary>A flat JSON object, fixed order and precision, so the same model always writes the same bytes.</summary>
    public static void WriteMetrics(CalibratedBinaryClassificationMetrics metrics, string path)
    {
        var values = new (string Name, double Value)[]
        {
            ("Accuracy", metrics.Accuracy),
            ("AreaUnderRocCurve", metrics.AreaUnderRocCurve),
            ("F1Score", metrics.F1Score),
            ("LogLoss", metrics.LogLoss),
        };
        var json = new StringBuilder("{\n");
        for (var i = 0; i < values.Length; i++)
        {
            var value = double.IsFinite(values[i].Value) ? Math.Round(values[i].Value, 6).ToString("0.######", CultureInfo.InvariantCulture) : "null";
            json.Append("  \"").Append(values[i].Name).Append("\": ").Append(value).Append(i < values.Length - 1 ? ",\n" : "\n");
        }

        json.Append("}\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, json.ToString());
    }
}
