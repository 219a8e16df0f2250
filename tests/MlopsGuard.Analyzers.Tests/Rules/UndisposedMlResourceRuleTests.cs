using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.UndisposedMlResourceRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class UndisposedMlResourceRuleTests
    {
        [Fact]
        public async Task Flags_a_session_an_input_and_results_never_disposed()
        {
            await Verify.VerifyAsync(@"
using System.Linq;
using Microsoft.ML.OnnxRuntime;

public static class Scorer
{
    public static float Score(string modelPath, float[] features)
    {
        var session = {|MLG6003:new InferenceSession(modelPath)|};
        var input = {|MLG6003:OrtValue.CreateTensorValueFromMemory(features, new long[] { 1, features.Length })|};
        using var options = new RunOptions();
        var results = {|MLG6003:session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" })|};
        if (results.Count == 0)
        {
            return 0f;
        }

        return results.First().GetTensorDataAsSpan<float>()[0];
    }
}", MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Says_to_copy_what_is_returned_from_results_instead_of_disposing_them_in_place()
        {
            await Verify.VerifyAsync(@"
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

public sealed class Decoder
{
    private readonly InferenceSession _session;
    public Decoder(InferenceSession session) => _session = session;

    public Tensor<float> Decode(NamedOnnxValue[] input)
    {
        var output = {|#0:_session.Run(input)|};
        return output.First().AsTensor<float>();
    }
}", MlReferences.MlNetAndOnnxRuntime,
                Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("MLG6003").WithLocation(0)
                    .WithArguments("The result of 'Run'", "copy the values you return out of it (ToArray(), Clone()), then dispose it"));
        }

        [Fact]
        public async Task Flags_results_read_without_being_kept()
        {
            await Verify.VerifyAsync(@"
using System.Linq;
using Microsoft.ML.OnnxRuntime;

public sealed class Scorer
{
    private readonly InferenceSession _session;
    public Scorer(InferenceSession session) => _session = session;

    public float Score(OrtValue input, RunOptions options)
    {
        var first = {|MLG6003:_session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" })|}.First();
        foreach (var output in {|MLG6003:_session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" })|})
        {
        }

        using var inline = _session.Run(options, new[] { ""input"" }, new[] { {|MLG6003:OrtValue.CreateTensorValueFromMemory(new float[] { 1f }, new long[] { 1 })|} }, new[] { ""output"" });

        return first.GetTensorDataAsSpan<float>()[0];
    }
}", MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_resources_disposed_returned_or_owned_elsewhere()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

public sealed class Scorer : IDisposable
{
    private readonly InferenceSession _session;

    public Scorer(string modelPath) => _session = new InferenceSession(modelPath);

    public static InferenceSession Open(string modelPath)
    {
        var session = new InferenceSession(modelPath);
        return session;
    }

    public static Scorer Wrap(string modelPath)
    {
        var session = new InferenceSession(modelPath);
        return new Scorer(session);
    }

    private Scorer(InferenceSession session) => _session = session;

    public float Score(float[] features)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(features, new long[] { 1, features.Length });
        using var options = new RunOptions();
        using var results = _session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" });
        return results.First().GetTensorDataAsSpan<float>()[0];
    }

    public int Count(OrtValue input, RunOptions options)
    {
        var results = _session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" });
        try
        {
            return results.Count;
        }
        finally
        {
            results.Dispose();
        }
    }

    public static void Check(string modelPath)
    {
        InferenceSession? session = null;
        var other = new InferenceSession(modelPath);
        try
        {
            Console.WriteLine(other.InputMetadata.Count);
        }
        finally
        {
            other?.Dispose();
        }

        using (var third = new InferenceSession(modelPath))
        {
            Console.WriteLine(third.OutputMetadata.Count);
        }
    }

    public static Func<float> Later(string modelPath)
    {
        var session = new InferenceSession(modelPath);
        return () => session.InputMetadata.Count;
    }

    public void Dispose() => _session.Dispose();
}", MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Leaves_tensors_a_loop_keeps_and_says_how_to_keep_them_when_it_also_leaks()
        {
            await Verify.VerifyAsync(@"
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

public static class Batches
{
    // Every tensor made here is kept: added to a list, yielded, moved out of its scope, stored beyond the iteration.
    public static List<Tensor> Normalize(Tensor[] inputs)
    {
        var kept = new List<Tensor>();
        foreach (var input in inputs)
        {
            kept.Add(input.relu());
        }

        return kept;
    }

    public static IEnumerable<Tensor> Stream(Tensor[] inputs)
    {
        foreach (var input in inputs)
        {
            yield return input * 2;
        }
    }

    public static IEnumerable<(Tensor, Tensor)> Pairs(Tensor[] inputs, Tensor[] labels)
    {
        for (var i = 0; i < inputs.Length; i++)
        {
            yield return (inputs[i].relu(), labels[i]);
        }
    }

    public static List<Tensor> Transformed(Tensor[] inputs, nn.Module<Tensor, Tensor> transform)
    {
        var data = new List<Tensor>();
        foreach (var input in inputs)
        {
            var batch = input.clone();
            batch = transform.call(batch);
            data.Add(batch);
        }

        return data;
    }

    public static Tensor Last(Tensor[] inputs)
    {
        Tensor last = inputs[0];
        for (var i = 0; i < inputs.Length; i++)
        {
            last = inputs[i].relu();
        }

        return last;
    }

    public static void Fill(Tensor[] inputs, Tensor[] outputs)
    {
        for (var i = 0; i < inputs.Length; i++)
        {
            outputs[i] = inputs[i].exp();
            var moved = inputs[i].sigmoid();
            moved.MoveToOuterDisposeScope();
        }
    }

    // A temporary leaks, and another tensor is kept: a scope alone would dispose the kept one too.
    public static List<Tensor> Mixed(Tensor[] inputs)
    {
        var kept = new List<Tensor>();
        foreach (var input in inputs)
        {
            var scaled = {|#0:input * 2|};
            kept.Add(scaled.sum());
        }

        return kept;
    }
}", MlReferences.MlNetAndOnnxRuntime.AddPackages(System.Collections.Immutable.ImmutableArray.Create(new Microsoft.CodeAnalysis.Testing.PackageIdentity("TorchSharp", MlReferences.TorchSharpVersion))),
                Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("MLG6003").WithLocation(0)
                    .WithArguments("A tensor created in this loop", "open 'using var scope = torch.NewDisposeScope();' at the start of the loop body and call MoveToOuterDisposeScope() on the tensors it keeps"));
        }

        [Fact]
        public async Task Ignores_values_handed_to_an_owner_and_tensors_outside_loops()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

public sealed class Batch : IDisposable
{
    private readonly List<OrtValue> _inputs = new List<OrtValue>();

    public void Add(float[] features)
    {
        var input = OrtValue.CreateTensorValueFromMemory(features, new long[] { 1, features.Length });
        _inputs.Add(input);
    }

    public static OrtValue Create(float[] features)
    {
        var input = OrtValue.CreateTensorValueFromMemory(features, new long[] { 1, features.Length });
        return input;
    }

    public int Run(InferenceSession session, RunOptions options, string[] names, string[] outputs)
    {
        using (var results = session.Run(options, names, _inputs, outputs))
        {
            return results.Count;
        }
    }

    public void Dispose()
    {
        foreach (var input in _inputs)
        {
            input.Dispose();
        }
    }
}

public static class Inference
{
    public static float Once(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var output = model.forward(x);
        return output.sum().item<float>();
    }

    public static List<Func<Tensor>> Later(nn.Module<Tensor, Tensor> model, Tensor[] batches)
    {
        var work = new List<Func<Tensor>>();
        foreach (var batch in batches)
        {
            work.Add(() => model.forward(batch));
        }

        return work;
    }
}", MlReferences.MlNetAndOnnxRuntime.AddPackages(System.Collections.Immutable.ImmutableArray.Create(new Microsoft.CodeAnalysis.Testing.PackageIdentity("TorchSharp", MlReferences.TorchSharpVersion))));
        }

        [Theory]
        [InlineData("using TorchSharp; class C { void M(torch.Tensor x) { for (var i = 0; i < 3; i++) { var y = x.relu( } } }")]
        [InlineData("using TorchSharp; class C { void M(torch.Tensor x) { while (true) { using var s = torch.NewDisposeScope(; x.add(x); } } }")]
        [InlineData("using TorchSharp; class C { void M(torch.Tensor x) { foreach (var t in ) { t.sum(); } } }")]
        [InlineData("using TorchSharp; class C { void M(torch.Tensor x) { for (;;) x = x + ; } }")]
        public async Task Does_not_throw_on_broken_TorchSharp_code(string source)
        {
            var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source }, MlReferences.TorchSharp);
            Assert.Empty(exceptions);
        }

        [Fact]
        public async Task Flags_tensors_created_in_a_loop_without_a_dispose_scope()
        {
            await Verify.VerifyAsync(@"
using TorchSharp;
using static TorchSharp.torch;

public static class Trainer
{
    public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
    {
        for (var epoch = 0; epoch < 10; epoch++)
        {
            optimizer.zero_grad();
            var output = {|MLG6003:model.forward(x)|};
            var loss = nn.functional.mse_loss(output, y);
            loss.backward();
            optimizer.step();
        }
    }

    public static float Infer(nn.Module<Tensor, Tensor> model, Tensor[] batches)
    {
        var total = 0f;
        foreach (var batch in batches)
        {
            total += {|MLG6003:model.forward(batch)|}.sum().item<float>();
        }

        return total;
    }
}", MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Ignores_loops_with_a_dispose_scope_or_disposed_tensors()
        {
            await Verify.VerifyAsync(@"
using TorchSharp;
using static TorchSharp.torch;

public static class Trainer
{
    public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
    {
        for (var epoch = 0; epoch < 10; epoch++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
        }

        using (torch.NewDisposeScope())
        {
            foreach (var i in new[] { 1, 2, 3 })
            {
                var output = model.forward(x);
                output.backward();
            }
        }

        for (var epoch = 0; epoch < 10; epoch++)
        {
            using (var d = torch.NewDisposeScope())
            {
                model.forward(x).backward();
            }
        }
    }

    public static void Update(Tensor weights, Tensor gradient, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            weights.sub_(gradient);
            using var noise = torch.randn(3);
            weights.add_(noise);
        }
    }
}", MlReferences.TorchSharp);
        }
    }
}
