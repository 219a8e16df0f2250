using System.Collections.Generic;
using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.MissingZeroGradRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class MissingZeroGradRuleTests
    {
        [Theory]
        [InlineData("for (var epoch = 0; epoch < epochs; epoch++) { var loss = lossFn.call(model.call(x), y); {|MLG3301:loss.backward()|}; optimizer.step(); }")]
        [InlineData("foreach (var (input, target) in batches) { {|MLG3301:lossFn.call(model.call(input), target).backward()|}; optimizer.step(); }")]
        [InlineData("var epoch = 0; while (epoch++ < epochs) { {|MLG3301:lossFn.call(model.call(x), y).backward()|}; optimizer.step(); }")]
        [InlineData("optimizer.zero_grad(); for (var epoch = 0; epoch < epochs; epoch++) { {|MLG3301:lossFn.call(model.call(x), y).backward()|}; optimizer.step(); }")]
        [InlineData("for (var epoch = 0; epoch < epochs; epoch++) { foreach (var (input, target) in batches) { {|MLG3301:lossFn.call(model.call(input), target).backward()|}; optimizer.step(); } }")]
        public async Task Flags_a_training_loop_without_zero_grad(string loop)
        {
            await Verify.VerifyAsync(Program(loop), MlReferences.TorchSharp);
        }

        [Theory]
        [InlineData("for (var epoch = 0; epoch < epochs; epoch++) { optimizer.zero_grad(); lossFn.call(model.call(x), y).backward(); optimizer.step(); }")]
        [InlineData("foreach (var (input, target) in batches) { lossFn.call(model.call(input), target).backward(); optimizer.step(); optimizer.zero_grad(); }")]
        [InlineData("for (var epoch = 0; epoch < epochs; epoch++) { model.zero_grad(); lossFn.call(model.call(x), y).backward(); optimizer.step(); }")]
        [InlineData("var step = 0; foreach (var (input, target) in batches) { lossFn.call(model.call(input), target).backward(); if (++step % 4 == 0) { optimizer.step(); optimizer.zero_grad(); } }")]
        [InlineData("for (var epoch = 0; epoch < epochs; epoch++) { optimizer.zero_grad(); foreach (var (input, target) in batches) { lossFn.call(model.call(input), target).backward(); } optimizer.step(); }")]
        [InlineData("lossFn.call(model.call(x), y).backward(); optimizer.step();")]
        [InlineData("foreach (var (input, target) in batches) { lossFn.call(model.call(input), target).backward(); }")]
        public async Task Ignores_loops_that_clear_gradients_or_do_not_step(string loop)
        {
            await Verify.VerifyAsync(Program(loop), MlReferences.TorchSharp);
        }

        public static IEnumerable<object[]> BrokenSources()
        {
            yield return new object[] { "using TorchSharp; class C { void M(torch.Tensor t, torch.optim.Optimizer o) { for (;;) { t.backward(); o.step( } } }" };
            yield return new object[] { "using TorchSharp; class C { void M(torch.Tensor t, torch.optim.Optimizer o) { while (true) t.backward(); o. } }" };
            yield return new object[] { "using TorchSharp; class C { void M(torch.Tensor t) { foreach (var x in ) { t.backward(); undefined.step(); } } }" };
        }

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task Does_not_throw_on_broken_code(string source)
        {
            var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source }, MlReferences.TorchSharp);
            Assert.Empty(exceptions);
        }

        internal static string Program(string body) => @"
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

public static class Training
{
    public static void Train(Classifier model, Tensor x, Tensor y, IEnumerable<(Tensor, Tensor)> batches, int epochs)
    {
        var optimizer = torch.optim.Adam(model.parameters());
        var lossFn = nn.BCEWithLogitsLoss();
        " + body + @"
    }
}
" + TorchSharpSources.Model;
    }
}
