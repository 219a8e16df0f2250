using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using MlopsGuard.Analyzers.Rules;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.UnseededRandomnessRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class UnseededRandomnessRuleTests
    {
        private const string TorchTraining = @"
using System;
using TorchSharp;
using static TorchSharp.torch;

public static class Training
{
    public static void Train(Classifier model, Tensor x, Tensor y, int epochs)
    {
        var optimizer = torch.optim.Adam(model.parameters());
        var loss = nn.BCEWithLogitsLoss();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.zero_grad();
            var output = loss.call(model.call(x), y);
            BACKWARD;
            optimizer.step();
        }
    }
}
";

        [Fact]
        public async Task Flags_new_Random_in_an_MLNET_training_method()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Linq;
using Microsoft.ML;

public sealed class Row { public float Age { get; set; } public bool Label { get; set; } }

public static class Training
{
    public static ITransformer Train(MLContext ml, Row[] rows)
    {
        var random = {|MLG3003:new Random()|};
        var shuffled = rows.OrderBy(_ => {|MLG3003:Random.Shared|}.Next()).ToArray();
        var data = ml.Data.LoadFromEnumerable(shuffled.OrderBy(_ => random.Next()));
        return ml.Transforms.NormalizeMinMax(""Age"").Fit(data);
    }
}");
        }

        [Fact]
        public async Task Flags_new_Random_in_a_TorchSharp_training_method()
        {
            await Verify.VerifyAsync(@"
using System;
using TorchSharp;
using static TorchSharp.torch;

public static class Training
{
    public static void Train(Classifier model, Tensor x, Tensor y)
    {
        torch.manual_seed(1);
        var optimizer = torch.optim.SGD(model.parameters(), 0.01);
        var dropoutMask = {|MLG3003:new Random()|}.NextDouble();
        optimizer.zero_grad();
        nn.functional.mse_loss(model.call(x), y).backward();
        optimizer.step();
    }
}" + TorchSharpSources.Model, MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Flags_TorchSharp_training_in_a_compilation_without_manual_seed()
        {
            await Verify.VerifyAsync(
                TorchTraining.Replace("BACKWARD", "{|MLG3003:output.backward()|}") + TorchSharpSources.Model,
                MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Flags_TorchSharp_training_when_the_only_manual_seed_is_not_torchs()
        {
            await Verify.VerifyAsync(
                TorchTraining.Replace("BACKWARD", "{|MLG3003:output.backward()|}")
                    + "public static class Rng { public static void manual_seed(long seed) { } public static void Init() => manual_seed(1); }"
                    + TorchSharpSources.Model,
                MlReferences.TorchSharp);
        }

        [Fact]
        public async Task Ignores_TorchSharp_training_seeded_in_the_same_file()
        {
            await Verify.VerifyAsync(
                TorchTraining.Replace("BACKWARD", "output.backward()").Replace("var optimizer", "torch.random.manual_seed(7);\n        var optimizer")
                    + TorchSharpSources.Model,
                MlReferences.TorchSharp);
        }

        [Theory]
        [InlineData("torch.manual_seed(42);")]
        [InlineData("torch.random.manual_seed(42);")]
        public async Task Ignores_TorchSharp_training_when_another_file_seeds_torch(string seedCall)
        {
            var test = new CSharpAnalyzerTest<RuleAnalyzer<UnseededRandomnessRule>, DefaultVerifier>
            {
                ReferenceAssemblies = MlReferences.TorchSharp,
            };
            test.TestState.Sources.Add(TorchTraining.Replace("BACKWARD", "output.backward()") + TorchSharpSources.Model);
            test.TestState.Sources.Add(@"
using TorchSharp;

public static class Reproducibility
{
    public static void Seed() { " + seedCall + @" }
}");
            await test.RunAsync();
        }

        [Fact]
        public async Task Ignores_seeded_and_non_training_randomness()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Linq;
using Microsoft.ML;

public sealed class Row { public float Age { get; set; } public bool Label { get; set; } }

public static class Training
{
    public static ITransformer Train(MLContext ml, Row[] rows, int seed)
    {
        var random = new Random(seed);
        var data = ml.Data.LoadFromEnumerable(rows.OrderBy(_ => random.Next()));
        return ml.Transforms.NormalizeMinMax(""Age"").Fit(data);
    }

    // No training and no data: a random id for a run is fine.
    public static string RunId() => new Random().Next().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static int Delay() => Random.Shared.Next(100, 200);

    public static Row[] Sorted(Row[] rows) => rows.OrderBy(r => r.Age).ToArray();
}");
        }

        [Fact]
        public async Task Flags_unseeded_shuffles_and_samples_of_data_in_a_data_loader()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;

public sealed class Row { public float Age { get; set; } public bool Label { get; set; } }

// A data loader that keeps one generator for its batches: no method of it trains.
public sealed class BatchLoader
{
    private readonly Random _random = {|MLG3003:new Random()|};
    private readonly Row[] _rows;

    public BatchLoader(Row[] rows) => _rows = rows;

    public IEnumerable<Row[]> Batches(int size)
    {
        var order = _rows.ToArray();
        _random.Shuffle(order);
        return order.Chunk(size);
    }

    public Row Pick() => _rows[{|MLG3003:Random.Shared|}.Next(_rows.Length)];

    public Row Any() => _rows.ElementAt({|MLG3003:Random.Shared|}.Next(_rows.Length));

    public Row[] Sample(Row[] rows) => rows.OrderBy(_ => {|MLG3003:Random.Shared|}.Next()).Take(10).ToArray();

    public Row[] Mixed() => _rows.{|MLG3003:OrderBy(_ => Guid.NewGuid())|}.ToArray();
}");
        }

        [Fact]
        public async Task Ignores_a_method_that_only_evaluates_with_TorchSharp()
        {
            await Verify.VerifyAsync(@"
using System;
using TorchSharp;
using static TorchSharp.torch;

public static class Evaluation
{
    public static float Evaluate(Classifier model, Tensor x)
    {
        var jitter = new Random().NextDouble();
        model.eval();
        using var _ = torch.no_grad();
        return model.call(x).mean().item<float>() + (float)jitter;
    }
}" + TorchSharpSources.Model, MlReferences.TorchSharp);
        }

        public static IEnumerable<object[]> BrokenSources()
        {
            yield return new object[] { "using System; using TorchSharp; class C { void M(torch.Tensor t) { var r = new Random(; t.backward( } }" };
            yield return new object[] { "using System; using TorchSharp; class C { void M(torch.Tensor t) { t.backward(); torch.manual_seed( } }" };
            yield return new object[] { "using System; class C { void M() { var r = new Random(); r. } }" };
        }

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task Does_not_throw_on_broken_code(string source)
        {
            var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source }, MlReferences.TorchSharp);
            Assert.Empty(exceptions);
        }
    }
}
