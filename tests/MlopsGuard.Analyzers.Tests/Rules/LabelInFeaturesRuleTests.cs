using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.LabelInFeaturesRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class LabelInFeaturesRuleTests
    {
        [Theory]
        [InlineData(@"var p = ml.Transforms.Concatenate(""Features"", ""Age"", ""Sex"", {|MLG2004:""Label""|});")]
        [InlineData(@"var p = ml.Transforms.Concatenate(""Features"", {|MLG2004:nameof(HeartData.Label)|}, ""Age"");")]
        [InlineData(@"const string Target = ""Label""; var p = ml.Transforms.Concatenate(""Features"", ""Age"", {|MLG2004:Target|});")]
        [InlineData(@"var target = ""Label""; var p = ml.Transforms.Concatenate(""Features"", ""Age"", {|MLG2004:target|});")]
        [InlineData(@"var p = ml.Transforms.Concatenate(""Features"", new[] { ""Age"", {|MLG2004:""Label""|} });")]
        [InlineData(@"var columns = new[] { ""Age"", ""Label"" }; var p = ml.Transforms.Concatenate(""Features"", {|MLG2004:columns|});")]
        public async Task Flags_the_default_label_in_the_features(string statements)
        {
            await Verify.VerifyAsync(Program(statements));
        }

        [Fact]
        public async Task Flags_the_label_named_by_the_trainer_of_the_pipeline()
        {
            await Verify.VerifyAsync(Program(@"
        const string Target = ""HasDisease"";
        var pipeline = ml.Transforms.Concatenate(""Features"", ""Age"", ""Sex"", {|MLG2004:""HasDisease""|})
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: Target));"));
        }

        [Fact]
        public async Task Flags_the_label_set_on_trainer_options()
        {
            await Verify.VerifyAsync(Program(@"
        var options = new Microsoft.ML.Trainers.SdcaLogisticRegressionBinaryTrainer.Options { LabelColumnName = ""HasDisease"", FeatureColumnName = ""Features"" };
        var pipeline = ml.Transforms.Concatenate(""Features"", ""Age"", {|MLG2004:""HasDisease""|})
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(options));"));
        }

        [Theory]
        [InlineData(@"var p = ml.Transforms.Conversion.MapValueToKey(outputColumnName: ""Label"", inputColumnName: ""Diagnosis"")
            .Append(ml.Transforms.Concatenate(""Features"", ""Age"", {|MLG2004:""Diagnosis""|}))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());")]
        [InlineData(@"var p = ml.Transforms.CopyColumns(""Label"", ""Price"").Append(ml.Transforms.Concatenate(""Features"", {|MLG2004:""Price""|}, ""Age""));")]
        public async Task Flags_a_source_column_mapped_into_the_label(string statements)
        {
            await Verify.VerifyAsync(Program(statements));
        }

        [Theory]
        [InlineData(@"var p = ml.Transforms.Concatenate(""Features"", ""Age"", ""Sex"");")]
        [InlineData(@"var p = ml.Transforms.Conversion.MapValueToKey(""Label"").Append(ml.Transforms.Concatenate(""Features"", ""Age"", ""Diagnosis""));")]
        [InlineData(@"var p = ml.Transforms.Conversion.MapValueToKey(""Region"", ""RegionName"").Append(ml.Transforms.Concatenate(""Features"", ""Age"", ""RegionName""));")]
        [InlineData(@"var p = ml.Transforms.Concatenate(""Features"", nameof(HeartData.Age), nameof(HeartData.Sex));")]
        [InlineData(@"var p = ml.Transforms.Concatenate(""Label"", ""Label"");")]
        [InlineData(@"var p = ml.Transforms.Concatenate(""Features"", ""Labels"", ""label"");")]
        [InlineData(@"var p = ml.Transforms.Concatenate(""Features"", FeatureColumns());")]
        [InlineData(@"var c = ""Age""; c = ""Label""; var p = ml.Transforms.Concatenate(""Features"", ""Sex"", c);")]
        public async Task Ignores_features_without_the_label(string statements)
        {
            await Verify.VerifyAsync(Program(statements));
        }

        [Fact]
        public async Task Ignores_a_column_named_Label_when_the_trainer_learns_another_label()
        {
            await Verify.VerifyAsync(Program(@"
        var pipeline = ml.Transforms.Concatenate(""Features"", ""Age"", ""Label"")
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: ""HasDisease""));"));
        }

        [Fact]
        public async Task Ignores_a_realistic_pipeline()
        {
            await Verify.VerifyAsync(Program(@"
        var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ',', hasHeader: true);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(HeartData.Age), nameof(HeartData.Sex))
            .Append(ml.Transforms.NormalizeMinMax(""Features""))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(HeartData.Label)));
        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));"));
        }

        [Fact]
        public async Task Ignores_other_Concatenate_methods()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

static class Strings { public static string Concatenate(string a, params string[] b) => a; }

public static class Program
{
    public static void Main() { var s = Strings.Concatenate(""Features"", ""Label""); var ml = new MLContext(seed: 1); }
}");
        }

        [Fact]
        public async Task Registers_nothing_without_an_ML_library()
        {
            await Verify.VerifyAsync(@"
static class T { public static string Concatenate(string a, params string[] b) => a; static void M() => Concatenate(""Features"", ""Label""); }", MlReferences.NoMl);
        }

        private static string Program(string statements) => @"
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class HeartData
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Sex { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}

public static class Program
{
    private static string[] FeatureColumns() => new[] { ""Age"", ""Sex"" };

    public static void Main()
    {
        var ml = new MLContext(seed: 1);
        " + statements + @"
    }
}";
    }
}
