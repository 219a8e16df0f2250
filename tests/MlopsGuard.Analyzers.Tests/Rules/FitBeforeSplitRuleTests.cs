using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.FitBeforeSplitRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class FitBeforeSplitRuleTests
    {
        private const string Load = @"
        var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ',', hasHeader: true);
";

        [Theory]
        [InlineData(@"var prep = ml.Transforms.NormalizeMinMax(""Age""); var prepModel = prep.Fit(data); var prepared = prepModel.Transform(data);
        var split = {|MLG2006:ml.Data.TrainTestSplit(prepared, testFraction: 0.2, seed: 1)|};")]
        [InlineData(@"var split = {|MLG2006:ml.Data.TrainTestSplit(ml.Transforms.NormalizeMeanVariance(""Age"").Fit(data).Transform(data), seed: 1)|};")]
        [InlineData(@"var prep = ml.Transforms.Concatenate(""Features"", ""Age"", ""Sex"").Append(ml.Transforms.NormalizeMinMax(""Features""));
        var prepared = prep.Fit(data).Transform(data);
        var folds = {|MLG2006:ml.Data.CrossValidationSplit(prepared, numberOfFolds: 5, seed: 1)|};")]
        [InlineData(@"var text = ml.Transforms.Text.FeaturizeText(""Features"", ""Comment""); var featurizer = text.Fit(data);
        var split = {|MLG2006:ml.Data.TrainTestSplit(data: featurizer.Transform(data), seed: 1)|};")]
        [InlineData(@"var keyed = ml.Transforms.Conversion.MapValueToKey(""CountryKey"", ""Country"").Fit(data).Transform(data);
        var split = {|MLG2006:ml.Data.TrainTestSplit(keyed, testFraction: 0.2, seed: 1)|};")]
        public async Task Flags_a_split_of_data_transformed_by_a_transform_fitted_on_it(string statements)
        {
            await Verify.VerifyAsync(MlNetPrograms.InMain(Load + statements));
        }

        [Theory]
        [InlineData(@"var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
        var prepModel = ml.Transforms.NormalizeMinMax(""Age"").Fit(split.TrainSet);
        var train = prepModel.Transform(split.TrainSet); var test = prepModel.Transform(split.TestSet);")]
        [InlineData(@"var concat = ml.Transforms.Concatenate(""Features"", ""Age"", ""Sex""); var prepared = concat.Fit(data).Transform(data);
        var split = ml.Data.TrainTestSplit(prepared, seed: 1);")]
        [InlineData(@"var prep = ml.Transforms.CopyColumns(""A"", ""Age"").Append(ml.Transforms.Concatenate(""Features"", ""A"", ""Sex""));
        var split = ml.Data.TrainTestSplit(prep.Fit(data).Transform(data), seed: 1);")]
        [InlineData(@"var reference = ml.Data.LoadFromTextFile<HeartData>(""data/reference.csv"", separatorChar: ',');
        var prepModel = ml.Transforms.NormalizeMinMax(""Age"").Fit(reference);
        var split = ml.Data.TrainTestSplit(prepModel.Transform(data), seed: 1);")]
        [InlineData(@"var split = ml.Data.TrainTestSplit(data, seed: 1);")]
        [InlineData(@"var keyed = ml.Transforms.Conversion.MapValueToKey(""Label"").Fit(data).Transform(data);
        var split = ml.Data.TrainTestSplit(keyed, testFraction: 0.2, seed: 1);")]
        [InlineData(@"var prep = ml.Transforms.Conversion.MapValueToKey(outputColumnName: ""LabelAsKey"", inputColumnName: ""Label"")
            .Append(ml.Transforms.Text.TokenizeIntoWords(""Words"", ""Comment""));
        var split = ml.Data.TrainTestSplit(prep.Fit(data).Transform(data), testFraction: 0.2, seed: 1);")]
        public async Task Ignores_splits_before_fitting_or_of_stateless_transforms(string statements)
        {
            await Verify.VerifyAsync(MlNetPrograms.InMain(Load + statements));
        }

        [Fact]
        public async Task Ignores_a_transformer_from_a_parameter()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public static class Splitter
{
    public static DataOperationsCatalog.TrainTestData Split(MLContext ml, ITransformer prep, IDataView data) =>
        ml.Data.TrainTestSplit(prep.Transform(data), seed: 1);
}");
        }

        [Fact]
        public async Task Registers_nothing_without_an_ML_library()
        {
            await Verify.VerifyAsync("class C { int TrainTestSplit(int data) => data; }", MlReferences.NoMl);
        }
    }
}
