using System;
using System.IO;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlopsGuard.Sdk.Tests.Validation
{
    /// <summary>
    /// Real models made once per test run: a binary classifier trained with ML.NET 5 on HeartTraining.csv (13 float
    /// features, a boolean label), saved as an ML.NET zip with and without its input schema, exported to ONNX with
    /// Microsoft.ML.OnnxConverter, and its accuracy on HeartTest.csv written as a metrics file.
    /// </summary>
    public sealed class RealModels
    {
        private static readonly Lazy<RealModels> Instance = new(() => new RealModels());

        private RealModels()
        {
            Directory = Path.Combine(Path.GetTempPath(), "mlopsguard-validation-models-" + Environment.ProcessId);
            System.IO.Directory.CreateDirectory(Directory);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Directory);

            var ml = new MLContext(seed: 7);
            var training = ml.Data.LoadFromTextFile<HeartRow>(SharedData.File("HeartTraining.csv"), separatorChar: ';', hasHeader: false);
            var test = ml.Data.LoadFromTextFile<HeartRow>(SharedData.File("HeartTest.csv"), separatorChar: ';', hasHeader: false);
            var pipeline = ml.Transforms.NormalizeMinMax("Features")
                .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: "Label", featureColumnName: "Features"));
            var model = pipeline.Fit(training);

            MlNetZip = Path.Combine(Directory, "heart.zip");
            ml.Model.Save(model, training.Schema, MlNetZip);
            MlNetZipWithoutSchema = Path.Combine(Directory, "heart-noschema.zip");
            ml.Model.Save(model, null, MlNetZipWithoutSchema);

            Onnx = Path.Combine(Directory, "heart.onnx");
            using (var stream = File.Create(Onnx))
            {
                ml.Model.ConvertToOnnx(model, training, stream);
            }

            var metrics = ml.BinaryClassification.Evaluate(model.Transform(test));
            Accuracy = metrics.Accuracy;
            MetricsJson = Path.Combine(Directory, "metrics.json");
            File.WriteAllText(
                MetricsJson,
                FormattableString.Invariant($"{{ \"test\": {{ \"Accuracy\": {metrics.Accuracy}, \"AreaUnderRocCurve\": {metrics.AreaUnderRocCurve} }}, \"rows\": 19 }}"));
        }

        public static RealModels Get => Instance.Value;

        private static void TryDelete(string directory)
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        public string Directory { get; }

        public string MlNetZip { get; }

        public string MlNetZipWithoutSchema { get; }

        public string Onnx { get; }

        public string MetricsJson { get; }

        public double Accuracy { get; }

        public sealed class HeartRow
        {
            [LoadColumn(0, 12)]
            [VectorType(13)]
            public float[] Features { get; set; } = Array.Empty<float>();

            [LoadColumn(13)]
            public bool Label { get; set; }
        }
    }
}
