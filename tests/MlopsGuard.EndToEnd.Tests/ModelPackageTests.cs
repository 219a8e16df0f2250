using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>
    /// Model packages in real builds (issue 7): dotnet pack of a project with an ML.NET and an ONNX model, in a git
    /// repository, releases both with the provenance the SDK's SourceLink found (the URL only when the project publishes
    /// it) and the date of SOURCE_DATE_EPOCH; an application restores one from the feed and gets the model in its output;
    /// a second pack of the same inputs is byte-identical; a failed gate stops the pack.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public class ModelPackageTests
    {
        private const string CommitDate = "2026-03-04T05:06:08+01:00";

        private readonly PackageFeed _feed;

        public ModelPackageTests(PackageFeed feed) => _feed = feed;

        private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();

        private TestProject Pipeline(string name, string accuracyMin, string properties = "")
        {
            var models = HeartModels.Get;
            var project = TestProject.Create(_feed, name, $@"<PropertyGroup>
    <Version>1.3.0</Version>
    <MlopsReportOnBuild>false</MlopsReportOnBuild>
    {properties}
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""Microsoft.ML.OnnxRuntime.Managed"" Version=""1.31.1"" />
    <MlData Include=""data/train.csv"" />
    <MlModel Include=""models/heart.zip"" Name=""heart"" MetricsFile=""models/metrics.json"" ParamsFile=""train.params.json""
             IntendedUse=""Teaching MLOps with MlopsGuard."" />
    <MlModel Include=""models/heart.onnx"" Name=""heart-onnx"" MetricsFile=""models/metrics.json"" ParamsFile=""train.params.json"" />
    <MlMetricGate Include=""test.Accuracy"" Model=""heart"" Min=""{accuracyMin}"" />
  </ItemGroup>");
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");
            project.WriteFile("train.params.json", "{ \"seed\": 11, \"trainer\": { \"name\": \"SdcaLogisticRegression\" } }\n");
            Directory.CreateDirectory(Path.Combine(project.Directory, "data"));
            File.Copy(Path.Combine(TestEnvironment.SharedData, "HeartTraining.csv"), Path.Combine(project.Directory, "data", "train.csv"));
            models.CopyTo(project.Directory, "heart.zip", "heart.onnx", "metrics.json");
            return project;
        }

        private static Dictionary<string, string?> GitEnvironment(string workspace) => new()
        {
            ["GIT_AUTHOR_DATE"] = CommitDate,
            ["GIT_COMMITTER_DATE"] = CommitDate,
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["HOME"] = workspace,
        };

        /// <summary>
        /// Makes the workspace a git repository with one commit of a known date and a remote whose URL holds a token
        /// (SourceLink, in the SDK, reads the commit, the branch and that URL from .git).
        /// </summary>
        private static string Commit(TestProject project)
        {
            var workspace = Path.GetDirectoryName(project.Directory)!;
            var environment = GitEnvironment(workspace);
            foreach (var args in new[]
            {
                new[] { "init", "-q", "-b", "main" },
                new[] { "add", "-A" },
                new[] { "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "model" },
                new[] { "remote", "add", "origin", "https://token:x-oauth@example.com/contoso/heart.git" },
            })
            {
                var result = ProcessRunner.Run("git", args, workspace, environment, TimeSpan.FromMinutes(1));
                Assert.True(result.ExitCode == 0, result.ToString());
            }

            return ProcessRunner.Run("git", new[] { "rev-parse", "HEAD" }, workspace, environment, TimeSpan.FromMinutes(1)).Output.Trim();
        }

        /// <summary>The commit's time as the documented recipe gets it: <c>SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)</c>.</summary>
        private static string CommitTime(TestProject project)
        {
            var workspace = Path.GetDirectoryName(project.Directory)!;
            var result = ProcessRunner.Run("git", new[] { "log", "-1", "--format=%ct" }, workspace, GitEnvironment(workspace), TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 0, result.ToString());
            return result.Output.Trim();
        }

        private static string Nuspec(string package)
        {
            using var zip = ZipFile.OpenRead(package);
            var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
            using var reader = new StreamReader(entry.Open());
            return reader.ReadToEnd();
        }

        [Fact]
        public void Pack_releases_each_model_and_an_application_gets_it_from_the_feed()
        {
            var project = Pipeline("heart-pipeline", "0.5", "<PublishRepositoryUrl>true</PublishRepositoryUrl>");
            var locked = project.Build("-t:MlopsLock");
            Assert.True(locked.Succeeded, locked.ToString());
            File.WriteAllText(Path.Combine(project.Directory, ".gitignore"), "bin/\nobj/\nfeed*/\n");
            var commit = Commit(project);
            project.Variables["SOURCE_DATE_EPOCH"] = CommitTime(project);

            var feed = Path.Combine(project.Directory, "feed");
            var pack = project.Pack("-o", feed);
            Assert.True(pack.Succeeded, pack.ToString());
            Assert.Empty(pack.MlopsGuard);
            Assert.Equal(
                new[] { "heart-pipeline.1.3.0.nupkg", "heart-pipeline.Model.heart-onnx.1.3.0.nupkg", "heart-pipeline.Model.heart.1.3.0.nupkg" },
                Directory.GetFiles(feed).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));

            // The manifests hold the right hashes, versions and values.
            var release = Path.Combine(project.Directory, "bin", "Release", "net10.0", "mlops");
            using (var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(release, "heart", "1.3.0", "mlops.manifest.json"))))
            {
                var root = manifest.RootElement;
                Assert.Equal("1.3.0", root.GetProperty("version").GetString());
                var model = root.GetProperty("model");
                Assert.Equal(Sha256(Path.Combine(project.Directory, "models", "heart.zip")), model.GetProperty("sha256").GetString());
                Assert.Equal("mlnet", model.GetProperty("format").GetString());
                Assert.Equal("Microsoft.ML", model.GetProperty("framework").GetProperty("name").GetString());
                Assert.Equal("5.0.1", model.GetProperty("framework").GetProperty("version").GetString());
                Assert.Contains(model.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("name").GetString() == "Features");
                var data = Assert.Single(root.GetProperty("trainingData").EnumerateArray());
                Assert.Equal(Sha256(Path.Combine(project.Directory, "data", "train.csv")), data.GetProperty("sha256").GetString());
                Assert.Equal(11, root.GetProperty("parameters").GetProperty("seed").GetInt32());
                Assert.Equal(HeartModels.Get.Accuracy, root.GetProperty("metrics").GetProperty("test.Accuracy").GetDouble(), 6);
                Assert.True(Assert.Single(root.GetProperty("gates").EnumerateArray()).GetProperty("passed").GetBoolean());
                Assert.Equal("5.0.1", root.GetProperty("runtime").GetProperty("packages").GetProperty("Microsoft.ML").GetString());
                Assert.Equal("1.31.1", root.GetProperty("runtime").GetProperty("packages").GetProperty("Microsoft.ML.OnnxRuntime.Managed").GetString());
                var provenance = root.GetProperty("provenance");
                Assert.Equal(commit, provenance.GetProperty("commit").GetString());
                Assert.Equal("main", provenance.GetProperty("branch").GetString());
                Assert.Equal("2026-03-04T04:06:08Z", provenance.GetProperty("sourceDate").GetString());
                Assert.Equal("SOURCE_DATE_EPOCH", provenance.GetProperty("sourceDateFrom").GetString());
                Assert.Equal("https://example.com/contoso/heart.git", provenance.GetProperty("repository").GetString());
                Assert.Equal("heart-pipeline/heart-pipeline.csproj", provenance.GetProperty("project").GetString());
            }

            Assert.Contains($"<repository type=\"git\" url=\"https://example.com/contoso/heart.git\" commit=\"{commit}\" />",
                Nuspec(Path.Combine(feed, "heart-pipeline.Model.heart.1.3.0.nupkg")), StringComparison.Ordinal);
            foreach (var file in Directory.GetFiles(Path.Combine(release, "heart", "1.3.0")))
            {
                Assert.DoesNotContain("x-oauth", File.ReadAllText(file), StringComparison.Ordinal);
            }

            using (var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(release, "heart-onnx", "1.3.0", "mlops.manifest.json"))))
            {
                var model = manifest.RootElement.GetProperty("model");
                Assert.Equal(Sha256(Path.Combine(project.Directory, "models", "heart.onnx")), model.GetProperty("sha256").GetString());
                Assert.Equal("onnx", model.GetProperty("format").GetString());
                Assert.Equal("Microsoft.ML.OnnxRuntime.Managed", model.GetProperty("framework").GetProperty("name").GetString());
                Assert.Contains(model.GetProperty("outputs").EnumerateArray(), o => o.GetProperty("name").GetString() == "Probability.output");
            }

            Assert.Contains("Teaching MLOps with MlopsGuard.", File.ReadAllText(Path.Combine(release, "heart", "1.3.0", "MODEL_CARD.md")), StringComparison.Ordinal);

            // Two packs of the same inputs are byte-identical, from a clean output.
            Directory.Delete(Path.Combine(project.Directory, "bin"), recursive: true);
            var again = project.Pack("-o", Path.Combine(project.Directory, "feed2"));
            Assert.True(again.Succeeded, again.ToString());
            foreach (var package in new[] { "heart-pipeline.Model.heart.1.3.0.nupkg", "heart-pipeline.Model.heart-onnx.1.3.0.nupkg" })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(feed, package)), File.ReadAllBytes(Path.Combine(project.Directory, "feed2", package)));
            }

            // An application takes the model version with a PackageReference; its build copies the model into its output.
            var app = TestProject.Create(_feed, "heart-app", @"<ItemGroup>
    <PackageReference Include=""heart-pipeline.Model.heart"" Version=""1.3.0"" />
  </ItemGroup>", withMlNet: false, packageReference: false);
            app.WriteFile("Program.cs", "System.Console.WriteLine(System.IO.File.Exists(System.IO.Path.Combine(System.AppContext.BaseDirectory, \"models\", \"heart\", \"heart.zip\")));\n");
            app.WriteFile("NuGet.config", _feed.NuGetConfig.Replace("<clear />", $"<clear />\n    <add key=\"models\" value=\"{feed}\" />", StringComparison.Ordinal));
            var built = app.Build();
            Assert.True(built.Succeeded, built.ToString());
            var copied = Path.Combine(app.Directory, "bin", "Debug", "net10.0", "models", "heart", "heart.zip");
            Assert.Equal(Sha256(Path.Combine(project.Directory, "models", "heart.zip")), Sha256(copied));
            Assert.True(File.Exists(Path.Combine(app.Directory, "bin", "Debug", "net10.0", "models", "heart", "mlops.manifest.json")));
            var run = app.Run();
            Assert.Contains("True", run.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void Without_PublishRepositoryUrl_a_release_records_the_commit_but_no_url_and_needs_no_build_for_it()
        {
            var project = Pipeline("heart-private", "0.5");
            var locked = project.Build("-t:MlopsLock");
            Assert.True(locked.Succeeded, locked.ToString());
            File.WriteAllText(Path.Combine(project.Directory, ".gitignore"), "bin/\nobj/\nfeed*/\n");
            var commit = Commit(project);

            // No SOURCE_DATE_EPOCH, no MlopsReleaseDate: the fixed date, and still no clock.
            var feed = Path.Combine(project.Directory, "feed");
            var pack = project.Pack("-o", feed);
            Assert.True(pack.Succeeded, pack.ToString());
            var folder = Path.Combine(project.Directory, "bin", "Release", "net10.0", "mlops", "heart", "1.3.0");
            using (var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "mlops.manifest.json"))))
            {
                var provenance = manifest.RootElement.GetProperty("provenance");
                Assert.Equal(commit, provenance.GetProperty("commit").GetString());
                Assert.Equal(JsonValueKind.Null, provenance.GetProperty("repository").ValueKind);
                Assert.Equal(JsonValueKind.Null, provenance.GetProperty("branch").ValueKind);
                Assert.Equal("2000-01-01T00:00:00Z", provenance.GetProperty("sourceDate").GetString());
                Assert.Equal("none", provenance.GetProperty("sourceDateFrom").GetString());
            }

            // Neither the model packages nor NuGet's package of the project name the private URL.
            foreach (var package in Directory.GetFiles(feed, "*.nupkg"))
            {
                Assert.DoesNotContain("example.com", Nuspec(package), StringComparison.Ordinal);
            }

            foreach (var file in Directory.GetFiles(folder))
            {
                Assert.DoesNotContain("example.com", File.ReadAllText(file), StringComparison.Ordinal);
            }

            // On demand without a build (NoBuild): SourceLink still runs, through InitializeSourceControlInformation;
            // published now, the release gets the URL; MlopsReleaseDate dates it.
            var again = project.Build("-t:MlopsPackModel", "-c", "Release", "-p:NoBuild=true", "-p:PublishRepositoryUrl=true", "-p:MlopsReleaseDate=2026-05-06");
            Assert.True(again.Succeeded, again.ToString());
            using (var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "mlops.manifest.json"))))
            {
                var provenance = manifest.RootElement.GetProperty("provenance");
                Assert.Equal(commit, provenance.GetProperty("commit").GetString());
                Assert.Equal("https://example.com/contoso/heart.git", provenance.GetProperty("repository").GetString());
                Assert.Equal("2026-05-06T00:00:00Z", provenance.GetProperty("sourceDate").GetString());
                Assert.Equal("MlopsReleaseDate", provenance.GetProperty("sourceDateFrom").GetString());
            }
        }

        [Fact]
        public void A_failed_gate_stops_the_pack_before_any_package_is_written()
        {
            var project = Pipeline("heart-failing", "1.01");
            var locked = project.Build("-t:MlopsLock");
            Assert.True(locked.Succeeded, locked.ToString());

            var feed = Path.Combine(project.Directory, "feed");
            var pack = project.Pack("-o", feed);
            Assert.False(pack.Succeeded, pack.ToString());
            Assert.Contains(pack.MlopsGuard, d => d.Id == "MLG4004" && d.Severity == "error" && d.Message.Contains("is not packed", StringComparison.Ordinal));
            Assert.False(Directory.Exists(feed) && Directory.EnumerateFiles(feed).Any(), string.Join(", ", Directory.Exists(feed) ? Directory.GetFiles(feed) : Array.Empty<string>()));
            Assert.False(Directory.Exists(Path.Combine(project.Directory, "bin", "Release", "net10.0", "mlops", "heart")));
            Assert.False(Directory.Exists(Path.Combine(project.Directory, "bin", "Release", "net10.0", "mlops", "heart-onnx")));
        }
    }
}
