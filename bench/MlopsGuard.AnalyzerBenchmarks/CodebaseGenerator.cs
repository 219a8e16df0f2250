using System.Collections.Generic;

namespace MlopsGuard.AnalyzerBenchmarks
{
    /// <summary>
    /// Generates a realistic ML codebase: ML.NET training and serving code and TorchSharp training loops, each in
    /// a Level 0 ("bad") and a Level 2 ("good") style, mixed with the plain code every application also has.
    /// Every file is distinct (its own namespace and names), so nothing is shared between files but the references.
    /// </summary>
    public static class CodebaseGenerator
    {
        public delegate string Template(int i);

        /// <summary>The mix of one ML repository: a third plain code, the rest ML code of both styles.</summary>
        public static readonly Template[] MlMix =
        {
            BadMlNetTraining, GoodMlNetTraining, BadServing, GoodServing, BadTorchTraining, GoodTorchTraining, PlainCode, PlainCode, PlainCode,
        };

        public static readonly Template[] PlainOnly = { PlainCode };

        public static IEnumerable<(string Path, string Text)> Generate(int files, Template[] mix)
        {
            for (var i = 0; i < files; i++)
            {
                yield return ($"Gen/File{i:D5}.cs", mix[i % mix.Length](i));
            }
        }

        /// <summary>Shared types of the generated project (one file).</summary>
        public const string Common = @"
using Microsoft.ML.Data;

namespace Gen.Common
{
    public sealed class HeartRecord
    {
        [LoadColumn(0)] public float Age { get; set; }
        [LoadColumn(1)] public float Cholesterol { get; set; }
        [LoadColumn(2)] public float MaxHeartRate { get; set; }
        [LoadColumn(3)] public bool Label { get; set; }
    }

    public sealed class HeartPrediction
    {
        [ColumnName(""PredictedLabel"")] public bool HasDisease { get; set; }
        public float Probability { get; set; }
    }

    public sealed class TrainingOptions
    {
        public int Seed { get; set; } = 1;
        public int NumberOfTrees { get; set; } = 100;
        public float LearningRate { get; set; } = 0.1f;
        public double TestFraction { get; set; } = 0.2;
        public string DataPath { get; set; } = ""data/train.csv"";
        public string ModelPath { get; set; } = ""models/model.zip"";
    }
}
";

        private static string BadMlNetTraining(int i) => $@"
using System;
using Microsoft.ML;
using Gen.Common;

namespace Gen.Experiments{i}
{{
    public static class Experiment{i}
    {{
        public static void Run()
        {{
            var ml = new MLContext();
            var data = ml.Data.LoadFromTextFile<HeartRecord>(""/home/alice/data/heart{i}.csv"", separatorChar: ';');
            var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
            var pipeline = ml.Transforms.Concatenate(""Features"", nameof(HeartRecord.Age), nameof(HeartRecord.Cholesterol), nameof(HeartRecord.MaxHeartRate))
                .Append(ml.Transforms.NormalizeMinMax(""Features""))
                .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: ""Label"", l2Regularization: 0.1f));
            var model = pipeline.Fit(split.TrainSet);
            var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TrainSet));
            Console.WriteLine($""{{metrics.Accuracy}} {{metrics.F1Score}}"");
            ml.Model.Save(model, null, ""model{i}.zip"");
            var random = new Random();
            Console.WriteLine(random.Next());
        }}
    }}
}}
";

        private static string GoodMlNetTraining(int i) => $@"
using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Gen.Common;

namespace Gen.Training{i}
{{
    public sealed class DataLoader{i}
    {{
        private readonly MLContext _ml;
        public DataLoader{i}(MLContext ml) => _ml = ml;
        public IDataView Load(string path) => _ml.Data.LoadFromTextFile<HeartRecord>(path, separatorChar: ';');
    }}

    public sealed class PipelineFactory{i}
    {{
        private readonly MLContext _ml;
        private readonly TrainingOptions _options;
        public PipelineFactory{i}(MLContext ml, TrainingOptions options) {{ _ml = ml; _options = options; }}

        public IEstimator<ITransformer> Create() =>
            _ml.Transforms.Concatenate(""Features"", nameof(HeartRecord.Age), nameof(HeartRecord.Cholesterol))
                .Append(_ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(HeartRecord.Label), l2Regularization: _options.LearningRate));
    }}

    public sealed class ModelTrainer{i}
    {{
        private readonly MLContext _ml;
        private readonly TrainingOptions _options;
        public ModelTrainer{i}(TrainingOptions options) {{ _options = options; _ml = new MLContext(seed: options.Seed); }}

        public ITransformer Train(IDataView trainSet) => new PipelineFactory{i}(_ml, _options).Create().Fit(trainSet);

        public CalibratedBinaryClassificationMetrics Evaluate(ITransformer model, IDataView testSet) =>
            _ml.BinaryClassification.Evaluate(model.Transform(testSet), labelColumnName: nameof(HeartRecord.Label));

        public void Save(ITransformer model, DataViewSchema schema) => _ml.Model.Save(model, schema, _options.ModelPath);

        public DataOperationsCatalog.TrainTestData Split(IDataView data) => _ml.Data.TrainTestSplit(data, _options.TestFraction, seed: _options.Seed);
    }}
}}
";

        private static string BadServing(int i) => $@"
