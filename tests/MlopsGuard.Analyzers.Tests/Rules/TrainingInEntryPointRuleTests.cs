using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using MlopsGuard.Analyzers.Rules;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.TrainingInEntryPointRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class TrainingInEntryPointRuleTests
    {
        [Theory]
        [InlineData("public static void Main()")]
        [InlineData("public static void Main(string[] args)")]
        [InlineData("private static int Main(string[] args)")]
        [InlineData("public static async System.Threading.Tasks.Task Main()")]
        public async Task Flags_fit_in_Main(string signature)
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public static class Program
{
    " + signature + @"
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { new Row { Age = 1, Label = true } });
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(Row.Age))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        var model = pipeline.{|MLG3102:Fit(data)|};
        var scaler = ml.Transforms.NormalizeMinMax(""Features"").{|MLG3102:Fit(data)|};
        " + (signature.Contains("int") ? "return 0;" : signature.Contains("async") ? "await System.Threading.Tasks.Task.Yield();" : string.Empty) + @"
    }
}

public sealed class Row { public float Age { get; set; } public bool Label { get; set; } }");
        }

        [Fact]
        public async Task Flags_fit_in_top_level_statements()
        {
            var test = new CSharpAnalyzerTest<RuleAnalyzer<TrainingInEntryPointRule>, DefaultVerifier>
            {
                ReferenceAssemblies = MlReferences.MlNet,
                TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
            };
            test.TestState.Sources.Add(@"
using Microsoft.ML;

var ml = new MLContext(seed: 0);
var data = ml.Data.LoadFromEnumerable(new[] { new Row { Label = true } });
var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: ""Age"").{|MLG3102:Fit(data)|};

public sealed class Row { public float[] Age { get; set; } = new float[1]; public bool Label { get; set; } }");
            await test.RunAsync();
        }

        [Fact]
        public async Task Flags_a_pipeline_that_learns_a_vocabulary_built_in_steps()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromTextFile<Review>(""reviews.tsv"");
        IEstimator<ITransformer> pipeline = ml.Transforms.Text.NormalizeText(""Text"");
        pipeline = pipeline.Append(ml.Transforms.Conversion.MapValueToKey(""Label""));
        var mapped = pipeline.{|MLG3102:Fit(data)|}.Transform(data);
    }
}

public sealed class Review { public string Text { get; set; } = """"; public string Label { get; set; } = """"; }");
        }

        [Fact]
        public async Task Ignores_fitting_pipelines_that_learn_nothing()
        {
            await Verify.VerifyAsync(@"
using System.Collections.Generic;
using Microsoft.ML;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 0);
        var empty = ml.Data.LoadFromEnumerable(new List<Review>());

        // Scoring and stateless transforms: Fit reads no data.
        var scoring = ml.Transforms.Text.NormalizeText(""Text"")
            .Append(ml.Transforms.Text.TokenizeIntoWords(""Words"", ""Text""))
            .Append(ml.Transforms.CopyColumns(""Copy"", ""Text""))
            .Append(ml.Transforms.Concatenate(""All"", ""Copy""))
            .Append(ml.Transforms.SelectColumns(""All""));
        var model = scoring.Fit(empty);

        var chain = new Microsoft.ML.Data.EstimatorChain<ITransformer>();
        chain.Fit(empty);
    }
}

public sealed class Review { public string Text { get; set; } = """"; }");
        }

        [Fact]
        public async Task Ignores_Main_that_calls_a_training_method()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public static class Program
{
    public static void Main(string[] args)
    {
        var ml = new MLContext(seed: 0);
        var model = Trainer.Train(ml, ml.Data.LoadFromEnumerable(new[] { new Row() }));
        ml.Model.Save(model, null, ""model.zip"");
    }
}

public static class Trainer
{
    public static ITransformer Train(MLContext ml, IDataView data) =>
        ml.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: ""Age"").Fit(data);
}

public sealed class Row { public float[] Age { get; set; } = new float[1]; public bool Label { get; set; } }");
        }

        [Fact]
        public async Task Ignores_fit_in_other_methods_lambdas_and_non_entry_Main()
        {
            await Verify.VerifyAsync(@"
using System;
using Microsoft.ML;

public static class Program
{
    public static void Main(string[] args)
    {
        var ml = new MLContext(seed: 0);
        Func<IDataView, ITransformer> train = data => ml.Transforms.NormalizeMinMax(""Age"").Fit(data);
        ITransformer Local(IDataView data) => ml.Transforms.NormalizeMinMax(""Age"").Fit(data);
        Console.WriteLine(train is null);
    }
}

public sealed class Worker
{
    // An instance method called Main is not an entry point.
    public ITransformer Main(MLContext ml, IDataView data) => ml.Transforms.NormalizeMinMax(""Age"").Fit(data);

    public static ITransformer Fit(MLContext ml, IDataView data) => ml.Transforms.NormalizeMinMax(""Age"").Fit(data);
}

public sealed class Row { public float Age { get; set; } }");
        }

        [Theory]
        [InlineData("public static ITransformer Train(MLContext ml, IDataView data)")]
        [InlineData("public static ITransformer Run(MLContext ml, IDataView data)")]
        [InlineData("private static ITransformer MainStage(MLContext ml, IDataView data)")]
        [InlineData("public static ITransformer Main<T>(MLContext ml, IDataView data)")]
        public async Task Ignores_fit_in_methods_that_are_not_entry_points(string signature)
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public static class Stages
{
    " + signature + @" => ml.Transforms.NormalizeMinMax(""Age"").Fit(data);
}");
        }

        [Fact]
        public async Task Ignores_a_user_method_named_Fit_in_Main()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public static class Program
{
    public static void Main()
    {
        var curve = new Curve();
        curve.Fit(new double[] { 1, 2, 3 });
    }
}

public sealed class Curve { public void Fit(double[] points) { } }");
        }

        public static IEnumerable<object[]> BrokenSources()
        {
            yield return new object[] { "using Microsoft.ML; class P { static void Main() { var ml = new MLContext(); ml.Transforms.Concatenate(\"F\").Fit( } }" };
            yield return new object[] { "using Microsoft.ML; var ml = new MLContext(); var m = ml.Transforms.Concatenate(\"F\").Fit(;" };
            yield return new object[] { "using Microsoft.ML; class P { static void Main() { undefined.Fit(1); } }" };
        }

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task Does_not_throw_on_broken_code(string source)
        {
            var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source });
            Assert.Empty(exceptions);
        }
    }
}
