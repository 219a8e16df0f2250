using System.Collections.Generic;
using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.MissingEvalModeRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class MissingEvalModeRuleTests
    {
        [Theory]
        [InlineData("Score", "using (torch.no_grad()) { var output = {|MLG3302:model.call(x)|}; var again = model.forward(x); }")]
        [InlineData("Score", "using var _ = torch.no_grad(); var output = {|MLG3302:model.forward(x)|};")]
        [InlineData("Score", "using (torch.inference_mode()) { var output = {|MLG3302:model.call(x)|}; }")]
        [InlineData("Evaluate", "var output = {|MLG3302:model.call(x)|};")]
        [InlineData("PredictBatch", "var output = {|MLG3302:model.call(x)|};")]
        [InlineData("RunInference", "var output = {|MLG3302:model.call(x)|};")]
        public async Task Flags_evaluation_without_eval(string method, string body)
        {
            await Verify.VerifyAsync(Program(method, "Classifier model", body), MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Flags_a_module_known_only_by_its_abstract_type_and_a_sequential()
        {
            await Verify.VerifyAsync(Program(
                "Validate",
                "nn.Module<Tensor, Tensor> model, TorchSharp.Modules.Sequential head",
                "var output = {|MLG3302:head.call({|MLG3302:model.call(x)|})|};"), MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Flags_validation_inside_a_training_method()
        {
            await Verify.VerifyAsync(Program("Train", "Classifier model", @"
        var optimizer = torch.optim.Adam(model.parameters());
        for (var epoch = 0; epoch < 10; epoch++)
        {
            optimizer.zero_grad();
            nn.functional.mse_loss(model.call(x), x).backward();
            optimizer.step();
            using (torch.no_grad())
            {
                var validation = {|MLG3302:model.call(x)|};
            }
        }"), MlReferences.TorchSharp);
        }

        [Theory]
        [InlineData("Score", "model.eval(); using (torch.no_grad()) { var output = model.call(x); }")]
        [InlineData("Evaluate", "model.train(false); var output = model.call(x);")]
        [InlineData("Score", "var output = model.call(x);")]
        [InlineData("Forward", "var output = model.forward(x);")]
        [InlineData("Score", "using (torch.no_grad()) { var loss = nn.functional.mse_loss(x, x); var layer = nn.Linear(10, 10); var y = layer.call(x); var z = nn.MSELoss().call(x, x); }")]
        [InlineData("Evaluate", "var y = new Classifier().call(x);")]
        [InlineData("Score", "model.eval(); for (var i = 0; i < 3; i++) { using (torch.no_grad()) { var output = model.call(x); } }")]
        public async Task Ignores_switched_modules_training_code_and_library_layers(string method, string body)
        {
            await Verify.VerifyAsync(Program(method, "Classifier model", body), MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Ignores_a_model_field_switched_where_it_is_loaded()
        {
            await Verify.VerifyAsync(@"
using TorchSharp;
using static TorchSharp.torch;

public sealed class Predictor
{
    private readonly Classifier _model = new Classifier();

    public Predictor(string weights)
    {
        _model.load(weights);
        _model.eval();
    }

    public Tensor Predict(Tensor x)
    {
        using var _ = torch.no_grad();
        return _model.call(x);
    }
}
" + TorchSharpSources.Model, MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Ignores_the_forward_of_a_module_itself()
        {
            await Verify.VerifyAsync(@"
using TorchSharp;
using static TorchSharp.torch;

public sealed class Ensemble : nn.Module<Tensor, Tensor>
{
    private readonly Classifier _first = new Classifier();
    private readonly Classifier _second = new Classifier();

    public Ensemble() : base(nameof(Ensemble)) => RegisterComponents();

    public override Tensor forward(Tensor input) => (_first.call(input) + _second.call(input)) / 2;
}
" + TorchSharpSources.Model, MlReferences.TorchSharp);
        }

        public static IEnumerable<object[]> BrokenSources()
        {
            yield return new object[] { "using TorchSharp; class C { void Evaluate(torch.nn.Module<torch.Tensor, torch.Tensor> m, torch.Tensor x) { using (torch.no_grad( { m.call(x); } } }" };
            yield return new object[] { "using TorchSharp; class C { void Evaluate(torch.nn.Module<torch.Tensor, torch.Tensor> m, torch.Tensor x) { m.call(; } }" };
            yield return new object[] { "using TorchSharp; class C { void Predict(torch.Tensor x) { using var _ = torch.no_grad(); undefined.call(x); } }" };
            yield return new object[] { "using TorchSharp; class C { torch.nn.Module<torch.Tensor, torch.Tensor> M; void Predict(torch.Tensor x) { using var _ = torch.no_grad(); M.call(x); M.eval( } }" };
        }

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task Does_not_throw_on_broken_code(string source)
        {
            var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source }, MlReferences.TorchSharp);
            Assert.Empty(exceptions);
        }

        internal static string Program(string method, string parameters, string body) => @"
using TorchSharp;
using static TorchSharp.torch;

public static class Evaluation
{
    public static void " + method + "(" + parameters + @", Tensor x)
    {
        " + body + @"
    }
}
" + TorchSharpSources.Model;
    }
}
