using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>
    /// The maturity assessment on real repositories laid out here (a workspace holding <c>.git</c>), built by the
    /// real dotnet CLI: no CI, CI with tests, full Level 2, and the gate.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public class MaturityTests
    {
        /// <summary>Level 0 code: an unseeded context (MLG3001 on line 7), so the compiler log has a finding to carry.</summary>
        private const string UnseededProgram = @"using Microsoft.ML;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext();
        System.Console.WriteLine(ml.BinaryClassification.Trainers.SdcaLogisticRegression() is null);
    }
}
";

        private const string TestsCsproj = @"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""Microsoft.NET.Test.Sdk"" Version=""18.0.1"" />
    <PackageReference Include=""xunit"" Version=""2.9.3"" />
    <ProjectReference Include=""..\..\{0}\{0}.csproj"" />
  </ItemGroup>
</Project>
";

        private const string ModelQualityTest = @"using Xunit;

public class ModelQualityTests
{
    [Fact]
    public void Accuracy_meets_the_release_gate()
    {
        var accuracy = SentimentTraining.HoldOutAccuracy(""."");
        Assert.True(accuracy >= 0.8, $""hold-out accuracy {accuracy}"");
    }
}
";

        private const string CiWorkflow = @"name: ci
on: [push, pull_request]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-dotnet@v4
      # the whole repository, in CI mode
      - run: dotnet build -c Release -p:ContinuousIntegrationBuild=true
      - run: dotnet test -c Release --no-build
";

        private const string ReleaseWorkflow = @"name: release
