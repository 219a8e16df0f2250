using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>
    /// Continuous training as an incremental build: a real two-stage pipeline (prepare the heart-disease data with the
    /// shell, then train an ML.NET model on it with a console program) run by dotnet build through MlStage items.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public class StageTests
    {
        /// <summary>The trainer: reads prepared CSV, two hyperparameters from a JSON file, writes model.zip and metrics.json.</summary>
        private const string TrainerProgram = @"using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

var (dataPath, paramsPath, outDir) = (args[0], args[1], args[2]);
var train = JsonDocument.Parse(File.ReadAllText(paramsPath)).RootElement.GetProperty(""train"");
var l2 = train.GetProperty(""l2Regularization"").GetSingle();
var iterations = train.GetProperty(""maximumNumberOfIterations"").GetInt32();

var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromTextFile<HeartRow>(dataPath, separatorChar: ',', hasHeader: false);
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
var pipeline = ml.Transforms.NormalizeMinMax(""Features"")
    .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(l2Regularization: l2, maximumNumberOfIterations: iterations));
var model = pipeline.Fit(split.TrainSet);
var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));

Directory.CreateDirectory(outDir);
ml.Model.Save(model, data.Schema, Path.Combine(outDir, ""model.zip""));
File.WriteAllText(Path.Combine(outDir, ""metrics.json""), string.Format(CultureInfo.InvariantCulture,
    ""{{ \""Accuracy\"": {0:0.####}, \""AreaUnderRocCurve\"": {1:0.####} }}\n"", metrics.Accuracy, metrics.AreaUnderRocCurve));
Console.WriteLine(FormattableString.Invariant($""trained with l2={l2} on {File.ReadLines(dataPath).Count()} rows: accuracy {metrics.Accuracy:0.###}""));

public sealed class HeartRow
{
    [LoadColumn(0, 12), VectorType(13)] public float[] Features { get; set; } = Array.Empty<float>();
    [LoadColumn(13)] public bool Label { get; set; }
}
";

        private static readonly object TrainerGate = new();
        private static string? _trainerDll;

        private readonly PackageFeed _feed;

        public StageTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void A_two_stage_pipeline_runs_when_and_only_when_its_inputs_change()
        {
            var project = Pipeline("pipeline");
            var model = Path.Combine(project.Directory, "models", "model.zip");

            // First build: both stages run, in order, with the trainer's output in the build log (normal verbosity).
            var first = project.Build("-v:n");
            Assert.True(first.Succeeded, first.ToString());
            Assert.Equal(new[] { "prepare", "train" }, Ran(first));
            Assert.Contains("[train] trained with l2=0.1 on 283 rows", first.Output);
            Assert.True(File.Exists(model));
            using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "models", "metrics.json"))))
            {
                Assert.InRange(metrics.RootElement.GetProperty("Accuracy").GetDouble(), 0.6, 1.0);
            }

            var lockText = File.ReadAllText(Path.Combine(project.Directory, "mlops.lock.json"));
            using (var lockFile = JsonDocument.Parse(lockText))
            {
                // The raw data is an MlData artifact; the model is an MlModel too, but its stage entry versions it (once).
                Assert.Equal(new[] { "raw/heart.csv" }, lockFile.RootElement.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("path").GetString()));
                var stages = lockFile.RootElement.GetProperty("stages").EnumerateArray().ToList();
                Assert.Equal(new[] { "prepare", "train" }, stages.Select(s => s.GetProperty("name").GetString()));
                Assert.Equal(new[] { "models/metrics.json", "models/model.zip" }, stages[1].GetProperty("outs").EnumerateArray().Select(o => o.GetProperty("path").GetString()));
                Assert.Equal("data/train.csv", stages[1].GetProperty("deps")[0].GetProperty("path").GetString());
            }

            // Unchanged rebuild: nothing runs, the lock is byte-identical.
            var second = project.Build();
            Assert.True(second.Succeeded, second.ToString());
            Assert.Empty(Ran(second));
            Assert.Equal(lockText, File.ReadAllText(Path.Combine(project.Directory, "mlops.lock.json")));

            // New raw data: both stages run again.
            ChangeRawData(project, "64.0;1.0;1.0;110.0", "64.0;1.0;1.0;112.0");
            var third = project.Build();
            Assert.True(third.Succeeded, third.ToString());
            Assert.Equal(new[] { "prepare", "train" }, Ran(third));

            // One hyperparameter: only training runs.
            project.WriteFile("train.params.json", Params(l2: 0.05, notes: "first try"));
            var fourth = project.Build("-v:n");
            Assert.True(fourth.Succeeded, fourth.ToString());
            Assert.Equal(new[] { "train" }, Ran(fourth));
            Assert.Contains("[train] trained with l2=0.05", fourth.Output);

            // A key no stage reads: nothing runs.
            project.WriteFile("train.params.json", Params(l2: 0.05, notes: "second try"));
            var fifth = project.Build();
            Assert.True(fifth.Succeeded, fifth.ToString());
            Assert.Empty(Ran(fifth));

            // Locked mode (CI) with stale outputs: nothing runs, MLG2007 names the stage and what differs.
            ChangeRawData(project, "58.0;0.0;1.0;150.0", "58.0;0.0;1.0;151.0");
            var modelBytes = File.ReadAllBytes(model);
            var locked = project.Build("-p:MlopsLockedMode=true");
            Assert.False(locked.Succeeded, locked.ToString());
            Assert.Empty(Ran(locked));
            var error = Assert.Single(locked.MlopsGuard, d => d.Message.StartsWith("stage 'prepare'", StringComparison.Ordinal));
            Assert.Equal(("error", "MLG2007"), (error.Severity, error.Id));
            Assert.Contains("dep 'raw/heart.csv' changed: expected sha256", error.Message);
            Assert.Equal(modelBytes, File.ReadAllBytes(model));
        }

        [Fact]
        public void A_failing_stage_fails_the_build_with_MLG3402_its_exit_code_and_output()
        {
            var project = TestProject.Create(_feed, "failing-stage", @"<ItemGroup>
    <MlStage Include=""train"" Command=""echo loading data; echo 'no such column: Label' 1&gt;&amp;2; exit 4"" Outs=""models/model.zip"" />
  </ItemGroup>", withMlNet: false);
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");

            var result = project.Build();

            Assert.False(result.Succeeded, result.ToString());
            // At the default verbosity the command's own output stays in the build log: the error quotes its last lines.
            Assert.DoesNotContain("[train] loading data", result.Output);
            var error = Assert.Single(result.MlopsGuard);
            Assert.Equal(("error", "MLG3402"), (error.Severity, error.Id));
            Assert.StartsWith("stage 'train' failed with exit code 4", error.Message);
            // Standard output and error are separate pipes: their lines may interleave either way.
            Assert.Contains("Its last lines: ", error.Message);
            Assert.Contains("loading data", error.Message);
            Assert.Contains("no such column: Label", error.Message);
            Assert.False(File.Exists(Path.Combine(project.Directory, "mlops.lock.json")));

            var disabled = project.Build("-p:MlopsGuardEnabled=false");
            Assert.True(disabled.Succeeded, disabled.ToString());
            Assert.DoesNotContain("[train]", disabled.Output);
        }

        private TestProject Pipeline(string name)
        {
            var trainer = TrainerDll();
            var project = TestProject.Create(_feed, name, $@"<ItemGroup>
    <MlData Include=""raw/heart.csv"" />
    <MlModel Include=""models/model.zip"" Name=""heart"" MetricsFile=""models/metrics.json"" ParamsFile=""train.params.json"" />
    <!-- prepare: drop the byte-order mark and turn ';' into ','; train: the prebuilt trainer. -->
    <MlStage Include=""prepare"" Command=""tr -d '\357\273\277' &lt; raw/heart.csv | tr ';' ',' &gt; data/train.csv""
             Deps=""raw/heart.csv"" Outs=""data/train.csv"" />
    <MlStage Include=""train"" Command=""dotnet &quot;{trainer}&quot; data/train.csv train.params.json models""
             Deps=""data/train.csv"" Params=""train.params.json:train.l2Regularization,train.maximumNumberOfIterations""
             Outs=""models/model.zip;models/metrics.json"" />
  </ItemGroup>", withMlNet: false);
            project.WriteFile("Program.cs", "System.Console.WriteLine(\"serving\");\n");
            File.Copy(Path.Combine(TestEnvironment.SharedData, "HeartTraining.csv"), Path.Combine(project.Directory, "raw", "heart.csv").EnsureFolder());
            project.WriteFile("train.params.json", Params(l2: 0.1, notes: "first try"));
            return project;
        }

        private static string Params(double l2, string notes) => FormattableString.Invariant(
            $"{{\n  \"notes\": \"{notes}\",\n  \"train\": {{ \"l2Regularization\": {l2}, \"maximumNumberOfIterations\": 50 }}\n}}\n");

        private static void ChangeRawData(TestProject project, string from, string to)
        {
            var path = Path.Combine(project.Directory, "raw", "heart.csv");
            var text = File.ReadAllText(path);
            Assert.Contains(from, text);
            File.WriteAllText(path, text.Replace(from, to));
        }

        /// <summary>The stages that ran in a build, in order, from the runner's one line per stage.</summary>
        private static string[] Ran(BuildResult result) =>
            result.Output.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("MlopsGuard: running stage '", StringComparison.Ordinal))
                .Select(line => line.Split('\'')[1])
                .ToArray();

        /// <summary>Builds the trainer once per test run; stages run it with 'dotnet trainer.dll' (no build inside the build).</summary>
        private string TrainerDll()
        {
            lock (TrainerGate)
            {
                if (_trainerDll != null && File.Exists(_trainerDll))
                {
                    return _trainerDll;
                }

                var directory = Path.Combine(_feed.NewWorkspace("trainer"), "Trainer");
                var trainer = new TestProject(_feed, directory, "Trainer");
                trainer.WriteFile("Trainer.csproj", @"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""Microsoft.ML"" Version=""5.0.1"" />
  </ItemGroup>
</Project>
");
                trainer.WriteFile("Program.cs", TrainerProgram);
                var output = Path.Combine(directory, "out");
                var build = trainer.Build("-c", "Release", "-o", output);
                Assert.True(build.Succeeded, build.ToString());
                _trainerDll = Path.Combine(output, "Trainer.dll");
                return _trainerDll;
            }
        }
    }

    internal static class PathExtensions
    {
        /// <summary>Creates the folder of a file path and returns the path.</summary>
        public static string EnsureFolder(this string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return path;
        }
    }
}
