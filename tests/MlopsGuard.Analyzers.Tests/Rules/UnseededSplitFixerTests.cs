using System.Threading.Tasks;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<
    MlopsGuard.Analyzers.Rules.UnseededSplitRule,
    MlopsGuard.CodeFixes.UnseededSplitFixer>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class UnseededSplitFixerTests
    {
        [Theory]
        [InlineData("var split = {|MLG3002:ml.Data.TrainTestSplit(data, testFraction: 0.2)|};", "var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 0);")]
        [InlineData("var split = {|MLG3002:ml.Data.TrainTestSplit(data)|};", "var split = ml.Data.TrainTestSplit(data, seed: 0);")]
        [InlineData("var split = {|MLG3002:ml.Data.TrainTestSplit(data, seed: null)|};", "var split = ml.Data.TrainTestSplit(data, seed: 0);")]
        [InlineData("var shuffled = {|MLG3002:ml.Data.ShuffleRows(data, null)|};", "var shuffled = ml.Data.ShuffleRows(data, seed: 0);")]
        [InlineData("var folds = {|MLG3002:ml.Data.CrossValidationSplit(data, 5)|};", "var folds = ml.Data.CrossValidationSplit(data, 5, seed: 0);")]
        public async Task Adds_a_seed(string before, string after)
        {
            await Verify.VerifyAsync(Program(before), Program(after));
        }

        [Fact]
        public async Task Fixes_all_occurrences_in_a_document()
        {
            await Verify.VerifyAsync(
                Program("var a = {|MLG3002:ml.Data.ShuffleRows(data)|}; var b = {|MLG3002:ml.Data.TrainTestSplit(a)|};"),
                Program("var a = ml.Data.ShuffleRows(data, seed: 0); var b = ml.Data.TrainTestSplit(a, seed: 0);"));
        }

        private static string Program(string statement) => @"
using Microsoft.ML;

public static class Training
{
    public static void Run(IDataView data)
    {
        var ml = new MLContext(seed: null);
        " + statement + @"
    }
}";
    }
}