using System.Threading.Tasks;
using Microsoft.ML;
using Gen.Common;

namespace Gen.Serving{i}
{{
    public sealed class RiskService{i}
    {{
        private static PredictionEngine<HeartRecord, HeartPrediction>? s_engine;
        private readonly MLContext _ml = new MLContext();

        public float Score(HeartRecord record)
        {{
            var model = _ml.Model.Load(""model{i}.zip"", out _);
            s_engine = _ml.Model.CreatePredictionEngine<HeartRecord, HeartPrediction>(model);
            return s_engine.Predict(record).Probability;
        }}

        public float[] ScoreAll(HeartRecord[] records)
        {{
            var scores = new float[records.Length];
            Parallel.For(0, records.Length, j => scores[j] = s_engine!.Predict(records[j]).Probability);
            return scores;
        }}
    }}
}}
";

        private static string GoodServing(int i) => $@"
using System;
using System.Diagnostics.Metrics;
using System.IO;
using Microsoft.ML;
using Gen.Common;

namespace Gen.Api{i}
{{
    public sealed class ScoringService{i} : IDisposable
    {{
        private static readonly Meter s_meter = new Meter(""Gen.Api{i}"");
        private static readonly Counter<long> s_predictions = s_meter.CreateCounter<long>(""predictions"");
        private readonly MLContext _ml = new MLContext(seed: 1);
        private readonly ITransformer _model;

        public ScoringService{i}(string contentRoot)
        {{
            _model = _ml.Model.Load(Path.Combine(AppContext.BaseDirectory, ""models"", ""model{i}.zip""), out _);
        }}

        public float Score(HeartRecord record)
        {{
            var engine = _ml.Model.CreatePredictionEngine<HeartRecord, HeartPrediction>(_model);
            s_predictions.Add(1);
            return engine.Predict(record).Probability;
        }}

        public void Dispose() => s_meter.Dispose();
    }}
}}
";

        private static string BadTorchTraining(int i) => $@"
using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Gen.Torch{i}
{{
    public static class TorchExperiment{i}
    {{
        public static void Train()
        {{
            var model = nn.Sequential((""lin1"", nn.Linear(10, 32)), (""relu"", nn.ReLU()), (""lin2"", nn.Linear(32, 1)));
            var optimizer = optim.Adam(model.parameters(), lr: 0.01);
            var loss = nn.MSELoss();
            for (var epoch = 0; epoch < 10; epoch++)
            {{
                var x = torch.randn(64, 10);
                var y = torch.randn(64, 1);
                var output = loss.forward(model.forward(x), y);
                output.backward();
                optimizer.step();
            }}

            using (torch.no_grad())
            {{
                var prediction = model.forward(torch.randn(1, 10));
                Console.WriteLine(prediction.item<float>());
            }}
        }}
    }}
}}
";

        private static string GoodTorchTraining(int i) => $@"
using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Gen.TorchGood{i}
{{
    public sealed class TorchTrainer{i}
    {{
        private readonly double _learningRate;
        public TorchTrainer{i}(double learningRate) => _learningRate = learningRate;

        public nn.Module<Tensor, Tensor> Train(int epochs)
        {{
            torch.manual_seed(1);
            var model = nn.Sequential((""lin1"", nn.Linear(10, 32)), (""relu"", nn.ReLU()), (""lin2"", nn.Linear(32, 1)));
            var optimizer = optim.Adam(model.parameters(), lr: _learningRate);
            var loss = nn.MSELoss();
            model.train();
            for (var epoch = 0; epoch < epochs; epoch++)
            {{
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                var output = loss.forward(model.forward(torch.randn(64, 10)), torch.randn(64, 1));
                output.backward();
                optimizer.step();
            }}

            return model;
        }}

        public float Predict(nn.Module<Tensor, Tensor> model, Tensor input)
        {{
            model.eval();
            using (torch.no_grad())
            {{
                return model.forward(input).item<float>();
            }}
        }}
    }}
}}
";

        private static string PlainCode(int i) => $@"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Gen.Core{i}
{{
    public sealed record Order{i}(int Id, string Customer, decimal Amount, DateTime CreatedAt);

    public sealed class OrderReport{i}
    {{
        private readonly List<Order{i}> _orders = new List<Order{i}>();

        public void Add(Order{i} order)
        {{
            if (order is null) throw new ArgumentNullException(nameof(order));
            _orders.Add(order);
        }}

        public IReadOnlyDictionary<string, decimal> TotalsByCustomer() =>
            _orders.GroupBy(o => o.Customer).ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));

        public string Render()
        {{
            var text = new StringBuilder();
            foreach (var (customer, total) in TotalsByCustomer().OrderBy(p => p.Key, StringComparer.Ordinal))
            {{
                text.Append(customer).Append(';').Append(total.ToString(""F2"", System.Globalization.CultureInfo.InvariantCulture)).AppendLine();
            }}

            return text.ToString();
        }}

        public Order{i}? Largest() => _orders.OrderByDescending(o => o.Amount).FirstOrDefault();
    }}
}}
";
    }
}
