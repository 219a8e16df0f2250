using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using MlopsGuard.Analyzers.Rules;
using MlopsGuard.Analyzers.Tests.Verifiers;
using MlopsGuard.CodeFixes;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<
    MlopsGuard.Analyzers.Rules.MissingZeroGradRule,
    MlopsGuard.CodeFixes.MissingZeroGradFixer>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class MissingZeroGradFixerTests
    {
        [Fact]
        public async Task Inserts_zero_grad_at_the_start_of_the_loop_body()
        {
            await Verify.VerifyAsync(
                MissingZeroGradRuleTests.Program(@"for (var epoch = 0; epoch < epochs; epoch++)
        {
            var loss = lossFn.call(model.call(x), y);
            {|MLG3301:loss.backward()|};
            optimizer.step();
        }"),
                MissingZeroGradRuleTests.Program(@"for (var epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.zero_grad();
            var loss = lossFn.call(model.call(x), y);
            loss.backward();
            optimizer.step();
        }"),
                MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Uses_the_optimizer_field_that_steps_in_the_outer_loop()
        {
            await Verify.VerifyAsync(Trainer(@"foreach (var (input, target) in batches)
            {
                {|MLG3301:_loss.call(_model.call(input), target).backward()|};
                _optimizer.step();
            }"), Trainer(@"foreach (var (input, target) in batches)
            {
                _optimizer.zero_grad();
                _loss.call(_model.call(input), target).backward();
                _optimizer.step();
            }"), MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Offers_no_fix_when_the_optimizer_is_created_in_the_loop()
        {
            var source = MissingZeroGradRuleTests.Program(@"for (var epoch = 0; epoch < epochs; epoch++)
        {
            var perEpoch = torch.optim.SGD(model.parameters(), 0.1);
            {|MLG3301:lossFn.call(model.call(x), y).backward()|};
            perEpoch.step();
        }");
            var test = new CSharpCodeFixTest<RuleAnalyzer<MissingZeroGradRule>, MissingZeroGradFixer, DefaultVerifier>
            {
                ReferenceAssemblies = MlReferences.TorchSharp,
                TestCode = source,
                FixedCode = source,
            };
            await test.RunAsync();
        }

        private static string Trainer(string loop) => @"
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

public sealed class Trainer
{
    private readonly Classifier _model = new Classifier();
    private readonly optim.Optimizer _optimizer;
    private readonly nn.Module<Tensor, Tensor, Tensor> _loss = nn.BCEWithLogitsLoss();

    public Trainer() => _optimizer = torch.optim.Adam(_model.parameters());

    public void Train(IEnumerable<(Tensor, Tensor)> batches, int epochs)
    {
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            " + loop + @"
        }
    }
}
" + TorchSharpSources.Model;
    }
}
