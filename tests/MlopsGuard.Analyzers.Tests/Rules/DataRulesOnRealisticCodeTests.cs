using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MlopsGuard.Analyzers.Tests.Verifiers;
using MlopsGuard.Generator;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    /// <summary>
    /// The data and model-release rules over a whole Level 0 program (each fires once, on its line), over the same program written
    /// the Level 2 way (none fires), and over every cut of the Level 0 program with the declared-artifacts file present (no throw).
    /// </summary>
    public class DataRulesOnRealisticCodeTests
    {
        private static readonly string[] DataRules = { "MLG2001", "MLG2002", "MLG2003", "MLG2004", "MLG2005", "MLG2006", "MLG4001", "MLG4002" };

        private const string ArtifactsFile = "# MlopsGuard declared artifacts\nroot\t/src/heart\ndata\tdata/heart.csv\nmodel\tmodels/heart.zip\tname=heart\n";

        private const string Level0 = @"
using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class HeartData
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Cholesterol { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}

public static class Program
{
    public static async Task Main()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile<HeartData>(@""C:\Users\ana\Downloads\heart.csv"", separatorChar: ',');
        var extra = ml.Data.LoadFromTextFile<HeartData>(""data/extra.csv"", separatorChar: ',');
        var prep = ml.Transforms.Concatenate(""Features"", ""Age"", ""Cholesterol"", ""Label"").Append(ml.Transforms.NormalizeMinMax(""Features""));
        var prepModel = prep.Fit(data);
        var split = ml.Data.TrainTestSplit(prepModel.Transform(data), testFraction: 0.2, seed: 1);
        var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TrainSet));
        Console.WriteLine(metrics.Accuracy);
        ml.Model.Save(model, null, ""heart-model.zip"");
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(""https://models.example.com/heart.zip"");
        var remote = ml.Model.Load(new MemoryStream(bytes), out var schema);
    }
}";

        private const string Level2 = @"
using System;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class HeartData
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Cholesterol { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}

public sealed record TrainingOptions(int Seed, double TestFraction, string ExpectedSha256);

public static class DataStage
{
    public static DataOperationsCatalog.TrainTestData Load(MLContext ml, TrainingOptions options)
    {
        var data = ml.Data.LoadFromTextFile<HeartData>(Path.Combine(AppContext.BaseDirectory, ""data"", ""heart.csv""), separatorChar: ',');
        return ml.Data.TrainTestSplit(data, options.TestFraction, seed: options.Seed);
    }
}

public static class TrainStage
{
    public static ITransformer Train(MLContext ml, IDataView train)
    {
        var pipeline = ml.Transforms.Concatenate(""Features"", nameof(HeartData.Age), nameof(HeartData.Cholesterol))
            .Append(ml.Transforms.NormalizeMinMax(""Features""))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(HeartData.Label)));
        var model = pipeline.Fit(train);
        ml.Model.Save(model, train.Schema, ""models/heart.zip"");
        return model;
    }
}

public static class EvaluateStage
{
    public static double Evaluate(MLContext ml, ITransformer model, IDataView test) =>
        ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy;
}

