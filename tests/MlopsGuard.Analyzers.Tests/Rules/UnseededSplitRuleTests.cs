using System.Collections.Generic;
using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.UnseededSplitRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class UnseededSplitRuleTests
    {
        [Theory]
        [InlineData("var split = {|MLG3002:ml.Data.TrainTestSplit(data, testFraction: 0.2)|};")]
        [InlineData("var split = {|MLG3002:ml.Data.TrainTestSplit(data, 0.2, null, null)|};")]
        [InlineData("var split = {|MLG3002:ml.Data.TrainTestSplit(data, seed: null)|};")]
        [InlineData("var folds = {|MLG3002:ml.Data.CrossValidationSplit(data, numberOfFolds: 5)|};")]
        [InlineData("var shuffled = {|MLG3002:ml.Data.ShuffleRows(data)|};")]
        [InlineData("var results = {|MLG3002:ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 5)|};")]
        [InlineData("var results = {|MLG3002:ml.Regression.CrossValidate(data, pipeline)|};")]
        public async Task Flags_random_operations_on_an_unseeded_local_context(string statement)
        {
            await Verify.VerifyAsync(Program("var ml = new MLContext();", statement));
        }

        [Fact]
        public async Task Flags_a_context_from_an_unseeded_field_initializer()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public sealed class Trainer
{
    private readonly MLContext _ml = new MLContext();
    private MLContext Context { get; } = new();

    public DataOperationsCatalog.TrainTestData Split(IDataView data) => {|MLG3002:_ml.Data.TrainTestSplit(data)|};

    public IDataView Shuffle(IDataView data) => {|MLG3002:this.Context.Data.ShuffleRows(data)|};
}");
        }

        [Fact]
        public async Task Flags_an_inline_unseeded_context()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public static class Splitter
{
    public static DataOperationsCatalog.TrainTestData Split(IDataView data) => {|MLG3002:new MLContext().Data.TrainTestSplit(data)|};
}");
        }

        [Theory]
        [InlineData("var ml = new MLContext(seed: 1);", "var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);")]
        [InlineData("var ml = new MLContext(42);", "var folds = ml.Data.CrossValidationSplit(data);")]
        [InlineData("var ml = new MLContext();", "var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 7);")]
        [InlineData("var ml = new MLContext();", "var shuffled = ml.Data.ShuffleRows(data, seed: 3);")]
        [InlineData("var ml = new MLContext();", "int seed = 5; var results = ml.BinaryClassification.CrossValidate(data, pipeline, seed: seed);")]
        [InlineData("var ml = new MLContext(seed: 0);", "var results = ml.MulticlassClassification.CrossValidate(data, pipeline);")]
        public async Task Ignores_seeded_operations_and_seeded_contexts(string context, string statement)
        {
            await Verify.VerifyAsync(Program(context, statement));
        }

        [Fact]
        public async Task Ignores_a_context_that_comes_from_a_parameter_or_a_constructor()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public sealed class Trainer
{
    private readonly MLContext _ml;

    public Trainer(MLContext ml) => _ml = ml;

    public DataOperationsCatalog.TrainTestData Split(IDataView data) => _ml.Data.TrainTestSplit(data);

    public static DataOperationsCatalog.TrainTestData Split(MLContext ml, IDataView data) => ml.Data.TrainTestSplit(data);
}");
        }

        [Fact]
        public async Task Ignores_a_context_that_other_code_may_replace()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public sealed class Trainer
{
    public MLContext Context { get; set; } = new MLContext();
    public MLContext Shared = new MLContext();

    public DataOperationsCatalog.TrainTestData Split(IDataView data) => Context.Data.TrainTestSplit(data);

    public IDataView Shuffle(IDataView data) => Shared.Data.ShuffleRows(data);
}");
        }

        [Fact]
        public async Task Ignores_a_context_from_a_seeded_field_or_a_factory()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public sealed class TrainingOptions { public int Seed { get; set; } = 1; }

public sealed class Trainer
{
    private static readonly TrainingOptions Options = new TrainingOptions();
    private readonly MLContext _ml = new MLContext(seed: Options.Seed);

    public DataOperationsCatalog.TrainTestData Split(IDataView data) => _ml.Data.TrainTestSplit(data);

    public IDataView Shuffle(IDataView data)
    {
        var ml = CreateContext();
        return ml.Data.ShuffleRows(data);
    }

    private static MLContext CreateContext() => new MLContext(seed: Options.Seed);
}");
        }

        [Fact]
        public async Task Ignores_a_local_context_that_is_assigned_again()
        {
            await Verify.VerifyAsync(Program(
                "var ml = new MLContext(); if (path.Length > 0) { ml = new MLContext(seed: 1); }",
                "var split = ml.Data.TrainTestSplit(data);"));
        }

        [Fact]
        public async Task Ignores_other_methods_of_the_catalogs()
        {
            await Verify.VerifyAsync(Program(
                "var ml = new MLContext();",
                "var filtered = ml.Data.FilterRowsByColumn(data, \"Age\", 0, 90); var taken = ml.Data.TakeRows(data, 10); var metrics = ml.BinaryClassification.Evaluate(data);"));
        }

        public static IEnumerable<object[]> BrokenSources()
        {
            yield return new object[] { "using Microsoft.ML; class C { void M(IDataView d) { var ml = new MLContext(); ml.Data.TrainTestSplit( } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M(IDataView d) { var ml = new MLContext(); ml.Data.TrainTestSplit(d, seed: ); } }" };
            yield return new object[] { "using Microsoft.ML; class C { MLContext _ml = new MLContext(; void M(IDataView d) => _ml.Data.ShuffleRows(d); }" };
            yield return new object[] { "using Microsoft.ML; class C { void M(IDataView d) { ml.Data.TrainTestSplit(d); } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M(IDataView d) { var ml = new MLContext(); ml.BinaryClassification.CrossValidate(d, ); } }" };
        }

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task Does_not_throw_on_broken_code(string source)
        {
            var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source });
            Assert.Empty(exceptions);
        }

        private static string Program(string context, string statement) => @"
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class Row
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public bool Label { get; set; }
}

public static class Training
{
    public static void Run(string path)
    {
        " + context + @"
        IDataView data = ml.Data.LoadFromTextFile<Row>(path, separatorChar: ',');
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(Row.Age))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        " + statement + @"
    }
}";
    }
}
