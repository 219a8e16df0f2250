using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.ServingWithoutFallbackRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class ServingWithoutFallbackRuleTests
    {
        private const string Model = @"
public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }
";

        [Fact]
        public async Task Flags_serving_models_loaded_without_a_fallback()
        {
            await Verify.VerifyAsync(@"
using System;
using System.IO;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public sealed class ModelHost
{
    private readonly InferenceSession _session = {|MLG6005:new InferenceSession(Path.Combine(AppContext.BaseDirectory, ""model.onnx""))|};
    private ITransformer _model;

    public ModelHost(MLContext ml, string path)
    {
        _model = {|MLG6005:ml.Model.Load(path, out _)|};
    }

    public void Reload(MLContext ml, string path)
    {
        try
        {
            _model = {|MLG6005:ml.Model.Load(path, out _)|};
        }
        catch (IOException)
        {
            throw;
        }
    }

    public static void Register(IServiceCollection services, string path)
    {
        services.AddSingleton({|MLG6005:new InferenceSession(path)|});
        services.AddSingleton<ModelHost>();
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_console_programs_that_reload_the_model_they_trained()
        {
            await Verify.VerifyAsync(@"
using System;
using System.IO;
using Microsoft.ML;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(Path.Combine(AppContext.BaseDirectory, ""model.zip""), out _);
        var engine = ml.Model.CreatePredictionEngine<Review, Sentiment>(model);
        Console.WriteLine(engine.Predict(new Review { Text = ""great"" }).PredictedLabel);
    }
}

// The console program's predictor: it keeps the model in a field, and still serves nobody.
public sealed class Predictor
{
    private readonly MLContext _ml = new MLContext(seed: 0);
    private readonly ITransformer _model;
    public Predictor(string path) => _model = _ml.Model.Load(path, out _);
    public Sentiment Predict(Review review) => _ml.Model.CreatePredictionEngine<Review, Sentiment>(_model).Predict(review);
}
" + Model, MlReferences.MlNet);
        }

        [Fact]
        public async Task Ignores_loads_with_a_fallback()
        {
            await Verify.VerifyAsync(@"
using System;
using System.IO;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public sealed class ModelHost
{
    private readonly MLContext _ml = new MLContext(seed: 0);
    private ITransformer? _model;

    public void Reload(string path)
    {
        try
        {
            _model = _ml.Model.Load(path, out _);
        }
        catch (Exception exception) when (exception is IOException || exception is InvalidOperationException)
        {
            Console.Error.WriteLine($""Keeping the previous model: {exception.Message}"");
        }
    }

    public static InferenceSession Open(string path, string fallbackPath)
    {
        try
        {
            return new InferenceSession(path);
        }
        catch (OnnxRuntimeException)
        {
            return new InferenceSession(fallbackPath);
        }
    }

    private InferenceSession _session = null!;

    public void Open(string path)
    {
        try
        {
            _session = new InferenceSession(path);
        }
        catch (OnnxRuntimeException)
        {
            _session = new InferenceSession(""fallback.onnx"");
        }
    }
}
" + Model, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_training_code_and_loads_that_serve_nothing()
        {
            await Verify.VerifyAsync(@"
using System;
using Microsoft.ML;

public sealed class HeartData { public float Age { get; set; } public bool Label { get; set; } }
public sealed class HeartPrediction { public bool PredictedLabel { get; set; } }

public static class Training
{
    public static void Retrain(MLContext ml, IDataView data, string path)
    {
        var previous = ml.Model.Load(path, out var schema);
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(HeartData.Age))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        var model = pipeline.Fit(data);
        var engine = ml.Model.CreatePredictionEngine<HeartData, HeartPrediction>(model);
        engine.Predict(new HeartData { Age = 50 });
    }

    public static DataViewSchema Inspect(MLContext ml, string path)
    {
        ml.Model.Load(path, out var schema);
        return schema;
    }
}");
        }
    }
}
