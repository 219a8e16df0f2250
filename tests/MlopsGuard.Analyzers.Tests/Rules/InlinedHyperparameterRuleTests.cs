using System.Collections.Generic;
using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.InlinedHyperparameterRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class InlinedHyperparameterRuleTests
    {
        [Theory]
        [InlineData("learningRate", true)]
        [InlineData("numberOfLeaves", true)]
        [InlineData("numberOfTrees", true)]
        [InlineData("l1Regularization", true)]
        [InlineData("l2Regularization", true)]
        [InlineData("numberOfIterations", true)]
        [InlineData("maximumNumberOfIterations", true)]
        [InlineData("minimumExampleCountPerLeaf", true)]
        [InlineData("lr", true)]
        [InlineData("LR", false)]
        [InlineData("learningrate", false)]
        [InlineData("l3Regularization", false)]
        [InlineData("labelColumnName", false)]
        [InlineData("", false)]
        public void Hyperparameter_names_are_the_APIs_exactly(string name, bool expected) =>
            Assert.Equal(expected, MlopsGuard.Analyzers.Rules.InlinedHyperparameterRule.IsHyperparameterName(name));

        [Theory]
        [InlineData("ml.BinaryClassification.Trainers.FastTree({|MLG3201:numberOfLeaves: 20|}, {|MLG3201:numberOfTrees: 100|}, {|MLG3201:learningRate: 0.2|})")]
        [InlineData("ml.Regression.Trainers.FastForest({|MLG3201:minimumExampleCountPerLeaf: 10|})")]
        [InlineData("ml.BinaryClassification.Trainers.LightGbm({|MLG3201:numberOfLeaves: 31|}, {|MLG3201:learningRate: 0.05|}, {|MLG3201:numberOfIterations: 200|})")]
        [InlineData("ml.BinaryClassification.Trainers.SdcaLogisticRegression({|MLG3201:l2Regularization: 0.1f|}, {|MLG3201:l1Regularization: 0.01f|}, {|MLG3201:maximumNumberOfIterations: 100|})")]
        [InlineData("ml.BinaryClassification.Trainers.LbfgsLogisticRegression(\"Label\", \"Features\", null, {|MLG3201:0.5f|}, {|MLG3201:-0f|})")]
        [InlineData("ml.Regression.Trainers.FastTree(\"Label\", \"Features\", null, {|MLG3201:numberOfLeaves: LocalLeaves|})")]
        public async Task Flags_literal_hyperparameters_of_trainers(string trainer)
        {
            await Verify.VerifyAsync(Program("const int LocalLeaves = 16;", "var trainer = " + trainer + ";"), MlReferences.MlNetWithTrees);
        }

        [Fact]
        public async Task Flags_the_learning_rate_of_TorchSharp_optimizers()
        {
            await Verify.VerifyAsync(@"
using TorchSharp;
using static TorchSharp.torch;

public static class Training
{
    public static void Run(nn.Module<Tensor, Tensor> model)
    {
        var adam = torch.optim.Adam(model.parameters(), {|MLG3201:lr: 0.001|});
        var sgd = optim.SGD(model.parameters(), {|MLG3201:0.1|}, momentum: 0.9);
    }
}", MlReferences.TorchSharp);
        }

        [Theory]
        [InlineData("ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: options.NumberOfLeaves, numberOfTrees: options.NumberOfTrees, learningRate: options.LearningRate)")]
        [InlineData("ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfLeaves = 20, LearningRate = 0.2 })")]
        [InlineData("ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: leaves, learningRate: SharedRate)")]
        [InlineData("ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: \"Label\", featureColumnName: \"Features\")")]
        [InlineData("ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: null, learningRate: null)")]
        [InlineData("ml.BinaryClassification.Trainers.SdcaLogisticRegression()")]
        public async Task Ignores_hyperparameters_from_options_variables_and_defaults(string trainer)
        {
            await Verify.VerifyAsync(Program("int leaves = options.NumberOfLeaves;", "var trainer = " + trainer + ";"), MlReferences.MlNetWithTrees);
        }

        [Fact]
        public async Task Ignores_non_hyperparameter_literals_and_non_trainer_calls()
        {
            await Verify.VerifyAsync(Program(
                "int numberOfTrees = 3;",
                @"var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(new[] { new Row() }), testFraction: 0.2, seed: 1);
        var normalized = ml.Transforms.NormalizeMinMax(""Features"", fixZero: true);
        var mine = MakeTrainer(numberOfLeaves: 20, learningRate: 0.2);"),
                MlReferences.MlNetWithTrees);
        }

        [Fact]
        public async Task Ignores_a_TorchSharp_learning_rate_from_options()
        {
            await Verify.VerifyAsync(@"
using TorchSharp;
using static TorchSharp.torch;

public sealed class Hyperparameters { public double LearningRate { get; set; } = 0.001; }

public static class Training
{
    public static void Run(nn.Module<Tensor, Tensor> model, Hyperparameters hp, double lr)
    {
        var adam = torch.optim.Adam(model.parameters(), lr: hp.LearningRate);
        var sgd = optim.SGD(model.parameters(), lr);
        var linear = nn.Linear(10, 1);
    }
}", MlReferences.TorchSharp);
        }

        public static IEnumerable<object[]> BrokenSources()
        {
            yield return new object[] { "using Microsoft.ML; class C { void M(MLContext ml) { ml.BinaryClassification.Trainers.SdcaLogisticRegression(l2Regularization: ); } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M(MLContext ml) { ml.BinaryClassification.Trainers.SdcaLogisticRegression(l2Regularization: 0.1f, ; } }" };
            yield return new object[] { "using Microsoft.ML; class C { void M(MLContext ml) { ml.BinaryClassification.Trainers.Unknown(learningRate: 0.1); } }" };
        }

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task Does_not_throw_on_broken_code(string source)
        {
            var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source });
            Assert.Empty(exceptions);
        }

        private static string Program(string local, string statement) => @"
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

public sealed class Row { public float[] Features { get; set; } = new float[1]; public bool Label { get; set; } }

public sealed class TrainingOptions
{
    public int NumberOfLeaves { get; set; } = 20;
    public int NumberOfTrees { get; set; } = 100;
    public double LearningRate { get; set; } = 0.2;
}

public static class Training
{
    private const double SharedRate = 0.1;

    public static void Run(MLContext ml, TrainingOptions options)
    {
        " + local + @"
        " + statement + @"
    }

    private static object MakeTrainer(int numberOfLeaves, double learningRate) => new object();
}";
    }
}
