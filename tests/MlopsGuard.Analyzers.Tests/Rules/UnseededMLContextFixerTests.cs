using System.Threading.Tasks;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<
    MlopsGuard.Analyzers.Rules.UnseededMLContextRule,
    MlopsGuard.CodeFixes.UnseededMLContextFixer>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class UnseededMLContextFixerTests
    {
        [Theory]
        [InlineData("var ml = {|MLG3001:new MLContext()|};", "var ml = new MLContext(seed: 0);")]
        [InlineData("MLContext ml = {|MLG3001:new()|};", "MLContext ml = new(seed: 0);")]
        [InlineData("var ml = {|MLG3001:new MLContext(null)|};", "var ml = new MLContext(seed: 0);")]
        [InlineData("var ml = {|MLG3001:new MLContext(seed: null)|};", "var ml = new MLContext(seed: 0);")]
        [InlineData("var ml = {|MLG3001:new MLContext { GpuDeviceId = null }|};", "var ml = new MLContext(seed: 0) { GpuDeviceId = null };")]
        public async Task Adds_a_seed(string before, string after)
        {
            await Verify.VerifyAsync(Program(before), Program(after));
        }

        [Fact]
        public async Task Fixes_all_occurrences_in_a_document()
        {
            await Verify.VerifyAsync(
                Program("var a = {|MLG3001:new MLContext()|}; var b = {|MLG3001:new MLContext()|};", "Train(a); Train(b);"),
                Program("var a = new MLContext(seed: 0); var b = new MLContext(seed: 0);", "Train(a); Train(b);"));
        }

        /// <summary>A program whose context <c>ml</c> (or <paramref name="uses"/>) goes on to train: a seed decides its runs.</summary>
        private static string Program(string statement, string uses = "Train(ml);") => @"
using Microsoft.ML;

public static class Program
{
    public static void Main()
    {
        " + statement + @"
        " + uses + @"
    }

    private static void Train(MLContext context) => context.BinaryClassification.Trainers.SdcaLogisticRegression();
}";
    }
}
