using System.Linq;
using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    /// <summary>
    /// The serving rules together, on whole services: naive Level 0 serving code gets each rule on its offending line,
    /// a careful Level 2 service (pooled engines, one load at startup with a fallback, disposal, ILogger and Meter
    /// telemetry, secrets from configuration) gets none of them.
    /// </summary>
    public class ServingScenarioTests
    {
        private static readonly string[] ServingRules = { "MLG1001", "MLG6001", "MLG6002", "MLG6003", "MLG6004", "MLG6005", "MLG8001" };

        private const string Types = @"
public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } public float Probability { get; set; } }
";

        private const string LevelZeroService = @"
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public static class Shared
{
    public static PredictionEngine<Review, Sentiment>? Engine;                                      // MLG6001
}

[ApiController]
public sealed class SentimentController : ControllerBase
{
    private readonly MLContext _ml = new MLContext(seed: 0);

    [HttpPost(""predict"")]
    public bool Predict(Review review)
    {
        var model = _ml.Model.Load(""sentiment.zip"", out _);                                          // MLG6002, MLG6004
        var engine = _ml.Model.CreatePredictionEngine<Review, Sentiment>(model);                    // MLG6002
        return engine.Predict(review).PredictedLabel;                                               // MLG8001
    }

    [HttpPost(""score"")]
    public float Score(float[] features)
    {
        var session = new InferenceSession(""model.onnx"");                                          // MLG6002, MLG6004
        using var input = OrtValue.CreateTensorValueFromMemory(features, new long[] { 1, features.Length });
        using var options = new RunOptions();
        var results = session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" });  // MLG6003
        return results.First().GetTensorDataAsSpan<float>()[0];
    }

    [HttpGet(""download"")]
    public byte[] Download(HttpClient http)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(""Bearer"", ""eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtbCJ9"");  // MLG1001
        return http.GetByteArrayAsync(""https://m.blob.core.windows.net/c/model.zip"").Result;
    }
}
";

        private const string LevelTwoService = @"
using System;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ML;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public static class Startup
{
    public static void Configure(IServiceCollection services, string connectionString)
    {
        services.AddPredictionEnginePool<Review, Sentiment>()
            .FromFile(Path.Combine(AppContext.BaseDirectory, ""models"", ""sentiment.zip""));
        services.AddSingleton<OnnxScorer>();
    }
}

[ApiController]
public sealed class SentimentController(PredictionEnginePool<Review, Sentiment> pool, ILogger<SentimentController> logger) : ControllerBase
{
    [HttpPost(""predict"")]
    public bool Predict(Review review)
    {
        var prediction = pool.Predict(review);
        logger.LogInformation(""Predicted {Label} ({Probability})"", prediction.PredictedLabel, prediction.Probability);
        return prediction.PredictedLabel;
    }
}

public sealed class OnnxScorer : IDisposable
{
    private static readonly Meter Meter = new Meter(""Sentiment.Onnx"");
    private static readonly Counter<long> Scored = Meter.CreateCounter<long>(""scored"");
    private readonly ILogger<OnnxScorer> _logger;
    private InferenceSession _session;

    public OnnxScorer(ILogger<OnnxScorer> logger)
    {
        _logger = logger;
        var primary = Path.Combine(AppContext.BaseDirectory, ""models"", ""model.onnx"");
        try
        {
            _session = new InferenceSession(primary);
        }
        catch (OnnxRuntimeException exception)
        {
            _logger.LogInformation(""Falling back to the bundled model: {Message}"", exception.Message);
            _session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, ""models"", ""fallback.onnx""));
        }
    }

    public float Score(float[] features)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(features, new long[] { 1, features.Length });
        using var options = new RunOptions();
        using var results = _session.Run(options, new[] { ""input"" }, new[] { input }, new[] { ""output"" });
        Scored.Add(1);
        return results.First().GetTensorDataAsSpan<float>()[0];
    }

    public void Dispose() => _session.Dispose();
}
";

        [Fact]
        public async Task Level_zero_serving_code_gets_each_serving_rule_on_its_line()
        {
            var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(new[] { LevelZeroService + Types, HostingStandIns.Source }, MlReferences.MlNetAndOnnxRuntime);
            Assert.Empty(exceptions);

            var source = LevelZeroService + Types;
            var lines = source.Split('\n');
            var found = diagnostics.Where(d => ServingRules.Contains(d.Id)).ToList();

            // Every rule named in a line's trailing comment is reported on that line, and nothing else is reported.
            var expected = lines
                .Select((text, index) => (text, line: index))
                .Where(l => l.text.Contains("// MLG"))
                .SelectMany(l => l.text.Substring(l.text.IndexOf("// MLG")).TrimStart('/', ' ').Split(',').Select(id => (id: id.Trim(), l.line)))
                .OrderBy(e => e.line).ThenBy(e => e.id)
                .ToList();
            var actual = found
                .Select(d => (id: d.Id, line: d.Location.GetLineSpan().StartLinePosition.Line))
                .OrderBy(e => e.line).ThenBy(e => e.id)
                .ToList();
            Assert.Equal(expected, actual);
        }

        [Fact]
        public async Task Level_two_service_gets_no_serving_rule()
        {
            var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(new[] { LevelTwoService + Types, HostingStandIns.Source }, MlReferences.MlNetAndOnnxRuntime);
            Assert.Empty(exceptions);
            Assert.Empty(diagnostics.Where(d => ServingRules.Contains(d.Id)).Select(d => d.ToString()));
        }

        [Fact]
        public async Task No_serving_rule_throws_on_serving_code_cut_while_typing()
        {
            foreach (var source in new[] { LevelZeroService + Types, LevelTwoService + Types })
            {
                for (var cut = 53; cut < source.Length; cut += 53)
                {
                    var (_, exceptions) = await AnalyzerRunner.RunAsync(new[] { source.Substring(0, cut), HostingStandIns.Source }, MlReferences.MlNetAndOnnxRuntime);
                    Assert.True(exceptions.Count == 0, $"cut at {cut}: {string.Join("\n", exceptions)}");
                }
            }
        }
    }
}
