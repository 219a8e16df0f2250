using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.EvaluatedOnTrainingDataRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class EvaluatedOnTrainingDataRuleTests
    {
        private const string Pipeline = @"
        var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ',', hasHeader: true);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(HeartData.Age), nameof(HeartData.Sex))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
";

        [Theory]
        [InlineData("var model = pipeline.Fit(data); var metrics = {|MLG2005:ml.BinaryClassification.Evaluate(model.Transform(data))|};")]
        [InlineData("var model = pipeline.Fit(split.TrainSet); var predictions = model.Transform(split.TrainSet); var metrics = {|MLG2005:ml.BinaryClassification.Evaluate(predictions)|};")]
        [InlineData("ITransformer model = pipeline.Fit(data); IDataView scored = model.Transform(data); var metrics = {|MLG2005:ml.BinaryClassification.EvaluateNonCalibrated(scored, labelColumnName: \"Label\")|};")]
        [InlineData("var train = split.TrainSet; var model = pipeline.Fit(train); var metrics = {|MLG2005:ml.BinaryClassification.Evaluate(data: model.Transform(train))|};")]
        [InlineData("var model = pipeline.Fit(split.TrainSet); var scored = model.Transform(split.TrainSet); var importance = {|MLG2005:ml.BinaryClassification.PermutationFeatureImportance(model.LastTransformer, scored, permutationCount: 3)|};")]
        public async Task Flags_evaluation_on_the_fitted_data(string statements)
        {
            await Verify.VerifyAsync(MlNetPrograms.InMain(Pipeline + statements));
        }

        [Fact]
        public async Task Flags_regression_in_a_method_that_receives_the_data()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public sealed class PriceData { public float Size { get; set; } public float Label { get; set; } }

public static class Trainer
{
    public static double Train(MLContext ml, IDataView trainingData)
    {
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(PriceData.Size)).Append(ml.Regression.Trainers.Sdca());
        var model = pipeline.Fit(trainingData);
        var metrics = {|MLG2005:ml.Regression.Evaluate(model.Transform(trainingData))|};
        return metrics.RSquared;
    }
}");
        }

        [Theory]
        [InlineData("var model = pipeline.Fit(split.TrainSet); var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));")]
        [InlineData("var model = pipeline.Fit(split.TrainSet); var test = ml.Data.LoadFromTextFile<HeartData>(\"data/test.csv\", separatorChar: ','); var metrics = ml.BinaryClassification.Evaluate(model.Transform(test));")]
        [InlineData("var model = pipeline.Fit(split.TrainSet); var metrics = ml.BinaryClassification.Evaluate(model.Transform(data));")]
        [InlineData("var current = split.TrainSet; var model = pipeline.Fit(current); current = split.TestSet; var metrics = ml.BinaryClassification.Evaluate(model.Transform(current));")]
        [InlineData("var model = ml.Model.Load(\"model.zip\", out var schema); var metrics = ml.BinaryClassification.Evaluate(model.Transform(data));")]
        [InlineData("var model = pipeline.Fit(split.TrainSet); var importance = ml.BinaryClassification.PermutationFeatureImportance(model.LastTransformer, model.Transform(split.TestSet), permutationCount: 3);")]
        public async Task Ignores_evaluation_on_other_data(string statements)
        {
            await Verify.VerifyAsync(MlNetPrograms.InMain(Pipeline + statements));
        }

        [Fact]
        public async Task Ignores_training_metrics_next_to_test_metrics()
        {
            await Verify.VerifyAsync(MlNetPrograms.InMain(Pipeline + @"
        var model = pipeline.Fit(split.TrainSet);
        var trainMetrics = ml.BinaryClassification.Evaluate(model.Transform(split.TrainSet));
        var testMetrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine($""overfitting gap: {trainMetrics.Accuracy - testMetrics.Accuracy}"");"));
        }

        [Fact]
        public async Task Ignores_a_model_fitted_in_another_method()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public static class Evaluation
{
    public static double Accuracy(MLContext ml, ITransformer model, IDataView test) =>
        ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy;
}");
        }

        [Fact]
        public async Task Registers_nothing_without_an_ML_library()
        {
            await Verify.VerifyAsync("class C { int Evaluate(int data) => data; }", MlReferences.NoMl);
        }
    }
}