public static class RemoteModel
{
    public static async Task<ITransformer> FetchAsync(MLContext ml, HttpClient http, TrainingOptions options)
    {
        var bytes = await http.GetByteArrayAsync(""https://models.example.com/heart.zip"");
        if (!string.Equals(Convert.ToHexString(SHA256.HashData(bytes)), options.ExpectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(""hash mismatch"");
        }

        return ml.Model.Load(new MemoryStream(bytes), out _);
    }
}

public static class Program
{
    public static async Task Main()
    {
        var options = new TrainingOptions(1, 0.2, ""00"");
        var ml = new MLContext(seed: options.Seed);
        var split = DataStage.Load(ml, options);
        var model = TrainStage.Train(ml, split.TrainSet);
        Console.WriteLine(EvaluateStage.Evaluate(ml, model, split.TestSet));
        using var http = new HttpClient();
        await RemoteModel.FetchAsync(ml, http, options);
    }
}";

        [Fact]
        public async Task Each_rule_fires_on_its_line_in_Level_0_code()
        {
            var (diagnostics, exceptions) = await RunAsync(Level0);
            Assert.Empty(exceptions);
            var lines = Level0.Split('\n');
            string LineOf(Diagnostic d) => lines[d.Location.GetLineSpan().StartLinePosition.Line];
            var found = diagnostics.Where(d => DataRules.Contains(d.Id)).ToDictionary(d => d.Id, LineOf);
            Assert.Equal(DataRules.OrderBy(x => x), found.Keys.OrderBy(x => x));
            Assert.Contains("extra.csv", found["MLG2001"], StringComparison.Ordinal);
            Assert.Contains(@"C:\Users", found["MLG2002"], StringComparison.Ordinal);
            Assert.Contains("GetByteArrayAsync", found["MLG2003"], StringComparison.Ordinal);
            Assert.Contains("Concatenate", found["MLG2004"], StringComparison.Ordinal);
            Assert.Contains("Evaluate", found["MLG2005"], StringComparison.Ordinal);
            Assert.Contains("TrainTestSplit", found["MLG2006"], StringComparison.Ordinal);
            Assert.Contains("Model.Save", found["MLG4001"], StringComparison.Ordinal);
            Assert.Contains("Model.Save", found["MLG4002"], StringComparison.Ordinal);
        }

        [Fact]
        public async Task Rules_follow_locals_in_top_level_statements()
        {
            const string TopLevel = @"
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ',');
const string Target = ""Label"";
var pipeline = ml.Transforms.Concatenate(""Features"", ""Age"", Target).Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
var model = pipeline.Fit(data);
var metrics = ml.BinaryClassification.Evaluate(model.Transform(data));
ml.Model.Save(model, null, ""models/heart.zip"");

public sealed class HeartData
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}";
            var (diagnostics, exceptions) = await RunAsync(TopLevel);
            Assert.Empty(exceptions);
            Assert.Equal(new[] { "MLG2004", "MLG2005", "MLG4002" }, diagnostics.Where(d => DataRules.Contains(d.Id)).Select(d => d.Id).OrderBy(x => x));
        }

        [Fact]
        public async Task No_rule_fires_on_Level_2_code()
        {
            var (diagnostics, exceptions) = await RunAsync(Level2);
            Assert.Empty(exceptions);
            Assert.Empty(diagnostics.Where(d => DataRules.Contains(d.Id)));
        }

        [Fact]
        public async Task No_analyzer_throws_on_Level_0_code_cut_while_typing()
        {
            var cuts = Enumerable.Range(1, Level0.Length / 23).Select(i => Level0.Substring(0, i * 23));
            foreach (var source in cuts)
            {
                var (_, exceptions) = await RunAsync(source);
                Assert.True(exceptions.Count == 0, $"cut at {source.Length}: {string.Join("\n", exceptions)}");
            }
        }

        [Theory]
        [InlineData("using Microsoft.ML; class C { void M(MLContext ml) { ml.Model.Save(null, null, ); } }")]
        [InlineData("using Microsoft.ML; class C { void M(MLContext ml) { ml.Transforms.Concatenate(\"Features\", ; } }")]
        [InlineData("using Microsoft.ML; class C { void M(MLContext ml) { var d = ml.Data.LoadFromTextFile<Undefined>(Path.Combine(, \"x\")); } }")]
        [InlineData("using Microsoft.ML; class C { void M(MLContext ml, IDataView d) { ml.Data.TrainTestSplit(x.Fit(d).Transform(d)); } }")]
        [InlineData("using Microsoft.ML; class C { void M(MLContext ml, IEstimator<ITransformer> e, IDataView d) { var m = e.Fit(); ml.BinaryClassification.Evaluate(m.Transform(d)); } }")]
        [InlineData("using Microsoft.ML; class C { async void M(MLContext ml, System.Net.Http.HttpClient h) { var b = await h.GetByteArrayAsync(); ml.Model.Load(b, out var s); } }")]
        [InlineData("using Microsoft.ML; class C { void M(MLContext ml) { string p; p += \"a\"; ml.Data.LoadFromTextFile<int>(p); (p, var q) = (\"x\", 1); } }")]
        public async Task No_analyzer_throws_on_broken_data_code(string source)
        {
            var (_, exceptions) = await RunAsync(source);
            Assert.Empty(exceptions);
        }

        private static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(string source)
        {
            var tree = CSharpSyntaxTree.ParseText(source, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), path: "/src/heart/Program.cs");
            var compilation = CSharpCompilation.Create(
                "Heart",
                new[] { tree },
                await AnalyzerRunner.ReferencesAsync(MlReferences.MlNet),
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
            var exceptions = new ConcurrentQueue<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("/src/heart/obj/MlopsGuard.Artifacts.txt", ArtifactsFile))),
                (exception, analyzer, diagnostic) => exceptions.Enqueue(new InvalidOperationException($"{analyzer.GetType().Name} threw", exception)),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(RuleInventory.Analyzers, options).GetAnalyzerDiagnosticsAsync();
            foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
            {
                exceptions.Enqueue(new InvalidOperationException(diagnostic.ToString()));
            }

            return (diagnostics, exceptions.ToList());
        }

        private sealed class InMemoryText : AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }
    }
}