on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-dotnet@v4
      - run: dotnet restore --locked-mode
      - run: dotnet build -c Release --no-restore -p:ContinuousIntegrationBuild=true
      - run: dotnet test -c Release --no-build
      - run: dotnet pack -c Release --no-build -o out
      - run: dotnet nuget push out/*.nupkg --source ${{ vars.FEED }} --api-key ${{ secrets.FEED_KEY }}
";

        /// <summary>Training written as Level 2 code: seeded, split before fitting, one stage per method, schema saved, options not inlined.</summary>
        private const string TrainingProgram = @"using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main(string[] args) => SentimentTraining.Run(args.Length > 0 ? args[0] : ""."");
}

public sealed class Review
{
    [LoadColumn(0)] public float Length { get; set; }
    [LoadColumn(1)] public float Polarity { get; set; }
    [LoadColumn(2)] public bool Label { get; set; }
}

public static class SentimentTraining
{
    private const int Seed = 7;

    public static void Run(string root)
    {
        var ml = new MLContext(seed: Seed);
        var split = Split(ml, Load(ml, root));
        var model = Train(ml, split.TrainSet);
        var metrics = Evaluate(ml, model, split.TestSet);
        Save(ml, model, split.TrainSet.Schema, root);
        WriteMetrics(metrics, root);
    }

    public static double HoldOutAccuracy(string root)
    {
        var ml = new MLContext(seed: Seed);
        var split = Split(ml, Load(ml, root));
        return Evaluate(ml, Train(ml, split.TrainSet), split.TestSet).Accuracy;
    }

    private static IDataView Load(MLContext ml, string root) =>
        ml.Data.LoadFromTextFile<Review>(Path.Combine(root, ""data"", ""train.csv""), separatorChar: ',', hasHeader: true);

    private static DataOperationsCatalog.TrainTestData Split(MLContext ml, IDataView data) =>
        ml.Data.TrainTestSplit(data, testFraction: 0.25, seed: Seed);

    private static ITransformer Train(MLContext ml, IDataView train) =>
        ml.Transforms.Concatenate(""Features"", nameof(Review.Length), nameof(Review.Polarity))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression())
            .Fit(train);

    private static CalibratedBinaryClassificationMetrics Evaluate(MLContext ml, ITransformer model, IDataView test) =>
        ml.BinaryClassification.Evaluate(model.Transform(test));

    private static void Save(MLContext ml, ITransformer model, DataViewSchema schema, string root)
    {
        Directory.CreateDirectory(Path.Combine(root, ""models""));
        ml.Model.Save(model, schema, Path.Combine(root, ""models"", ""sentiment.zip""));
    }

    private static void WriteMetrics(CalibratedBinaryClassificationMetrics metrics, string root) =>
        File.WriteAllText(
            Path.Combine(root, ""models"", ""metrics.json""),
            string.Format(CultureInfo.InvariantCulture, ""{{ \""Accuracy\"": {0:0.####}, \""AreaUnderRocCurve\"": {1:0.####} }}\n"", metrics.Accuracy, metrics.AreaUnderRocCurve));
}
";

        private readonly PackageFeed _feed;

        public MaturityTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void Repository_without_ci_is_at_ci_level_zero_and_the_report_carries_the_compiler_findings()
        {
            var project = Repository("noci", UnseededProgram);
            var result = project.Build("-t:MlopsReport");
            Assert.True(result.Succeeded, result.ToString());
            Assert.Contains("MlopsGuard: maturity Level 0 of declared 1 — ", result.Output, StringComparison.Ordinal);

            var json = Report(project);
            Assert.Equal("mlopsguard/maturity/2", json.GetProperty("schema").GetString());
            Assert.Equal(0, Parameter(json, 5).GetProperty("level").GetInt32());
            Assert.Contains(Strings(Parameter(json, 5), "missing"), m => m.Contains("MLG5001", StringComparison.Ordinal));

            // The analyzers' finding of this very build reached the report through the compiler's SARIF log.
            Assert.Equal(0, Parameter(json, 3).GetProperty("level").GetInt32());
            Assert.Contains(Strings(Parameter(json, 3), "missing"), m => m.Contains("MLG3001", StringComparison.Ordinal));

            // Level 1: a missing test project is a warning; MLG5001 (Level 2) is only a suggestion.
            Assert.Contains(result.MlopsGuard, d => d is { Id: "MLG7001", Severity: "warning" });
            Assert.DoesNotContain(result.MlopsGuard, d => d.Id == "MLG5001");
            Assert.Contains(result.MlopsGuard, d => d is { Id: "MLG5004", Severity: "warning" });

            var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(ReportDirectory(project), "maturity.sarif"))).RootElement;
            Assert.Equal("MlopsGuard", sarif.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
            Assert.Contains(sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "MLG5001");
            Assert.Contains("| 5 | CI | 0 |", File.ReadAllText(Path.Combine(ReportDirectory(project), "maturity.md")), StringComparison.Ordinal);
        }

        [Fact]
        public void Workflow_that_builds_and_tests_in_ci_mode_and_a_test_project_are_credited()
        {
            var project = Repository("ci", TrainingProgram);
            WriteInRepository(project, ".github/workflows/ci.yml", CiWorkflow);
            WriteInRepository(project, "tests/Ci.Tests/Ci.Tests.csproj", string.Format(CultureInfo.InvariantCulture, TestsCsproj, project.Name));

            var result = project.Build("-t:MlopsReport");
            Assert.True(result.Succeeded, result.ToString());
            var json = Report(project);

            var ci = Parameter(json, 5);
            Assert.Equal(1, ci.GetProperty("level").GetInt32());
            Assert.Contains(".github/workflows/ci.yml (GitHub Actions) builds, tests (dotnet test), in CI mode", Strings(ci, "evidence"));
            Assert.DoesNotContain(Strings(ci, "missing"), m => m.Contains("MLG5002", StringComparison.Ordinal));

            var testing = Parameter(json, 7);
            Assert.Equal(1, testing.GetProperty("level").GetInt32());
            Assert.Contains("tested by tests/Ci.Tests/Ci.Tests.csproj", Strings(testing, "evidence"));
            Assert.DoesNotContain(result.MlopsGuard, d => d.Id is "MLG7001" or "MLG5001" or "MLG5002");
        }

        [Fact]
        public void Repository_with_every_parameter_at_level_two_passes_the_level_two_gate_in_ci()
        {
            var project = Repository("level2", TrainingProgram, @"
  <PropertyGroup>
    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
  </PropertyGroup>
  <ItemGroup>
    <MlData Include=""data/train.csv"" />
    <MlModel Include=""models/sentiment.zip"" Name=""sentiment"" MetricsFile=""models/metrics.json"" />
    <MlMetricGate Include=""Accuracy"" Model=""sentiment"" Min=""0.8"" />
  </ItemGroup>");
            WriteInRepository(project, ".github/CODEOWNERS", $"*                @ml-platform\n/{project.Name}/data/    @data-owners\n/{project.Name}/models/  @ml-owners @release-managers\n");
            WriteInRepository(project, ".github/workflows/release.yml", ReleaseWorkflow);
            WriteInRepository(project, "tests/Level2.Tests/Level2.Tests.csproj", string.Format(CultureInfo.InvariantCulture, TestsCsproj, project.Name));
            WriteInRepository(project, "tests/Level2.Tests/ModelQualityTests.cs", ModelQualityTest);
            project.WriteFile("data/train.csv", TrainingData());

            // Train for real: the model and its metrics come from the project's own code.
            var build = project.Build();
            Assert.True(build.Succeeded, build.ToString());
            var train = project.Run(project.Directory);
            Assert.True(train.Succeeded, train.ToString());
            Assert.True(File.Exists(Path.Combine(project.Directory, "models", "sentiment.zip")), train.ToString());

            // The evidence other MlopsGuard steps record (lock file, packed manifest), as they record it.
            WriteLock(project, ("data/train.csv", "data"), ("models/sentiment.zip", "model"));
            WriteManifest(project);

            var ci = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsLevel=2");
            Assert.True(ci.Succeeded, ci.ToString());
            // A console trainer serves nothing: monitoring has no inference site to assess; CD has the model package.
            Assert.Contains("MlopsGuard: maturity Level 2 of declared 2 — Governance 2, Data 2, Development 2, Model release 2, CI 2, CD 2, Testing 2, Monitoring not applicable", ci.Output, StringComparison.Ordinal);
            Assert.Empty(ci.MlopsGuard);

            var json = Report(project);
            Assert.Equal(2, json.GetProperty("level").GetInt32());
            Assert.Equal(2, json.GetProperty("declaredLevel").GetInt32());
            Assert.All(json.GetProperty("parameters").EnumerateArray().Take(7), p => Assert.True(p.GetProperty("level").GetInt32() == 2, p.ToString()));
            Assert.False(Parameter(json, 8).GetProperty("applicable").GetBoolean());
            Assert.Equal(JsonValueKind.Null, Parameter(json, 8).GetProperty("level").ValueKind);
            Assert.Contains("all 2 declared data and model paths have owners in .github/CODEOWNERS", Strings(Parameter(json, 1), "evidence"));
            Assert.Contains(".github/workflows/release.yml pushes the package (NuGet push)", Strings(Parameter(json, 6), "evidence"));
            Assert.Contains("model-quality tests (assertions on a metric) in tests/Level2.Tests/Level2.Tests.csproj", Strings(Parameter(json, 7), "evidence"));
        }

        [Fact]
        public void Gate_fails_a_ci_build_that_declares_level_two_without_being_there()
        {
            var project = Repository("gate", TrainingProgram);
            WriteInRepository(project, ".github/workflows/ci.yml", CiWorkflow);
            WriteInRepository(project, "tests/Gate.Tests/Gate.Tests.csproj", string.Format(CultureInfo.InvariantCulture, TestsCsproj, project.Name));

            var result = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsLevel=2");
            Assert.False(result.Succeeded, result.ToString());
            var gate = Assert.Single(result.MlopsGuard, d => d.Id == "MLG5004");
            Assert.Equal("error", gate.Severity);
            Assert.Contains("below the declared MlopsLevel 2", gate.Message, StringComparison.Ordinal);
            Assert.Contains("CI at 1", gate.Message, StringComparison.Ordinal);
            Assert.Contains("People and governance at 0", gate.Message, StringComparison.Ordinal);
            Assert.Contains(result.MlopsGuard, d => d is { Id: "MLG5003", Severity: "error" });

            // The same repository declared at Level 1 passes (the report still runs and says where it stands).
            var levelOne = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsLevel=1");
            Assert.Contains("MlopsGuard: maturity Level 0 of declared 1", levelOne.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void Level2_sample_solution_is_assessed_as_one_repository_at_level_two()
        {
            var sample = Samples.Copy(_feed, "level2-sentiment", "Sentiment.sln");
            var solution = Path.Combine(sample.Directory, "Sentiment.sln");

            // The issue's command: every project of the solution runs MlopsReport, in CI mode. One of them reports.
            var result = sample.DotnetOn(solution, "build", "-t:MlopsReport", "-p:ContinuousIntegrationBuild=true");
            Assert.True(result.Succeeded, result.ToString());
            var summaries = result.Output.Split('\n').Where(l => l.Contains("MlopsGuard: maturity Level", StringComparison.Ordinal)).ToList();
            var summary = Assert.Single(summaries);
            Assert.Contains("MlopsGuard: maturity Level 2 of declared 2 — Governance 2, Data 2, Development 2, Model release 2, CI 2, CD 2, Testing 2, Monitoring 2 (5 projects of Sentiment.sln; report: ", summary, StringComparison.Ordinal);
            Assert.Empty(result.MlopsGuard);

            // Written once, beside the solution; no project writes a report of its own.
            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Directory, "artifacts", "mlops", "maturity.json"))).RootElement;
            Assert.Equal(2, json.GetProperty("level").GetInt32());
            Assert.All(json.GetProperty("parameters").EnumerateArray(), p =>
            {
                Assert.True(p.GetProperty("applicable").GetBoolean(), p.ToString());
                Assert.Equal(2, p.GetProperty("level").GetInt32());
            });
            Assert.Equal("Sentiment.sln", json.GetProperty("assessed").GetString());
            var projects = json.GetProperty("projects").EnumerateArray().ToDictionary(p => p.GetProperty("path").GetString()!, p => Strings(p, "evidence"));
            Assert.Equal(
                new[] { "pipeline/Sentiment.Pipeline.csproj", "src/Sentiment.Api/Sentiment.Api.csproj", "src/Sentiment.Model/Sentiment.Model.csproj", "src/Sentiment.Training/Sentiment.Training.csproj", "tests/Sentiment.Tests/Sentiment.Tests.csproj" },
                projects.Keys);
            Assert.Contains("serves models (ASP.NET Core, Microsoft.NET.Sdk.Web)", projects["src/Sentiment.Api/Sentiment.Api.csproj"]);
            Assert.Contains("src/Sentiment.Api/Sentiment.Api.csproj serves models and references telemetry (Microsoft.Extensions.Logging, Microsoft.Extensions.Diagnostics)", Strings(Parameter(json, 8), "evidence"));
            Assert.Contains("2 MlData item(s) declared in pipeline/Sentiment.Pipeline.csproj", Strings(Parameter(json, 2), "evidence"));
            Assert.DoesNotContain(Directory.GetFiles(sample.Directory, "maturity.json", SearchOption.AllDirectories), f => !f.StartsWith(Path.Combine(sample.Directory, "artifacts"), StringComparison.Ordinal));
            Assert.Contains("| 8 | Monitoring | 2 |", File.ReadAllText(Path.Combine(sample.Directory, "artifacts", "mlops", "maturity.md")), StringComparison.Ordinal);

            // A CI build of the API alone sees the API and the model project, which declare no data: it says what it saw,
            // and does not call the repository Level 0 (no gate: the pipeline and training projects were not assessed).
            var api = sample.DotnetOn(Path.Combine(sample.Directory, "src", "Sentiment.Api", "Sentiment.Api.csproj"), "build", "-p:ContinuousIntegrationBuild=true");
            Assert.True(api.Succeeded, api.ToString());
            Assert.DoesNotContain(api.MlopsGuard, d => d.Id == "MLG5004");
            var partial = Assert.Single(api.Output.Split('\n'), l => l.Contains("MlopsGuard: maturity Level", StringComparison.Ordinal));
            Assert.Contains("(2 projects of src/Sentiment.Api/Sentiment.Api.csproj; not assessed: 2 other ML project(s) of the repository, so no level gate; report: ", partial, StringComparison.Ordinal);
        }

        [Fact]
        public void Report_is_off_when_MlopsGuard_is_disabled()
        {
            var project = Repository("off", UnseededProgram);
            var result = project.Build("-t:MlopsReport", "-p:MlopsGuardEnabled=false");
            Assert.True(result.Succeeded, result.ToString());
            Assert.DoesNotContain("MlopsGuard: maturity", result.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(ReportDirectory(project), "maturity.json")));
        }

        /// <summary>A project in a workspace that is a git repository (a <c>.git</c> folder at the workspace root).</summary>
        private TestProject Repository(string name, string program, string? extraProjectContent = null)
        {
            var project = TestProject.Create(_feed, char.ToUpperInvariant(name[0]) + name.Substring(1), extraProjectContent);
            project.WriteFile("Program.cs", program);
            Directory.CreateDirectory(Path.Combine(RepositoryRoot(project), ".git"));
            return project;
        }

        private static string RepositoryRoot(TestProject project) => Path.GetDirectoryName(project.Directory)!;

        private static void WriteInRepository(TestProject project, string relative, string content)
        {
            var path = Path.Combine(RepositoryRoot(project), relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content.Replace("\r\n", "\n"));
        }

        private static string ReportDirectory(TestProject project) => Path.Combine(project.Directory, "bin", "Debug", "net10.0", "mlops");

        private static JsonElement Report(TestProject project) =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(ReportDirectory(project), "maturity.json"))).RootElement;

        private static JsonElement Parameter(JsonElement report, int id) => report.GetProperty("parameters")[id - 1];

        private static string[] Strings(JsonElement parameter, string property) =>
            parameter.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

        /// <summary>A separable two-feature data set, the same on every run.</summary>
        private static string TrainingData()
        {
            var text = new StringBuilder("Length,Polarity,Label\n");
            for (var i = 0; i < 240; i++)
            {
                var length = (i * 37 % 100) / 100.0;
                var polarity = (i * 53 % 100) / 100.0;
                text.Append(length.ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                    .Append(polarity.ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                    .Append(length + polarity > 1.0 ? "true" : "false").Append('\n');
            }

            return text.ToString();
        }

        /// <summary>mlops.lock.json as CONTRACT §6 defines it, with the files' real hashes.</summary>
        private static void WriteLock(TestProject project, params (string Path, string Kind)[] artifacts)
        {
            var entries = artifacts.OrderBy(a => a.Path, StringComparer.Ordinal).Select(a =>
            {
                var (hash, size) = Hash(Path.Combine(project.Directory, a.Path));
                return $"    {{ \"path\": \"{a.Path}\", \"kind\": \"{a.Kind}\", \"sha256\": \"{hash}\", \"size\": {size} }}";
            });
            project.WriteFile("mlops.lock.json", "{\n  \"version\": 1,\n  \"artifacts\": [\n" + string.Join(",\n", entries) + "\n  ],\n  \"stages\": []\n}\n");
        }

        /// <summary>mlops.manifest.json as CONTRACT §7 defines it, where MlopsPackModel writes it.</summary>
        private static void WriteManifest(TestProject project)
        {
            var (modelHash, modelSize) = Hash(Path.Combine(project.Directory, "models", "sentiment.zip"));
            var (dataHash, dataSize) = Hash(Path.Combine(project.Directory, "data", "train.csv"));
            var metrics = File.ReadAllText(Path.Combine(project.Directory, "models", "metrics.json")).Trim();
            var manifest = $@"{{
  ""schema"": ""mlopsguard/manifest/1"",
  ""name"": ""sentiment"", ""version"": ""1.0.0"",
  ""model"": {{ ""path"": ""sentiment.zip"", ""format"": ""mlnet"", ""sha256"": ""{modelHash}"", ""size"": {modelSize} }},
  ""trainingData"": [ {{ ""path"": ""data/train.csv"", ""sha256"": ""{dataHash}"", ""size"": {dataSize} }} ],
  ""parameters"": {{ ""trainer"": ""SdcaLogisticRegression"", ""seed"": 7, ""testFraction"": 0.25 }},
  ""metrics"": {metrics},
  ""gates"": [ {{ ""metric"": ""Accuracy"", ""min"": 0.8, ""passed"": true }} ],
  ""artifacts"": [ {{ ""path"": ""sentiment.zip"", ""sha256"": ""{modelHash}"", ""size"": {modelSize} }} ]
}}
";
            var path = Path.Combine(ReportDirectory(project), "sentiment", "1.0.0", "mlops.manifest.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, manifest);
        }

        private static (string Hash, long Size) Hash(string path)
        {
            var bytes = File.ReadAllBytes(path);
            return (Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), bytes.Length);
        }
    }
}
