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

    public IDataView Shuffle(IDataView data) => _ml.Data.ShuffleRows(data);
}");
        }

        [Fact]
        public async Task Flags_contexts_that_split_cross_validate_or_leave_for_unseen_code()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public static class Experiments
{
    public static void Split(IDataView data)
    {
        var ml = {|MLG3001:new MLContext()|};
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
    }

    public static void CrossValidate(IDataView data, IEstimator<ITransformer> pipeline)
    {
        var ml = {|MLG3001:new MLContext()|};
        ml.BinaryClassification.CrossValidate(data, pipeline, seed: 1);
    }

    // Returned to callers this analyzer does not follow: it may train anywhere.
    public static MLContext Create() => {|MLG3001:new MLContext()|};

    // Kept in a member other types can read.
    public static MLContext Shared = {|MLG3001:new MLContext()|};
}");
        }

        [Fact]
        public async Task Ignores_contexts_that_only_load_transform_and_predict()
        {
            await Verify.VerifyAsync(@"
using System.Collections.Generic;
using Microsoft.ML;

public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }

// The consumption class of a trained model: load it and predict.
public sealed class Predictor
{
    private readonly MLContext _ml = new MLContext();
    private readonly PredictionEngine<Review, Sentiment> _engine;

    public Predictor(string path)
    {
        var model = _ml.Model.Load(path, out _);
        _engine = _ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
    }

    public Sentiment Predict(Review review) => _engine.Predict(review);
}

public static class Scoring
{
    // An ONNX scoring pipeline fitted on an empty list to get its schema: no training, nothing random.
    public static ITransformer Setup(string modelPath)
    {
        var ml = new MLContext();
        var empty = ml.Data.LoadFromEnumerable(new List<Review>());
        return ml.Transforms.Text.NormalizeText(""Text"").Fit(empty);
    }

    // Passed to a helper that only loads: followed into its body.
    public static int Count(string path)
    {
        var ml = new MLContext();
        return Load(ml, path);
    }

    private static int Load(MLContext context, string path) => context.Data.LoadFromTextFile<Review>(path).Schema.Count;

    public static void Unused()
    {
        var ml = new MLContext();
    }

    // A random operation given its own seed repeats whatever the context's seed.
    public static IDataView Shuffle(IDataView data)
    {
        var ml = new MLContext();
        return ml.Data.ShuffleRows(data, seed: 42);
    }
}

// Kept in a private field and handed to a generic helper of the compilation, which only makes engines.
public sealed class Engine<TIn, TOut> where TIn : class where TOut : class, new()
{
    private readonly MLContext _ml = new MLContext();
    private readonly Policy<TIn, TOut> _policy;

    public Engine(string path) => _policy = new Policy<TIn, TOut>(_ml, _ml.Model.Load(path, out _));

    public PredictionEngine<TIn, TOut> Create() => _policy.Create();
}

public sealed class Policy<TIn, TOut> where TIn : class where TOut : class, new()
{
    private readonly MLContext _context;
    private readonly ITransformer _model;

    public Policy(MLContext context, ITransformer model)
    {
        _context = context;
        _model = model;
    }

    public PredictionEngine<TIn, TOut> Create() => _context.Model.CreatePredictionEngine<TIn, TOut>(_model);
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
