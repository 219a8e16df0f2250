using System.Threading.Tasks;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<
    MlopsGuard.Analyzers.Rules.ModelSavedWithoutSchemaRule,
    MlopsGuard.CodeFixes.ModelSavedWithoutSchemaFixer>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class ModelSavedWithoutSchemaFixerTests
    {
        private const string Load = @"
        var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ',');
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
        var pipeline = ml.Transforms.Concatenate(""Features"", ""Age"", ""Sex"").Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
";

        [Theory]
        [InlineData(
            @"var model = pipeline.Fit(data); ml.Model.Save(model, {|MLG4002:null|}, ""models/heart.zip"");",
            @"var model = pipeline.Fit(data); ml.Model.Save(model, data.Schema, ""models/heart.zip"");")]
        [InlineData(
            @"var model = pipeline.Fit(split.TrainSet); ml.Model.Save(model, {|MLG4002:null|}, ""models/heart.zip"");",
            @"var model = pipeline.Fit(split.TrainSet); ml.Model.Save(model, split.TrainSet.Schema, ""models/heart.zip"");")]
        [InlineData(
            @"var train = split.TrainSet; var model = pipeline.Fit(train); ml.Model.Save(model, {|MLG4002:inputSchema: default|}, filePath: ""m.zip"");",
            @"var train = split.TrainSet; var model = pipeline.Fit(train); ml.Model.Save(model, inputSchema: train.Schema, filePath: ""m.zip"");")]
        public async Task Passes_the_schema_of_the_fitted_data(string before, string after)
        {
            await Verify.VerifyAsync(MlNetPrograms.InMain(Load + before), MlNetPrograms.InMain(Load + after));
        }

        [Fact]
        public async Task Passes_the_schema_of_a_parameter()
        {
            const string Before = MlNetPrograms.Types + @"
public static class Trainer
{
    public static void Train(MLContext ml, IEstimator<ITransformer> pipeline, IDataView trainingData)
    {
        var model = pipeline.Fit(trainingData);
        ml.Model.Save(model, {|MLG4002:null|}, ""models/heart.zip"");
    }
}";
            await Verify.VerifyAsync(Before, Before.Replace("{|MLG4002:null|}", "trainingData.Schema"));
        }

        [Theory]
        [InlineData(@"var model = pipeline.Fit(ml.Data.LoadFromTextFile<HeartData>(""data/other.csv"")); ml.Model.Save(model, {|MLG4002:null|}, ""m.zip"");")]
        [InlineData(@"IDataView current = split.TrainSet; var model = pipeline.Fit(current); current = split.TestSet; ml.Model.Save(model, {|MLG4002:null|}, ""m.zip"");")]
        [InlineData(@"ITransformer model; { var inner = split.TrainSet; model = pipeline.Fit(inner); } ml.Model.Save(model, {|MLG4002:null|}, ""m.zip"");")]
        [InlineData(@"var model = ml.Model.Load(""in.zip"", out _); ml.Model.Save(model, {|MLG4002:null|}, ""m.zip"");")]
        public async Task Offers_no_fix_without_a_certain_fitted_data_view(string statements)
        {
            await Verify.VerifyAsync(MlNetPrograms.InMain(Load + statements), MlNetPrograms.InMain(Load + statements));
        }

        [Fact]
        public async Task Fixes_all_saves_in_a_document()
        {
            await Verify.VerifyAsync(
                MlNetPrograms.InMain(Load + @"var model = pipeline.Fit(data); ml.Model.Save(model, {|MLG4002:null|}, ""a.zip""); ml.Model.Save(model, {|MLG4002:null|}, ""b.zip"");"),
                MlNetPrograms.InMain(Load + @"var model = pipeline.Fit(data); ml.Model.Save(model, data.Schema, ""a.zip""); ml.Model.Save(model, data.Schema, ""b.zip"");"));
        }
    }
}
