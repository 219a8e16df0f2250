using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Meta
{
    /// <summary>Analyzers run on every keystroke: half-typed and broken code must never make one throw.</summary>
    public class BrokenCodeTests
    {
        /// <summary>Realistic ML code, cut at many points below as it is while being typed.</summary>
        private const string TrainingCode = @"
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class HeartData
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Sex { get; set; }
    [LoadColumn(13), ColumnName(""Label"")] public bool Label { get; set; }
}

public sealed class HeartPrediction
{
    [ColumnName(""PredictedLabel"")] public bool Prediction { get; set; }
    public float Probability { get; set; }
}

public static class Program
{
    public static void Main(string[] args)
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ';');
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(HeartData.Age), nameof(HeartData.Sex))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: ""Label""));
        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine(metrics.Accuracy);
        ml.Model.Save(model, data.Schema, ""model.zip"");
        var engine = ml.Model.CreatePredictionEngine<HeartData, HeartPrediction>(model);
        var seeded = new MLContext(seed: 1);
        MLContext typed = new();
    }
}";

        public static IEnumerable<object[]> BrokenSources()
        {
            yield return new object[] { string.Empty };
            yield return new object[] { "using Microsoft.ML; class C { void M() { var ml = new MLContext( } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M() { var ml = new MLContext(seed: ); } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M() { var ml = new MLContext(1, 2, 3); } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M() { var ml = new MLContext(\"seed\"); } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M() { MLContext ml = new(; } }" };
            yield return new object[] { "using Microsoft.ML; class C { MLContext M() => new Undefined(); }" };
            yield return new object[] { "class C { void M() { var x = new ; } }" };
            yield return new object[] { "namespace" };
            yield return new object[] { "using Microsoft.ML; var ml = new MLContext(); ml.Data.LoadFromTextFile<>(\"x\"); ml.Model.Save(" };
        }

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task No_analyzer_throws_on_broken_code(string source)
        {
            var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source });
            Assert.Empty(exceptions);
        }

        [Fact]
        public async Task No_analyzer_throws_on_code_cut_while_typing()
        {
            // Every prefix at a step that crosses lines, tokens and the middle of calls.
            var cuts = Enumerable.Range(1, TrainingCode.Length / 37).Select(i => TrainingCode.Substring(0, i * 37)).Append(TrainingCode);
            foreach (var source in cuts)
            {
                var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source });
                Assert.True(exceptions.Count == 0, $"cut at {source.Length}: {string.Join("\n", exceptions)}");
            }
        }

        [Fact]
        public async Task Full_code_reports_only_catalog_rules()
        {
            var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(new[] { TrainingCode });
            Assert.Empty(exceptions);
            Assert.All(diagnostics, d => Assert.StartsWith("MLG", d.Id, System.StringComparison.Ordinal));
            Assert.Contains(diagnostics, d => d.Id == RuleIdentifiers.UnseededMLContext);
        }
    }
}
