using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using MlopsGuard.Analyzers.Rules;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.MonolithicMlMethodRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class MonolithicMlMethodRuleTests
    {
        private const string Types = @"
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class Row
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public bool Label { get; set; }
}

public sealed class Prediction
{
    [ColumnName(""PredictedLabel"")] public bool PredictedLabel { get; set; }
}
";

        [Fact]
        public async Task Flags_a_script_that_does_every_stage()
        {
            await Verify.VerifyAsync(Types + @"
public static class Training
{
    public static void {|MLG3101:Run|}(string dataPath, string modelPath)
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromTextFile<Row>(dataPath, separatorChar: ',');
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(Row.Age))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine(metrics.Accuracy);
        ml.Model.Save(model, data.Schema, modelPath);
        var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        Console.WriteLine(engine.Predict(new Row { Age = 40 }).PredictedLabel);
    }
}");
        }

        [Fact]
        public async Task Flags_three_stages_in_a_method_and_a_constructor()
        {
            await Verify.VerifyAsync(Types + @"
public sealed class Trainer
{
    private readonly MLContext _ml = new MLContext(seed: 0);
    private readonly ITransformer _model;

    public {|MLG3101:Trainer|}(string dataPath)
    {
        var data = _ml.Data.LoadFromTextFile<Row>(dataPath, separatorChar: ',');
        var pipeline = _ml.BinaryClassification.Trainers.SdcaLogisticRegression();
        _model = pipeline.Fit(data);
    }

    public void {|MLG3101:FitAndSave|}(IDataView data, string path)
    {
        var model = _ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        _ml.Model.Save(model, data.Schema, path);
    }
}");
        }

        [Fact]
        public async Task Flags_top_level_statements_on_their_first_ML_call()
        {
            var test = new CSharpAnalyzerTest<RuleAnalyzer<MonolithicMlMethodRule>, DefaultVerifier>
            {
                ReferenceAssemblies = MlReferences.MlNet,
                TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
            };
            test.TestState.Sources.Add(@"
using Microsoft.ML;

var ml = new MLContext(seed: 0);
var data = {|MLG3101:ml.Data.LoadFromTextFile<Row>(""data.csv"", separatorChar: ',')|};
var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
ml.Model.Save(model, data.Schema, ""model.zip"");
");
            test.TestState.Sources.Add(Types);
            await test.RunAsync();
        }

        [Fact]
        public async Task Ignores_an_orchestrating_method_that_calls_stage_helpers()
        {
            await Verify.VerifyAsync(Types + @"
public static class Training
{
    public static void Run(string dataPath, string modelPath)
    {
        var ml = new MLContext(seed: 0);
        var data = LoadData(ml, dataPath);
        var pipeline = BuildPipeline(ml);
        var model = Train(pipeline, data);
        Evaluate(ml, model, data);
        SaveModel(ml, model, data, modelPath);
    }

    private static IDataView LoadData(MLContext ml, string path) => ml.Data.LoadFromTextFile<Row>(path, separatorChar: ',');

    private static IEstimator<ITransformer> BuildPipeline(MLContext ml) =>
        ml.Transforms.Concatenate(""Features"", nameof(Row.Age))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());

    private static ITransformer Train(IEstimator<ITransformer> pipeline, IDataView data) => pipeline.Fit(data);

    private static void Evaluate(MLContext ml, ITransformer model, IDataView data) =>
        Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(data)).Accuracy);

    private static void SaveModel(MLContext ml, ITransformer model, IDataView data, string path) => ml.Model.Save(model, data.Schema, path);
}");
        }

        [Fact]
        public async Task Ignores_two_stages_and_calls_that_are_no_stage()
        {
            await Verify.VerifyAsync(Types + @"
public sealed class Trainer
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    // Build and fit: a cohesive training step.
    public ITransformer Train(IDataView data) =>
        _ml.Transforms.Concatenate(""Features"", nameof(Row.Age))
            .Append(_ml.BinaryClassification.Trainers.SdcaLogisticRegression())
            .Fit(data);

    // Transform, split, schema access and filtering are not stages of their own.
    public double Score(ITransformer model, IDataView data)
    {
        var split = _ml.Data.TrainTestSplit(data, seed: 1);
        var scored = model.Transform(split.TestSet);
        var filtered = _ml.Data.FilterRowsByColumn(scored, ""Score"", 0, 1);
        Console.WriteLine(filtered.Schema.Count);
        return _ml.BinaryClassification.Evaluate(scored).Accuracy;
    }
}");
        }

        [Fact]
        public async Task Ignores_a_prediction_service_and_an_evaluation_method()
        {
            await Verify.VerifyAsync(Types + @"
public sealed class HeartPredictor
{
    private readonly MLContext _ml = new MLContext(seed: 0);
    private readonly PredictionEngine<Row, Prediction> _engine;

    public HeartPredictor(string modelPath)
    {
        var model = _ml.Model.Load(modelPath, out var schema);
        _engine = _ml.Model.CreatePredictionEngine<Row, Prediction>(model);
    }

    public bool Predict(Row row) => _engine.Predict(row).PredictedLabel;

    public double Evaluate(ITransformer model, string testPath)
    {
        var test = _ml.Data.LoadFromTextFile<Row>(testPath, separatorChar: ',');
        return _ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy;
    }
}");
        }

        [Fact]
        public async Task Ignores_the_setup_of_a_scoring_pipeline()
        {
            // An empty list for the schema, a pipeline that learns nothing, its Fit and an engine: loading a model, one concern.
            await Verify.VerifyAsync(@"
using System.Collections.Generic;
using Microsoft.ML;

public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Words { public string[] Tokens { get; set; } = new string[0]; }

public sealed class Scorer
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    public PredictionEngine<Review, Words> Setup()
    {
        var empty = _ml.Data.LoadFromEnumerable(new List<Review>());
        var pipeline = _ml.Transforms.Text.NormalizeText(""Text"").Append(_ml.Transforms.Text.TokenizeIntoWords(""Tokens"", ""Text""));
        var model = pipeline.Fit(empty);
        return _ml.Model.CreatePredictionEngine<Review, Words>(model);
    }
}");
        }

        [Fact]
        public async Task Flags_a_method_that_fits_a_learning_pipeline_on_loaded_data_and_predicts()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public sealed class Review { public string Text { get; set; } = """"; public bool Label { get; set; } }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }

public sealed class Trainer
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    public Sentiment {|MLG3101:TrainAndTry|}(string path)
    {
        var data = _ml.Data.LoadFromTextFile<Review>(path);
        var pipeline = _ml.Transforms.Text.FeaturizeText(""Features"", ""Text"");
        var model = pipeline.Fit(data);
        return _ml.Model.CreatePredictionEngine<Review, Sentiment>(model).Predict(new Review());
    }
}");
        }

        [Fact]
        public async Task Ignores_stages_in_a_local_function()
        {
            await Verify.VerifyAsync(Types + @"
public static class Training
{
    public static void Run(MLContext ml, string path)
    {
        var data = Load();
        ml.Model.Save(Fit(data), data.Schema, ""model.zip"");

        IDataView Load() => ml.Data.LoadFromTextFile<Row>(path, separatorChar: ',');
        ITransformer Fit(IDataView d) => ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(d);
    }
}");
        }

        [Fact]
        public async Task Threshold_comes_from_editorconfig()
        {
            const string Source = Types + @"
public static class Training
{
    public static void {|#0:Run|}(MLContext ml, string path)
    {
        var data = ml.Data.LoadFromTextFile<Row>(path, separatorChar: ',');
        var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        ml.Model.Save(model, data.Schema, ""model.zip"");
    }
}";

            // Four stages allowed (load, build, fit, save is four): quiet.
            await WithEditorConfig(Source.Replace("{|#0:Run|}", "Run"), "mlopsguard.max_stages_per_method = 4");

            // One stage allowed: flagged.
            await WithEditorConfig(Source, "mlopsguard.max_stages_per_method = 1", new DiagnosticResult(RuleIdentifiers.MonolithicMlMethod, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0));

            // Nonsense values fall back to the default of two.
            await WithEditorConfig(Source, "mlopsguard.max_stages_per_method = many", new DiagnosticResult(RuleIdentifiers.MonolithicMlMethod, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0));
        }

        public static IEnumerable<object[]> BrokenSources()
        {
            yield return new object[] { "using Microsoft.ML; class C { void M(MLContext ml) { var d = ml.Data.LoadFromTextFile<>(; ml.Model.Save( } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M(MLContext ml, IDataView d) { ml.Transforms.Concatenate(\"F\").Fit(d).Transform( } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M(MLContext ml) => ml.Model.Save(null, null, ); }" };
            yield return new object[] { "using Microsoft.ML; var ml = new MLContext(); var m = ml.BinaryClassification.Trainers.Sdca" };
        }

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task Does_not_throw_on_broken_code(string source)
        {
            var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source });
            Assert.Empty(exceptions);
        }

        /// <summary>Runs MLG3101 on <paramref name="source"/> with one line of .editorconfig for every C# file.</summary>
        internal static Task WithEditorConfig(string source, string setting, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<RuleAnalyzer<MonolithicMlMethodRule>, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = MlReferences.MlNet,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + setting + "\n"));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }
    }
}
