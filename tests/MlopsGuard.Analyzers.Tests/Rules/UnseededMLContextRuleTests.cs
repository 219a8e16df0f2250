using System.Threading.Tasks;
using MlopsGuard.Analyzers.Rules;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.UnseededMLContextRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class UnseededMLContextRuleTests
    {
        [Theory]
        [InlineData("var ml = {|MLG3001:new MLContext()|};")]
        [InlineData("MLContext ml = {|MLG3001:new()|};")]
        [InlineData("var ml = {|MLG3001:new MLContext(null)|};")]
        [InlineData("var ml = {|MLG3001:new MLContext(seed: null)|};")]
        [InlineData("var ml = {|MLG3001:new MLContext(default)|};")]
        [InlineData("var ml = {|MLG3001:new Microsoft.ML.MLContext { GpuDeviceId = null }|};")]
        public async Task Flags_unseeded_contexts(string statement)
        {
            await Verify.VerifyAsync(Program(statement));
        }

        [Fact]
        public async Task Flags_a_field_initializer_and_a_lambda()
        {
            await Verify.VerifyAsync(@"
using System;
using Microsoft.ML;

class Trainer
{
    private readonly MLContext _ml = {|MLG3001:new MLContext()|};
    private readonly Func<MLContext> _factory = () => {|MLG3001:new MLContext()|};
}");
        }

        [Theory]
        [InlineData("var ml = new MLContext(seed: 0);")]
        [InlineData("var ml = new MLContext(42);")]
        [InlineData("MLContext ml = new(seed: 1);")]
        [InlineData("int? seed = 7; var ml = new MLContext(seed);")]
        [InlineData("const int Seed = 3; var ml = new MLContext(Seed);")]
        public async Task Ignores_seeded_contexts(string statement)
        {
            await Verify.VerifyAsync(Program(statement));
        }

        [Fact]
        public async Task Ignores_a_seed_from_a_parameter_or_options_object()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public sealed class TrainingOptions { public int Seed { get; set; } = 1; }

public static class ContextFactory
{
    public static MLContext Create(int seed) => new MLContext(seed);
    public static MLContext Create(TrainingOptions options) => new MLContext(seed: options.Seed);
}");
        }

        [Fact]
        public async Task Ignores_other_types_named_MLContext()
        {
            await Verify.VerifyAsync(@"
namespace MyApp
{
    class MLContext { }
    class Program { static void Main() { var c = new MLContext(); } }
}");
        }

        [Fact]
        public async Task Registers_nothing_without_an_ML_library()
        {
            await Verify.VerifyAsync(@"
class MLContext { }
class Program { static void Main() { var c = new MLContext(); } }", MlReferences.NoMl);
        }

        private static string Program(string statement) => @"
using Microsoft.ML;

public static class Program
{
    public static void Main()
    {
        " + statement + @"
    }
}";
    }
}
