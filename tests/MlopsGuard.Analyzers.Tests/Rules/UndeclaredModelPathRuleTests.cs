using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.UndeclaredModelPathRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class UndeclaredModelPathRuleTests
    {
        private const string Train = @"var data = ml.Data.LoadFromTextFile<HeartData>(""data/train.csv"", separatorChar: ',');
        var model = ml.Transforms.Concatenate(""Features"", ""Age"", ""Sex"").Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression()).Fit(data);
        ";

        [Theory]
        [InlineData(@"ml.Model.Save(model, data.Schema, {|MLG4001:""models/heart-v2.zip""|});")]
        [InlineData(@"ml.Model.Save(model, data.Schema, {|MLG4001:""model.zip""|});")]
        [InlineData(@"const string ModelFile = ""out/heart.zip""; ml.Model.Save(model, data.Schema, {|MLG4001:ModelFile|});")]
        [InlineData(@"ml.Model.Save(model, data.Schema, {|MLG4001:Path.Combine(AppContext.BaseDirectory, ""models"", ""other.zip"")|});")]
        [InlineData(@"using var stream = File.Create(""models/stream.zip""); ml.Model.Save(model, data.Schema, {|MLG4001:stream|});")]
        [InlineData(@"ml.Model.Save(model, data.Schema, {|MLG4001:""data/train.csv""|});")]
        public async Task Flags_undeclared_model_literals(string statements)
        {
            await Verify.VerifyAsync(UndeclaredDataPathRuleTests.Program(Train + statements), UndeclaredDataPathRuleTests.Artifacts);
        }

        [Theory]
        [InlineData(@"ml.Model.Save(model, data.Schema, ""models/heart.zip"");")]
        [InlineData(@"ml.Model.Save(model, data.Schema, @""models\heart.zip"");")]
        [InlineData(@"ml.Model.Save(model, data.Schema, Path.Combine(""models"", ""heart.zip""));")]
        [InlineData(@"ml.Model.Save(model, data.Schema, ""../../../models/heart.zip"");")]
        [InlineData(@"using (var stream = File.Create(""models/heart.zip"")) { ml.Model.Save(model, data.Schema, stream); }")]
        [InlineData(@"ml.Model.Save(model, data.Schema, Environment.GetEnvironmentVariable(""MODEL_PATH"")!);")]
        [InlineData(@"using var memory = new MemoryStream(); ml.Model.Save(model, data.Schema, memory);")]
        [InlineData(@"var loaded = ml.Model.Load(""models/unknown.zip"", out var schema);")]
        public async Task Ignores_declared_unknown_and_loaded_models(string statements)
        {
            await Verify.VerifyAsync(UndeclaredDataPathRuleTests.Program(Train + statements), UndeclaredDataPathRuleTests.Artifacts);
        }

        [Fact]
        public async Task Flags_an_undeclared_TorchSharp_module_file()
        {
            await Verify.VerifyAsync(@"
using TorchSharp;
using static TorchSharp.torch;

public static class Net
{
    public static void Run()
    {
        var model = nn.Linear(4, 2);
        model.save({|MLG4001:""models/net-experiment.dat""|});
        model.save(""models/heart.zip"");
        model.load(""models/other.dat"");
    }
}", UndeclaredDataPathRuleTests.Artifacts, MachineSpecificPathRuleTests.TorchSharpReferences);
        }

        [Fact]
        public async Task Registers_nothing_without_the_artifacts_file()
        {
            await Verify.VerifyAsync(UndeclaredDataPathRuleTests.Program(Train + @"ml.Model.Save(model, data.Schema, ""elsewhere.zip"");"));
        }

        [Fact]
        public async Task Ignores_an_artifacts_file_with_another_name()
        {
            await Verify.VerifyAsync(
                UndeclaredDataPathRuleTests.Program(Train + @"ml.Model.Save(model, data.Schema, ""elsewhere.zip"");"),
                ("/src/heart/notes.txt", "model\tmodels/heart.zip\n"));
        }
    }
}
