using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.InferenceWithoutTelemetryRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class InferenceWithoutTelemetryRuleTests
    {
        private const string Model = @"
public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }
";

        [Fact]
        public async Task Flags_each_serving_type_once_at_its_first_inference_site()
        {
            await Verify.VerifyAsync(@"
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.ML;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

[ApiController]
public sealed class SentimentController : ControllerBase
{
    private readonly PredictionEnginePool<Review, Sentiment> _pool;
    public SentimentController(PredictionEnginePool<Review, Sentiment> pool) => _pool = pool;

    [HttpPost(""predict"")]
    public bool Predict(Review review) => _pool.{|MLG8001:Predict(review)|}.PredictedLabel;

    [HttpPost(""batch"")]
    public int Batch(Review[] reviews) { var n = 0; foreach (var r in reviews) { if (_pool.Predict(r).PredictedLabel) n++; } return n; }
}

// Registered as a service below: it answers the application's requests.
public sealed class OnnxScorer
{
    private readonly InferenceSession _session;
    public OnnxScorer(InferenceSession session) => _session = session;

    public int Score(OrtValue input, RunOptions options)
    {
        using var results = _session.{|MLG8001:Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" })|};
        using var again = _session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" });
        return results.Count + again.Count;
    }
}

// Pools engines: built for concurrent requests.
public sealed class PooledEngine
{
    private readonly ObjectPool<PredictionEngine<Review, Sentiment>> _engines;
    public PooledEngine(ObjectPool<PredictionEngine<Review, Sentiment>> engines) => _engines = engines;

    public Sentiment Predict(Review review)
    {
        var engine = _engines.Get();
        try { return engine.{|MLG8001:Predict(review)|}; } finally { _engines.Return(engine); }
    }
}

public sealed class ScoringWorker : BackgroundService
{
    private readonly ITransformer _model;
    private readonly IDataView _batch;
    public ScoringWorker(ITransformer model, IDataView batch) { _model = model; _batch = batch; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _model.{|MLG8001:Transform(_batch)|};
        return Task.CompletedTask;
    }
}

public static class Startup
{
    public static void ConfigureServices(IServiceCollection services) => services.AddSingleton<OnnxScorer>();
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Flags_a_torchsharp_model_served_without_telemetry_but_not_its_training()
        {
            await Verify.VerifyAsync(@"
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;
using static TorchSharp.torch;

public sealed class Classifier
{
    private readonly nn.Module<Tensor, Tensor> _model;
    public Classifier(nn.Module<Tensor, Tensor> model) => _model = model;

    public float Score(Tensor x)
    {
        using var output = _model.{|MLG8001:forward(x)|};
        return output.item<float>();
    }

    public void Train(Tensor x, Tensor y, optim.Optimizer optimizer)
    {
        optimizer.zero_grad();
        using var loss = nn.functional.mse_loss(_model.forward(x), y);
        loss.backward();
        optimizer.step();
    }
}

public static class Startup
{
    public static void Configure(IServiceCollection services) => services.AddSingleton<Classifier>();
}
" + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime.AddPackages(System.Collections.Immutable.ImmutableArray.Create(new Microsoft.CodeAnalysis.Testing.PackageIdentity("TorchSharp", MlReferences.TorchSharpVersion))));
        }

        [Fact]
        public async Task Flags_a_minimal_api_handler_without_a_logger()
        {
            await Verify.VerifyAsync(@"
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.ML;

public static class Program
{
    public static void Main()
    {
        var app = WebApplication.Create();
        app.MapPost(""/predict"", (Review review, PredictionEnginePool<Review, Sentiment> pool) => pool.{|MLG8001:Predict(review)|});
        app.Run();
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_console_demos_desktop_code_and_prediction_helpers()
        {
            await Verify.VerifyAsync(@"
using System;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

// A console demo that loads a model and prints sample predictions: the person who runs it reads the output.
public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(""model.zip"", out _);
        var engine = ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
        Console.WriteLine(engine.Predict(new Review { Text = ""great"" }).PredictedLabel);
        new Predictor(""model.zip"").Print(new Review { Text = ""bad"" });
    }
}

// A one-off prediction helper of the console program.
public sealed class Predictor
{
    private readonly MLContext _ml = new MLContext(seed: 0);
    private readonly ITransformer _model;
    private readonly PredictionEngine<Review, Sentiment> _engine;

    public Predictor(string path)
    {
        _model = _ml.Model.Load(path, out _);
        _engine = _ml.Model.CreatePredictionEngine<Review, Sentiment>(_model);
    }

    public void Print(Review review) => Console.WriteLine(_engine.Predict(review).PredictedLabel);

    public IDataView ScoreAll(IDataView data) => _model.Transform(data);
}

// A library step that scores an ONNX model for its caller.
public sealed class OnnxStep
{
    private readonly InferenceSession _session;
    public OnnxStep(InferenceSession session) => _session = session;
    public int Run(OrtValue input, RunOptions options)
    {
        using var results = _session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" });
        return results.Count;
    }
}
" + Model, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Recognizes_the_telemetry_types_a_project_names_in_its_configuration()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<RuleAnalyzer<MlopsGuard.Analyzers.Rules.InferenceWithoutTelemetryRule>, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
            {
                TestCode = @"
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.ML;

namespace Contoso.Telemetry { public interface IPredictionMetrics { void Record(bool label); } }

[ApiController]
public sealed class SentimentController(PredictionEnginePool<Review, Sentiment> pool, Contoso.Telemetry.IPredictionMetrics metrics) : ControllerBase
{
    [HttpPost(""predict"")]
    public bool Predict(Review review) { var label = pool.Predict(review).PredictedLabel; metrics.Record(label); return label; }
}
" + Model + HostingStandIns.Source,
                ReferenceAssemblies = MlReferences.MlNetAndOnnxRuntime,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmlopsguard.telemetry_types = Contoso.Telemetry.IPredictionMetrics\n"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Ignores_types_and_handlers_that_record_telemetry()
        {
            await Verify.VerifyAsync(@"
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.ApplicationInsights;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ML;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

[ApiController]
public sealed class SentimentController(PredictionEnginePool<Review, Sentiment> pool, ILogger<SentimentController> logger) : ControllerBase
{
    [HttpPost(""predict"")]
    public bool Predict(Review review)
    {
        var result = pool.Predict(review);
        logger.LogInformation(""Predicted {Label}"", result.PredictedLabel);
        return result.PredictedLabel;
    }
}

public sealed class OnnxScorer
{
    private static readonly Meter Meter = new Meter(""Scoring"");
    private static readonly Counter<long> Predictions = Meter.CreateCounter<long>(""predictions"");
    private readonly InferenceSession _session;
    public OnnxScorer(InferenceSession session) => _session = session;

    public int Score(OrtValue input, RunOptions options)
    {
        using var results = _session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" });
        Predictions.Add(1);
        return results.Count;
    }
}

public sealed class TracedScorer
{
    private static readonly ActivitySource Source = new ActivitySource(""Scoring"");
    private readonly ITransformer _model;
    public TracedScorer(ITransformer model) => _model = model;
    public IDataView Score(IDataView data) { using var activity = Source.StartActivity(""score""); return _model.Transform(data); }
}

public sealed class InsightsScorer
{
    private readonly TelemetryClient _telemetry;
    private readonly PredictionEnginePool<Review, Sentiment> _pool;
    public InsightsScorer(TelemetryClient telemetry, PredictionEnginePool<Review, Sentiment> pool) { _telemetry = telemetry; _pool = pool; }
    public Sentiment Score(Review review) { _telemetry.TrackEvent(""score""); return _pool.Predict(review); }
}

public static class Endpoints
{
    public static void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<OnnxScorer>(services);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TracedScorer>(services);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<InsightsScorer>(services);
    }

    public static void Map(WebApplication app)
    {
        app.MapPost(""/predict"", (Review review, PredictionEnginePool<Review, Sentiment> pool, ILogger<Review> log) =>
        {
            log.LogInformation(""predict"");
            return pool.Predict(review);
        });
    }

    public static Sentiment Score(PredictionEnginePool<Review, Sentiment> pool, ILoggerFactory factory, Review review)
    {
        var log = factory.CreateLogger(""score"");
        return pool.Predict(review);
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_training_code_and_transforms_of_a_fitted_model()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML;

public sealed class HeartData { public float Age { get; set; } public bool Label { get; set; } }
public sealed class HeartPrediction { public bool PredictedLabel { get; set; } }

public static class Training
{
    public static double Train(MLContext ml, IDataView data)
    {
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(HeartData.Age))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        var model = pipeline.Fit(split.TrainSet);
        var scored = model.Transform(split.TestSet);
        var engine = ml.Model.CreatePredictionEngine<HeartData, HeartPrediction>(model);
        engine.Predict(new HeartData { Age = 40 });
        return ml.BinaryClassification.Evaluate(scored).Accuracy;
    }

    public static IDataView Score(ITransformer fitted, IDataView data) => fitted.Transform(data);
}");
        }
    }
}
