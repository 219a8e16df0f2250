using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.SharedPredictionEngineRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class SharedPredictionEngineRuleTests
    {
        private const string Model = @"
public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }
";

        [Fact]
        public async Task Flags_a_static_field_and_a_static_auto_property()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public static class SentimentModel
{
    private static readonly MLContext Ml = new MLContext(seed: 0);
    public static PredictionEngine<Review, Sentiment> {|MLG6001:Engine|} = Ml.Model.CreatePredictionEngine<Review, Sentiment>(Ml.Model.Load(""model.zip"", out _));
    public static PredictionEngine<Review, Sentiment>? {|MLG6001:Cached|} { get; set; }
}
" + Model);
        }

        [Fact]
        public async Task Flags_engines_shared_through_Lazy_and_static_collections_but_not_ThreadLocal()
        {
            // The ML.NET Model Builder template: one lazily created engine for every thread of the process.
            await Verify.VerifyAsync(@"
using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.ML;

public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }

public partial class ReviewSentiment
{
    public static readonly Lazy<PredictionEngine<Review, Sentiment>> {|MLG6001:PredictEngine|} = new Lazy<PredictionEngine<Review, Sentiment>>(() => CreatePredictEngine(), true);
    private static readonly ConcurrentDictionary<string, PredictionEngine<Review, Sentiment>> {|MLG6001:Engines|} = new ConcurrentDictionary<string, PredictionEngine<Review, Sentiment>>();
    private static readonly ThreadLocal<PredictionEngine<Review, Sentiment>> PerThread = new ThreadLocal<PredictionEngine<Review, Sentiment>>(() => CreatePredictEngine());
    private readonly Lazy<PredictionEngine<Review, Sentiment>> _mine = new Lazy<PredictionEngine<Review, Sentiment>>(() => CreatePredictEngine());
    private static readonly ConcurrentBag<PredictionEngine<Review, Sentiment>> Pool = new ConcurrentBag<PredictionEngine<Review, Sentiment>>();

    public static Sentiment Predict(Review input) => PredictEngine.Value.Predict(input);

    private static PredictionEngine<Review, Sentiment> CreatePredictEngine()
    {
        var ml = new MLContext();
        return ml.Model.CreatePredictionEngine<Review, Sentiment>(ml.Model.Load(""ReviewSentiment.zip"", out _));
    }
}");
        }

        [Fact]
        public async Task Flags_a_singleton_that_holds_an_engine()
        {
            await Verify.VerifyAsync(@"
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;

public interface ISentimentService { bool IsPositive(string text); }

public sealed class SentimentService : ISentimentService
{
    private readonly PredictionEngine<Review, Sentiment> _engine;
    public SentimentService(MLContext ml, ITransformer model) => _engine = ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
    public bool IsPositive(string text) => _engine.Predict(new Review { Text = text }).PredictedLabel;
}

public static class Startup
{
    public static void Configure(IServiceCollection services)
    {
        {|MLG6001:services.AddSingleton<ISentimentService, SentimentService>()|};
        {|MLG6001:services.AddSingleton(typeof(SentimentService))|};
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Flags_an_engine_shared_by_parallel_work()
        {
            await Verify.VerifyAsync(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.ML;

public sealed class BatchScorer
{
    private readonly PredictionEngine<Review, Sentiment> _engine;
    public BatchScorer(PredictionEngine<Review, Sentiment> engine) => _engine = engine;

    public void Score(MLContext ml, ITransformer model, IReadOnlyList<Review> reviews, bool[] results)
    {
        var engine = ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
        Parallel.For(0, reviews.Count, i => results[i] = {|MLG6001:engine.Predict(reviews[i])|}.PredictedLabel);
        Parallel.ForEach(reviews, r => {|MLG6001:_engine.Predict(r)|});
        var labels = reviews.AsParallel().Select(r => {|MLG6001:engine.Predict(r)|}.PredictedLabel).ToList();
    }

    public Task ScoreInBackground(Review review) => Task.Run(() => {|MLG6001:_engine.Predict(review)|});

    public async Task ScoreAll(IEnumerable<Review> reviews)
    {
        var tasks = new List<Task>();
        foreach (var review in reviews)
        {
            tasks.Add(Task.Run(() => {|MLG6001:_engine.Predict(review)|}));
        }

        await Task.WhenAll(tasks);
    }
}
" + Model);
        }

        [Fact]
        public async Task Ignores_instance_fields_of_scoped_types_and_thread_static_fields()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;

public sealed class SentimentService
{
    private readonly PredictionEngine<Review, Sentiment> _engine;
    public SentimentService(MLContext ml, ITransformer model) => _engine = ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
    public bool IsPositive(string text) => _engine.Predict(new Review { Text = text }).PredictedLabel;
}

public sealed class ModelHolder
{
    public ITransformer Model { get; }
    public ModelHolder(ITransformer model) => Model = model;
}

public static class PerThread
{
    [ThreadStatic] private static PredictionEngine<Review, Sentiment>? _engine;
    private static readonly ThreadLocal<PredictionEngine<Review, Sentiment>?> Local = new ThreadLocal<PredictionEngine<Review, Sentiment>?>();
    public static PredictionEngine<Review, Sentiment>? Current => _engine;
    public static PredictionEngine<Review, Sentiment> Create(MLContext ml, ITransformer model) => ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
}

public static class Startup
{
    public static void Configure(IServiceCollection services)
    {
        services.AddScoped<SentimentService>();
        services.AddTransient<SentimentService>();
        services.AddSingleton<ModelHolder>();
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_an_engine_per_work_item_and_an_awaited_single_task()
        {
            await Verify.VerifyAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.ML;

public static class BatchScorer
{
    public static void Score(MLContext ml, ITransformer model, IReadOnlyList<Review> reviews)
    {
        Parallel.ForEach(
            reviews,
            () => ml.Model.CreatePredictionEngine<Review, Sentiment>(model),
            (review, state, engine) => { engine.Predict(review); return engine; },
            engine => engine.Dispose());

        Parallel.For(0, reviews.Count, i =>
        {
            var engine = ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
            engine.Predict(reviews[i]);
        });
    }

    public static async Task<bool> ScoreAsync(MLContext ml, ITransformer model, Review review)
    {
        var engine = ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
        var result = await Task.Run(() => engine.Predict(review)).ConfigureAwait(false);
        return result.PredictedLabel;
    }
}
" + Model);
        }

        [Fact]
        public async Task Ignores_a_static_factory_property_and_constants()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public static class Engines
{
    private static readonly MLContext Ml = new MLContext(seed: 0);
    private static readonly ITransformer Model = Ml.Model.Load(""model.zip"", out _);
    public static PredictionEngine<Review, Sentiment> NewEngine => Ml.Model.CreatePredictionEngine<Review, Sentiment>(Model);
    public static PredictionEngine<Review, Sentiment> Create() => Ml.Model.CreatePredictionEngine<Review, Sentiment>(Model);
}
" + Model);
        }
    }
}
