using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using MlopsGuard.Analyzers.Rules;
using MlopsGuard.Analyzers.Tests.Verifiers;
using MlopsGuard.CodeFixes;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<
    MlopsGuard.Analyzers.Rules.MissingEvalModeRule,
    MlopsGuard.CodeFixes.MissingEvalModeFixer>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class MissingEvalModeFixerTests
    {
        [Fact]
        public async Task Inserts_eval_before_the_first_use()
        {
            await Verify.VerifyAsync(
                MissingEvalModeRuleTests.Program("Score", "Classifier model", @"using var _ = torch.no_grad();
        var output = {|MLG3302:model.call(x)|};"),
                MissingEvalModeRuleTests.Program("Score", "Classifier model", @"using var _ = torch.no_grad();
        model.eval();
        var output = model.call(x);"),
                MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Inserts_eval_inside_the_no_grad_block()
        {
            await Verify.VerifyAsync(
                MissingEvalModeRuleTests.Program("Score", "Classifier model", @"using (torch.no_grad())
        {
            var output = {|MLG3302:model.forward(x)|};
        }"),
                MissingEvalModeRuleTests.Program("Score", "Classifier model", @"using (torch.no_grad())
        {
            model.eval();
            var output = model.forward(x);
        }"),
                MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Inserts_eval_in_top_level_statements()
        {
            var test = new CSharpCodeFixTest<RuleAnalyzer<MissingEvalModeRule>, MissingEvalModeFixer, DefaultVerifier>
            {
                ReferenceAssemblies = MlReferences.TorchSharp,
                TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
                FixedState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
            };
            test.TestState.Sources.Add(@"using TorchSharp;

var model = new Classifier();
using var _ = torch.no_grad();
var output = {|MLG3302:model.call(torch.ones(1, 10))|};
");
            test.TestState.Sources.Add(TorchSharpSources.Model);
            test.FixedState.Sources.Add(@"using TorchSharp;

var model = new Classifier();
using var _ = torch.no_grad();
model.eval();
var output = model.call(torch.ones(1, 10));
");
            test.FixedState.Sources.Add(TorchSharpSources.Model);
            await test.RunAsync();
        }

        [Fact]
        public async Task Offers_no_fix_in_a_method_that_also_trains()
        {
            var source = MissingEvalModeRuleTests.Program("Train", "Classifier model", @"var optimizer = torch.optim.Adam(model.parameters());
        optimizer.zero_grad();
        nn.functional.mse_loss(model.call(x), x).backward();
        optimizer.step();
        using (torch.no_grad())
        {
            var validation = {|MLG3302:model.call(x)|};
        }");
            var test = new CSharpCodeFixTest<RuleAnalyzer<MissingEvalModeRule>, MissingEvalModeFixer, DefaultVerifier>
            {
                ReferenceAssemblies = MlReferences.TorchSharp,
                TestCode = source,
                FixedCode = source,
            };
            await test.RunAsync();
        }
    }
}
