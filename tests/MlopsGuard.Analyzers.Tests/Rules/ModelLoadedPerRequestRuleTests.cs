using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.ModelLoadedPerRequestRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class ModelLoadedPerRequestRuleTests
    {
        private const string Model = @"
public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }
";

        [Fact]
        public async Task Flags_loads_per_event_and_per_call_of_a_service()
        {
            await Verify.VerifyAsync(@"
using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;

public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }
public sealed class MessageArgs : EventArgs { public Review Body { get; set; } = new Review(); }

public sealed class Listener
{
    public event EventHandler<MessageArgs>? Received;

    public void Listen(MLContext ml)
    {
        Received += (sender, args) =>
        {
            var model = {|MLG6002:ml.Model.Load(""model.zip"", out _)|};
        };
    }
}

public sealed class SentimentService
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    public Sentiment Predict(Review review)
    {
        var model = {|MLG6002:_ml.Model.Load(""model.zip"", out _)|};
        return {|MLG6002:_ml.Model.CreatePredictionEngine<Review, Sentiment>(model)|}.Predict(review);
    }
}

public static class Startup
{
    public static void Configure(IServiceCollection services) => services.AddSingleton<SentimentService>();
}
" + HostingStandIns.Source);
        }

        [Fact]
        public async Task Ignores_a_service_that_loads_once_or_swaps_in_a_reloaded_model()
        {
            await Verify.VerifyAsync(@"
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;

public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }

public sealed class SentimentService
{
    private readonly MLContext _ml = new MLContext(seed: 0);
    private ITransformer _model;

    public SentimentService() => _model = _ml.Model.Load(""model.zip"", out _);

    public void Reload(string path)
    {
        var candidate = _ml.Model.Load(path, out _);
        _model = candidate;
    }

    private ITransformer LoadFrom(string path) => _ml.Model.Load(path, out _);
}

// Not a service: a console helper may load when asked.
public sealed class Tool
{
    public ITransformer Load(MLContext ml) => ml.Model.Load(""model.zip"", out _);
}

public static class Startup
{
    public static void Configure(IServiceCollection services) => services.AddSingleton<SentimentService>();
}
" + HostingStandIns.Source);
        }

        [Fact]
        public async Task Flags_loads_in_a_controller_action_and_constructor()
        {
            await Verify.VerifyAsync(@"
using Microsoft.AspNetCore.Mvc;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

[ApiController]
public sealed class SentimentController : ControllerBase
{
    private readonly MLContext _ml = new MLContext(seed: 0);
    private readonly InferenceSession _session;

    public SentimentController() => _session = {|MLG6002:new InferenceSession(""model.onnx"")|};

    [HttpPost(""predict"")]
    public bool Predict(Review review)
    {
        var model = {|MLG6002:_ml.Model.Load(""model.zip"", out var schema)|};
        var engine = {|MLG6002:_ml.Model.CreatePredictionEngine<Review, Sentiment>(model)|};
        return engine.Predict(review).PredictedLabel;
    }
}

public sealed class HomeController : Controller
{
    public object Index(MLContext ml) => {|MLG6002:ml.Model.Load(""model.zip"", out _)|};
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Flags_loads_in_a_minimal_api_lambda_and_a_grpc_method()
        {
            await Verify.VerifyAsync(@"
using System.Threading.Tasks;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.ML;

public static class Api
{
    public static void Map(WebApplication app, MLContext ml)
    {
        app.MapPost(""/predict"", (Review review) =>
        {
            var model = {|MLG6002:ml.Model.Load(""model.zip"", out _)|};
            return {|MLG6002:ml.Model.CreatePredictionEngine<Review, Sentiment>(model)|}.Predict(review);
        });
        app.MapGet(""/health"", async () => await Task.Run(() => {|MLG6002:ml.Model.Load(""model.zip"", out _)|}));
    }
}

public static class Scorer
{
    [BindServiceMethod(typeof(Scorer), ""BindService"")]
    public abstract class ScorerBase
    {
        public virtual Task<Sentiment> Score(Review request, ServerCallContext context) => Task.FromResult(new Sentiment());
    }
}

public sealed class ScorerService : Scorer.ScorerBase
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    public override Task<Sentiment> Score(Review request, ServerCallContext context)
    {
        var model = {|MLG6002:_ml.Model.Load(""model.zip"", out _)|};
        return Task.FromResult({|MLG6002:_ml.Model.CreatePredictionEngine<Review, Sentiment>(model)|}.Predict(request));
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Flags_the_same_model_loaded_on_every_iteration()
        {
            await Verify.VerifyAsync(@"
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public static class BatchScorer
{
    public static void Score(MLContext ml, IEnumerable<Review> reviews, string modelPath)
    {
        foreach (var review in reviews)
        {
            // The engine follows from the model reloaded here: only the load is reported.
            var model = {|MLG6002:ml.Model.Load(modelPath, out _)|};
            var engine = ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
            engine.Predict(review);
        }

        var trained = ml.Model.Load(modelPath, out _);
        foreach (var review in reviews)
        {
            {|MLG6002:ml.Model.CreatePredictionEngine<Review, Sentiment>(trained)|}.Predict(review);
        }

        for (var i = 0; i < 10; i++)
        {
            using var session = {|MLG6002:new InferenceSession(modelPath)|};
        }
    }
}
" + Model, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_a_model_loaded_once_at_startup_and_a_pooled_engine()
        {
            await Verify.VerifyAsync(@"
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.ML;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public sealed class ModelHost
{
    public ModelHost(MLContext ml)
    {
        Model = ml.Model.Load(""model.zip"", out _);
        Session = new InferenceSession(""model.onnx"");
    }

    public ITransformer Model { get; }
    public InferenceSession Session { get; }
}

[ApiController]
public sealed class SentimentController : ControllerBase
{
    private readonly PredictionEnginePool<Review, Sentiment> _pool;
    public SentimentController(PredictionEnginePool<Review, Sentiment> pool) => _pool = pool;

    [HttpPost(""predict"")]
    public bool Predict(Review review) => _pool.Predict(review).PredictedLabel;

    [NonAction]
    public static ITransformer Load(MLContext ml) => ml.Model.Load(""model.zip"", out _);

    private ITransformer LoadPrivate(MLContext ml) => ml.Model.Load(""model.zip"", out _);
}

public static class Program
{
    public static void Main()
    {
        var app = WebApplication.Create();
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(""model.zip"", out _);
        app.MapPost(""/predict"", (PredictionEnginePool<Review, Sentiment> pool, Review review) => pool.Predict(review));
        app.Run();
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_lazy_caching_in_a_handler()
        {
            await Verify.VerifyAsync(@"
using System;
using Microsoft.AspNetCore.Mvc;
using Microsoft.ML;

public sealed class SentimentController : ControllerBase
{
    private static ITransformer? _model;
    private static readonly Lazy<ITransformer> Lazy = new Lazy<ITransformer>(() => new MLContext(seed: 0).Model.Load(""model.zip"", out _));

    public object Predict(MLContext ml)
    {
        _model ??= ml.Model.Load(""model.zip"", out _);
        if (_model is null)
        {
            _model = ml.Model.Load(""model.zip"", out _);
        }

        var cached = new Lazy<ITransformer>(() => ml.Model.Load(""model.zip"", out _));
        return Lazy.Value;
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_loops_over_models_retries_and_periodic_reloads()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public sealed class ModelRegistry
{
    private readonly Dictionary<string, ITransformer> _models = new Dictionary<string, ITransformer>();
    private ITransformer? _current;

    public void LoadAll(MLContext ml, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            _models[path] = ml.Model.Load(path, out _);
        }

        string[] onnx = { ""a.onnx"", ""b.onnx"" };
        for (var i = 0; i < onnx.Length; i++)
        {
            using var session = new InferenceSession(onnx[i]);
        }
    }

    public ITransformer LoadWithRetry(MLContext ml, string path)
    {
        while (true)
        {
            try
            {
                return ml.Model.Load(path, out _);
            }
            catch (System.IO.IOException)
            {
                Thread.Sleep(100);
            }
        }
    }

    public async Task ReloadPeriodically(MLContext ml, string path, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            _current = ml.Model.Load(path, out _);
            await Task.Delay(TimeSpan.FromMinutes(5), stop);
        }
    }
}
" + Model, MlReferences.MlNetAndOnnxRuntime);
        }
    }
}
