using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.ModelSavedWithoutSchemaRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class ModelSavedWithoutSchemaRuleTests
    {
        private const string Train = @"
        var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ',');
        var pipeline = ml.Transforms.Concatenate(""Features"", ""Age"", ""Sex"").Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        var model = pipeline.Fit(data);
";

        [Theory]
        [InlineData(@"ml.Model.Save(model, {|MLG4002:null|}, ""models/heart.zip"");")]
        [InlineData(@"ml.Model.Save(model, {|MLG4002:default|}, ""models/heart.zip"");")]
        [InlineData(@"ml.Model.Save(model, {|MLG4002:inputSchema: null|}, filePath: ""models/heart.zip"");")]
        [InlineData(@"DataViewSchema schema = null; ml.Model.Save(model, {|MLG4002:schema|}, ""models/heart.zip"");")]
        [InlineData(@"using var stream = File.Create(""models/heart.zip""); ml.Model.Save(model, {|MLG4002:null|}, stream);")]
        public async Task Flags_a_save_without_schema(string statements)
        {
            await Verify.VerifyAsync(MlNetPrograms.InMain(Train + statements));
        }

        [Fact]
        public async Task Flags_a_model_from_a_parameter()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public static class Store
{
    public static void Save(MLContext ml, ITransformer model, string path) => ml.Model.Save(model, {|MLG4002:null|}, path);
}");
        }

        [Theory]
        [InlineData(@"ml.Model.Save(model, data.Schema, ""models/heart.zip"");")]
        [InlineData(@"var schema = data.Schema; ml.Model.Save(model, schema, ""models/heart.zip"");")]
        [InlineData(@"var loaded = ml.Model.Load(""models/heart.zip"", out var schema); ml.Model.Save(loaded, schema, ""models/copy.zip"");")]
        [InlineData(@"var loader = ml.Data.CreateTextLoader<HeartData>(separatorChar: ','); ml.Model.Save(model, loader, ""models/heart.zip"");")]
        public async Task Ignores_a_save_with_schema_or_loader(string statements)
        {
            await Verify.VerifyAsync(MlNetPrograms.InMain(Train + statements));
        }

        [Fact]
        public async Task Ignores_a_schema_from_a_parameter()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public static class Store
{
    public static void Save(MLContext ml, ITransformer model, DataViewSchema schema, string path) => ml.Model.Save(model, schema, path);
}");
        }

        [Fact]
        public async Task Registers_nothing_without_an_ML_library()
        {
            await Verify.VerifyAsync("class Model { public void Save(object m, object s, string p) { } void M() => Save(null, null, \"x\"); }", MlReferences.NoMl);
        }
    }
}
