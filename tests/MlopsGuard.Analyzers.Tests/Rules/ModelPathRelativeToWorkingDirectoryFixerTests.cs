using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.CodeFixVerifier<
    MlopsGuard.Analyzers.Rules.ModelPathRelativeToWorkingDirectoryRule,
    MlopsGuard.CodeFixes.ModelPathRelativeToWorkingDirectoryFixer>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class ModelPathRelativeToWorkingDirectoryFixerTests
    {
        [Fact]
        public async Task Wraps_a_literal_and_adds_the_usings()
        {
            await Verify.VerifyAsync(
                @"using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public static class Models
{
    public static void Load(MLContext ml)
    {
        var model = ml.Model.Load({|MLG6004:""model.zip""|}, out _);
        using var session = new InferenceSession({|MLG6004:""model.onnx""|});
    }
}",
                @"using System;
using System.IO;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

public static class Models
{
    public static void Load(MLContext ml)
    {
        var model = ml.Model.Load(Path.Combine(AppContext.BaseDirectory, ""model.zip""), out _);
        using var session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, ""model.onnx""));
    }
}",
                MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Prepends_the_base_directory_to_a_relative_combine()
        {
            await Verify.VerifyAsync(
                @"using System;
using System.IO;
using Microsoft.ML;

public static class Models
{
    public static ITransformer Load(MLContext ml) => ml.Model.Load({|MLG6004:Path.Combine(""models"", ""model.zip"")|}, out _);
}",
                @"using System;
using System.IO;
using Microsoft.ML;

public static class Models
{
    public static ITransformer Load(MLContext ml) => ml.Model.Load(Path.Combine(AppContext.BaseDirectory, ""models"", ""model.zip""), out _);
}",
                MlReferences.MlNetAndOnnxRuntime);
        }
    }
}
