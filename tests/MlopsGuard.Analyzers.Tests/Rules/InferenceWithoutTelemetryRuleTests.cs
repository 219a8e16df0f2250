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
        public async Task Flags_inference_in_types_without_telemetry()
        {
            await Verify.VerifyAsync(@"
using System.Linq;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.ML;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

[ApiController]
public sealed class SentimentController : ControllerBase
{
    private readonly PredictionEnginePool<Review, Sentiment> _pool;
    public SentimentController(PredictionEnginePool<Review, Sentiment> pool) => _pool = pool;

    [HttpPost(""predict"")]
    public bool Predict(Review review) => {|MLG8001:_pool.Predict(review)|}.PredictedLabel;
}

public sealed class OnnxScorer
{
    private readonly InferenceSession _session;
    public OnnxScorer(InferenceSession session) => _session = session;

    public int Score(OrtValue input, RunOptions options)
    {
        using var results = {|MLG8001:_session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" })|};
        return results.Count;
    }
}

public sealed class BatchScorer
{
    private readonly MLContext _ml = new MLContext(seed: 0);
    private readonly ITransformer _model;
    public BatchScorer(ITransformer model) => _model = model;

    public IDataView Score(IDataView data) => {|MLG8001:_model.Transform(data)|};

    public bool One(Review review)
    {
        var model = _ml.Model.Load(""model.zip"", out _);
        var scored = {|MLG8001:model.Transform(_ml.Data.LoadFromEnumerable(new[] { review }))|};
        var engine = _ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
        return {|MLG8001:engine.Predict(review)|}.PredictedLabel;
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
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
        app.MapPost(""/predict"", (Review review, PredictionEnginePool<Review, Sentiment> pool) => {|MLG8001:pool.Predict(review)|});
        app.Run();
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
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
