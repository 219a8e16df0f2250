using System.Threading.Tasks;
using MlopsGuard.Analyzers.Rules;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.ModelPathRelativeToWorkingDirectoryRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class ModelPathRelativeToWorkingDirectoryRuleTests
    {
        private const string Model = @"
public sealed class Review { public string Text { get; set; } = """"; }
public sealed class Sentiment { public bool PredictedLabel { get; set; } }
";

        [Fact]
        public async Task Flags_relative_model_paths()
        {
            await Verify.VerifyAsync(@"
using System.IO;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ML;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public static class Models
{
    private const string ModelFile = ""models/sentiment.zip"";

    public static void Load(MLContext ml, IServiceCollection services)
    {
        var a = ml.Model.Load({|MLG6004:""model.zip""|}, out _);
        var b = ml.Model.Load({|MLG6004:ModelFile|}, out var schema);
        var c = ml.Model.Load(filePath: {|MLG6004:Path.Combine(""models"", ""sentiment.zip"")|}, inputSchema: out _);
        using var session = new InferenceSession({|MLG6004:""model.onnx""|});
        using var other = new InferenceSession({|MLG6004:@""..\models\model.onnx""|}, new SessionOptions());
        services.AddPredictionEnginePool<Review, Sentiment>().FromFile({|MLG6004:""model.zip""|});
        services.AddPredictionEnginePool<Review, Sentiment>().FromFile(""sentiment"", {|MLG6004:""./model.zip""|}, true);
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_paths_based_on_the_application_or_content_root()
        {
            await Verify.VerifyAsync(@"
using System;
using System.IO;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ML;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public static class Models
{
    public static void Load(MLContext ml, IServiceCollection services, string contentRoot, string configuredPath, Stream stream)
    {
        var a = ml.Model.Load(Path.Combine(AppContext.BaseDirectory, ""model.zip""), out _);
        var b = ml.Model.Load(Path.Combine(contentRoot, ""models"", ""model.zip""), out _);
        var c = ml.Model.Load(configuredPath, out _);
        var d = ml.Model.Load(stream, out _);
        using var session = new InferenceSession(Path.Join(AppContext.BaseDirectory, ""model.onnx""));
        services.AddPredictionEnginePool<Review, Sentiment>().FromFile(Path.Combine(AppContext.BaseDirectory, ""model.zip""));
    }
}
" + Model + HostingStandIns.Source, MlReferences.MlNetAndOnnxRuntime);
        }

        [Theory]
        [InlineData("model.zip", true)]
        [InlineData("./models/m.onnx", true)]
        [InlineData("../m.onnx", true)]
        [InlineData("models\\m.zip", true)]
        [InlineData("/opt/models/m.zip", false)]
        [InlineData("C:\\models\\m.zip", false)]
        [InlineData("\\\\server\\share\\m.zip", false)]
        [InlineData("~/m.zip", false)]
        [InlineData("https://example.org/m.onnx", false)]
        [InlineData("%MODELS%\\m.zip", false)]
        [InlineData("", false)]
        public void Classifies_paths(string path, bool relative)
        {
            Assert.Equal(relative, ModelPathRelativeToWorkingDirectoryRule.IsRelative(path));
        }

        [Fact]
        public async Task Ignores_absolute_paths_and_other_types()
        {
            await Verify.VerifyAsync(@"
using System.IO;
using Microsoft.ML;

public static class Models
{
    public static void Load(MLContext ml)
    {
        var a = ml.Model.Load(""/opt/models/model.zip"", out _);
        var b = File.ReadAllBytes(""model.zip"");
        ml.Model.Save(null!, null, ""model.zip"");
    }
}");
        }
    }
}
