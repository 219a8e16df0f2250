using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.NoModelQualityTestRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class NoModelQualityTestRuleTests
    {
        private const string Data = @"
public sealed class HeartData { public float Age { get; set; } public bool Label { get; set; } }
public sealed class HeartPrediction { public bool PredictedLabel { get; set; } }
";

        [Fact]
        public async Task Flags_a_test_class_that_only_checks_a_model_runs()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;
using Xunit;

public class {|MLG7002:HeartModelTests|}
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    [Fact]
    public void Model_loads_and_predicts()
    {
        var model = _ml.Model.Load(""model.zip"", out _);
        var engine = _ml.Model.CreatePredictionEngine<HeartData, HeartPrediction>(model);
        var prediction = engine.Predict(new HeartData { Age = 60 });
        Assert.NotNull(prediction);
    }

    [Fact]
    public void Evaluation_runs()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new HeartData { Age = 60, Label = true } });
        var model = _ml.Model.Load(""model.zip"", out _);
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(data));
    }
}
" + Data, MlReferences.MlNetTests);
        }

        [Fact]
        public async Task Ignores_a_class_with_a_quality_test()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;
using Xunit;

public class HeartModelTests
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    [Fact]
    public void Model_predicts()
    {
        var model = _ml.Model.Load(""model.zip"", out _);
        Assert.NotNull(_ml.Model.CreatePredictionEngine<HeartData, HeartPrediction>(model).Predict(new HeartData()));
    }

    [Theory]
    [InlineData(0.8)]
    public void Accuracy_is_above_the_gate(double gate)
    {
        var test = _ml.Data.LoadFromEnumerable(new[] { new HeartData { Age = 60, Label = true } });
        var model = _ml.Model.Load(""model.zip"", out _);
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.Accuracy >= gate, $""accuracy {metrics.Accuracy}"");
    }
}
" + Data, MlReferences.MlNetTests);
        }

        [Fact]
        public async Task Ignores_a_quality_test_that_evaluates_through_an_evaluator_of_the_project()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

public sealed class ModelEvaluator
{
    private readonly MLContext _ml;
    public ModelEvaluator(MLContext ml) => _ml = ml;
    public CalibratedBinaryClassificationMetrics Evaluate(ITransformer model, IDataView test) => _ml.BinaryClassification.Evaluate(model.Transform(test));
}

public class HeartModelTests
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    [Fact]
    public void Accuracy_is_above_the_gate()
    {
        var test = _ml.Data.LoadFromEnumerable(new[] { new HeartData { Age = 60, Label = true } });
        var model = _ml.Model.Load(""model.zip"", out _);
        var engine = _ml.Model.CreatePredictionEngine<HeartData, HeartPrediction>(model);
        Assert.NotNull(engine.Predict(new HeartData()));
        var metrics = new ModelEvaluator(_ml).Evaluate(model, test);
        Assert.True(metrics.Accuracy >= 0.8);
    }
}
" + Data, MlReferences.MlNetTests);
        }

        [Fact]
        public async Task Ignores_an_evaluation_in_a_helper_and_classes_that_do_not_run_a_model()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

public class HeartQualityTests
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    [Fact]
    public void Auc_is_high_enough()
    {
        var metrics = Evaluate();
        Assert.InRange(metrics.AreaUnderRocCurve, 0.85, 1.0);
    }

    private CalibratedBinaryClassificationMetrics Evaluate()
    {
        var test = _ml.Data.LoadFromEnumerable(new[] { new HeartData { Age = 60, Label = true } });
        var model = _ml.Model.Load(""model.zip"", out _);
        return _ml.BinaryClassification.Evaluate(model.Transform(test));
    }
}

public class SchemaTests
{
    [Fact]
    public void Model_has_a_schema()
    {
        var ml = new MLContext(seed: 0);
        ml.Model.Load(""model.zip"", out var schema);
        Assert.NotNull(schema);
    }
}

public class PlainTests
{
    [Fact]
    public void Adds() => Assert.Equal(2, 1 + 1);
}
" + Data, MlReferences.MlNetTests);
        }

        [Fact]
        public async Task Registers_nothing_outside_a_test_project()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public class HeartModelChecks
{
    public void Model_loads_and_predicts(MLContext ml)
    {
        var model = ml.Model.Load(""model.zip"", out _);
        ml.Model.CreatePredictionEngine<HeartData, HeartPrediction>(model).Predict(new HeartData());
    }
}
" + Data);
        }
    }
}
