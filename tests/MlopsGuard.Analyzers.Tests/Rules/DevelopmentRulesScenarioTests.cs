using System.Linq;
using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    /// <summary>
    /// All analyzers over realistic programs: a Level 0 experiment must raise the development rules on the lines of the
    /// offending calls, and the same work written the Level 2 way (modular, seeded, parameterized) must raise none.
    /// </summary>
    public class DevelopmentRulesScenarioTests
    {
        private const string MlNetLevel0 = @"
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class HeartData
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Cholesterol { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}

public sealed class HeartPrediction
{
    [ColumnName(""PredictedLabel"")] public bool Prediction { get; set; }
}

public static class Program
{
    public static void Main(string[] args)
    {
        var ml = new MLContext();
        var rows = ml.Data.CreateEnumerable<HeartData>(ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ','), reuseRowObject: false).ToArray();
        var random = new Random();
        var data = ml.Data.LoadFromEnumerable(rows.OrderBy(_ => random.Next()));
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(HeartData.Age), nameof(HeartData.Cholesterol))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(l2Regularization: 0.1f));
        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine(metrics.Accuracy);
        ml.Model.Save(model, data.Schema, ""model.zip"");
    }
}";

        private const string MlNetLevel2 = @"
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class HeartData
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Cholesterol { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}

public sealed class TrainingOptions
{
    public int Seed { get; set; } = 1;
    public string DataPath { get; set; } = ""data/heart.csv"";
    public string ModelPath { get; set; } = ""models/heart.zip"";
    public float L2Regularization { get; set; } = 0.1f;
    public double TestFraction { get; set; } = 0.2;
}

public static class Program
{
    public static void Main(string[] args)
    {
        var options = new TrainingOptions();
        var ml = new MLContext(seed: options.Seed);
        var split = HeartData2.LoadAndSplit(ml, options);
        var model = HeartTrainer.Train(ml, split.TrainSet, options);
        var accuracy = HeartEvaluator.Evaluate(ml, model, split.TestSet);
        Console.WriteLine(accuracy);
        HeartModelStore.Save(ml, model, split.TrainSet.Schema, options.ModelPath);
    }
}

public static class HeartData2
{
    public static DataOperationsCatalog.TrainTestData LoadAndSplit(MLContext ml, TrainingOptions options)
    {
        var random = new Random(options.Seed);
        var rows = ml.Data.CreateEnumerable<HeartData>(ml.Data.LoadFromTextFile<HeartData>(options.DataPath, separatorChar: ','), reuseRowObject: false);
        var data = ml.Data.LoadFromEnumerable(rows.OrderBy(_ => random.Next()));
        return ml.Data.TrainTestSplit(data, options.TestFraction);
    }
}

public static class HeartTrainer
{
    public static ITransformer Train(MLContext ml, IDataView trainSet, TrainingOptions options) =>
        ml.Transforms.Concatenate(""Features"", nameof(HeartData.Age), nameof(HeartData.Cholesterol))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(l2Regularization: options.L2Regularization))
            .Fit(trainSet);
}

public static class HeartEvaluator
{
    public static double Evaluate(MLContext ml, ITransformer model, IDataView testSet) =>
        ml.BinaryClassification.Evaluate(model.Transform(testSet)).Accuracy;
}

public static class HeartModelStore
{
    public static void Save(MLContext ml, ITransformer model, DataViewSchema schema, string path) => ml.Model.Save(model, schema, path);
}";

        private const string TorchLevel0 = @"
using System;
using TorchSharp;
using static TorchSharp.torch;

public static class Experiment
{
    public static void Run(Tensor x, Tensor y)
    {
        var model = new Classifier();
        var optimizer = torch.optim.Adam(model.parameters(), lr: 0.001);
        var lossFn = nn.BCEWithLogitsLoss();
        for (var epoch = 0; epoch < 10; epoch++)
        {
            var loss = lossFn.call(model.call(x), y);
            loss.backward();
            optimizer.step();
        }

        using (torch.no_grad())
        {
            var output = model.call(x);
            Console.WriteLine(output.mean().item<float>());
        }
    }
}";

        private const string TorchLevel2 = @"
using System;
using TorchSharp;
using static TorchSharp.torch;

public sealed class Hyperparameters
{
    public int Seed { get; set; } = 1;
    public double LearningRate { get; set; } = 0.001;
    public int Epochs { get; set; } = 10;
}

public static class Trainer
{
    public static Classifier Train(Tensor x, Tensor y, Hyperparameters hp)
    {
        torch.manual_seed(hp.Seed);
        var model = new Classifier();
        var optimizer = torch.optim.Adam(model.parameters(), lr: hp.LearningRate);
        var lossFn = nn.BCEWithLogitsLoss();
        model.train();
        for (var epoch = 0; epoch < hp.Epochs; epoch++)
        {
            optimizer.zero_grad();
            var loss = lossFn.call(model.call(x), y);
            loss.backward();
            optimizer.step();
        }

        return model;
    }
}

public static class Evaluator
{
    public static float Evaluate(Classifier model, Tensor x)
    {
        model.eval();
        using var _ = torch.no_grad();
        return model.call(x).mean().item<float>();
    }
}";

        [Fact]
        public async Task A_Level_0_MLNET_experiment_raises_the_development_rules()
        {
            var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(new[] { MlNetLevel0 });
            Assert.Empty(exceptions);
            var ids = diagnostics.Select(d => d.Id).ToHashSet();
            Assert.Superset(new[] { "MLG3001", "MLG3002", "MLG3003", "MLG3101", "MLG3102", "MLG3201" }.ToHashSet(), ids);
        }

        [Fact]
        public async Task A_Level_2_MLNET_project_raises_no_development_rule()
        {
            var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(new[] { MlNetLevel2 });
            Assert.Empty(exceptions);
            Assert.Empty(diagnostics.Where(d => d.Id.StartsWith("MLG3", System.StringComparison.Ordinal)));
        }

        [Fact]
        public async Task A_Level_0_TorchSharp_experiment_raises_the_TorchSharp_rules()
        {
            var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(new[] { TorchLevel0, TorchSharpSources.Model }, MlReferences.TorchSharp);
            Assert.Empty(exceptions);
            var ids = diagnostics.Select(d => d.Id).ToHashSet();
            Assert.Superset(new[] { "MLG3003", "MLG3201", "MLG3301", "MLG3302" }.ToHashSet(), ids);
            var zeroGrad = diagnostics.Single(d => d.Id == "MLG3301");
            Assert.Equal("loss.backward()", zeroGrad.Location.SourceTree!.GetText().ToString(zeroGrad.Location.SourceSpan));
        }

        [Fact]
        public async Task A_Level_2_TorchSharp_project_raises_no_development_rule()
        {
            var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(new[] { TorchLevel2, TorchSharpSources.Model }, MlReferences.TorchSharp);
            Assert.Empty(exceptions);
            Assert.Empty(diagnostics.Where(d => d.Id.StartsWith("MLG3", System.StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Every_prefix_of_the_scenarios_analyzes_without_exceptions()
        {
            foreach (var (source, references) in new[] { (MlNetLevel0, MlReferences.MlNet), (TorchLevel0 + TorchSharpSources.Model, MlReferences.TorchSharp), (TorchLevel2, MlReferences.TorchSharp) })
            {
                for (var length = 41; length < source.Length; length += 41)
                {
                    var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source.Substring(0, length) }, references);
                    Assert.True(exceptions.Count == 0, $"cut at {length}: {string.Join("\n", exceptions)}");
                }
            }
        }
    }
}
