using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Sdk.Tests.Validation;
using MlopsGuard.Tasks.Lock.Hashing;
using MlopsGuard.Tasks.Packaging;
using MlopsGuard.Tasks.Validation;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    /// <summary>
    /// PackModels on real models (the heart classifier as ML.NET zip and ONNX): a project folder with data, a lock,
    /// parameters and metrics, validated by the real ValidateModels task first, as the targets do.
    /// </summary>
    public sealed class PackModelsTests : IDisposable
    {
        private const string Epoch = "1767225600"; // 2026-01-01T00:00:00Z

        private readonly string project = Directory.CreateTempSubdirectory("mlopsguard-pack-").FullName;
        private RecordingBuildEngine engine = new();

        public PackModelsTests()
        {
            Directory.CreateDirectory(Path.Combine(project, "models"));
            Directory.CreateDirectory(Path.Combine(project, "data"));
            File.Copy(RealModels.Get.MlNetZip, Path.Combine(project, "models", "heart.zip"));
            File.Copy(RealModels.Get.Onnx, Path.Combine(project, "models", "heart.onnx"));
            File.Copy(RealModels.Get.MetricsJson, Path.Combine(project, "models", "metrics.json"));
            File.Copy(SharedData.File("HeartTraining.csv"), Path.Combine(project, "data", "train.csv"));
            File.WriteAllText(Path.Combine(project, "train.params.json"), "{ \"trainer\": { \"l2\": 0.01, \"iterations\": 100 }, \"seed\": 7 }");
            var hash = ArtifactHasher.Sha256(Path.Combine(project, "data", "train.csv"));
            var size = new FileInfo(Path.Combine(project, "data", "train.csv")).Length;
            File.WriteAllText(Path.Combine(project, "mlops.lock.json"),
                $"{{ \"version\": 1, \"artifacts\": [ {{ \"path\": \"data/train.csv\", \"kind\": \"data\", \"sha256\": \"{hash}\", \"size\": {size} }} ] }}");
        }

        public void Dispose() => Directory.Delete(project, recursive: true);

        private string Release(string name, string version = "1.2.0") => Path.Combine(project, "bin", "mlops", name, version);

        private static TaskItem Model(string path, string name, params (string Key, string Value)[] metadata)
        {
            var item = new TaskItem(path);
            item.SetMetadata("Name", name);
            foreach (var (key, value) in metadata)
            {
                item.SetMetadata(key, value);
            }

            return item;
        }

        private static TaskItem HeartZip(params (string Key, string Value)[] extra) =>
            Model("models/heart.zip", "heart", new[] { ("MetricsFile", "models/metrics.json"), ("ParamsFile", "train.params.json") }.Concat(extra).ToArray());

        private void Validate(ITaskItem[] models, params ITaskItem[] gates)
        {
            var validation = new ValidateModels
            {
                BuildEngine = new RecordingBuildEngine(),
                Models = models,
                MetricGates = gates,
                ProjectDirectory = project,
                SummaryFile = "obj/mlops.validation.json",
            };
            validation.Execute();
        }

        private PackModels Task(ITaskItem[] models, int level = 1, bool enforce = false, string? epoch = Epoch, Action<PackModels>? configure = null)
        {
            var task = NewTask(models, level, enforce, epoch);
            configure?.Invoke(task);
            return task;
        }

        private PackModels NewTask(ITaskItem[] models, int level, bool enforce, string? epoch) => new()
        {
            BuildEngine = engine,
            Models = models,
            Data = new ITaskItem[] { new TaskItem("data/train.csv") },
            ProjectDirectory = project,
            ProjectFile = Path.Combine(project, "Heart.Pipeline.csproj"),
            RepositoryRoot = project,
            ValidationSummaryFile = "obj/mlops.validation.json",
            LockFile = "mlops.lock.json",
            ArtifactsDirectory = "bin/mlops/",
            ProjectPackageId = "Heart.Pipeline",
            Version = "1.2.0",
            TargetFramework = "net10.0",
            Authors = "Heart Team",
            RepositoryUrl = "https://user:secret@example.com/heart/pipeline.git",
            RepositoryCommit = "0123456789ABCDEF0123456789abcdef01234567",
            SourceDateEpoch = epoch,
            MlopsLevel = level,
            MlopsEnforce = enforce,
        };

        private static ITaskItem Gate(string metric, string model, string min)
        {
            var gate = new TaskItem(metric);
            gate.SetMetadata("Model", model);
            gate.SetMetadata("Min", min);
            return gate;
        }

        [Fact]
        public void A_validated_model_is_released_with_manifest_card_and_package()
        {
            var models = new ITaskItem[] { HeartZip(("IntendedUse", "Screening research only.")) };
            Validate(models, Gate("test.Accuracy", "heart", "0.5"));
            var task = Task(models);

            Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
            Assert.Empty(engine.Warnings);

            var folder = Release("heart");
            Assert.Equal(
                new[] { "Heart.Pipeline.Model.heart.1.2.0.nupkg", "MODEL_CARD.md", "heart.zip", "mlops.manifest.json" },
                Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
            var output = Assert.Single(task.PackageFiles);
            Assert.Equal("Heart.Pipeline.Model.heart", output.GetMetadata("PackageId"));
            Assert.Equal(4, task.ReleaseFiles.Length);

            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "mlops.manifest.json")));
            var root = manifest.RootElement;
            Assert.Equal("mlopsguard/manifest/1", root.GetProperty("schema").GetString());
            Assert.Equal("1.2.0", root.GetProperty("version").GetString());
            var model = root.GetProperty("model");
            Assert.Equal("heart.zip", model.GetProperty("path").GetString());
            Assert.Equal("mlnet", model.GetProperty("format").GetString());
            Assert.Equal(ArtifactHasher.Sha256(RealModels.Get.MlNetZip), model.GetProperty("sha256").GetString());
            Assert.Equal(new FileInfo(RealModels.Get.MlNetZip).Length, model.GetProperty("size").GetInt64());
            Assert.Equal("Microsoft.ML", model.GetProperty("framework").GetProperty("name").GetString());
            Assert.Contains(model.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("name").GetString() == "Features");
            var data = Assert.Single(root.GetProperty("trainingData").EnumerateArray());
            Assert.Equal("data/train.csv", data.GetProperty("path").GetString());
            Assert.Equal(ArtifactHasher.Sha256(Path.Combine(project, "data", "train.csv")), data.GetProperty("sha256").GetString());
            Assert.Equal(100, root.GetProperty("parameters").GetProperty("trainer").GetProperty("iterations").GetInt32());
            Assert.Equal(RealModels.Get.Accuracy, root.GetProperty("metrics").GetProperty("test.Accuracy").GetDouble(), 6);
            var gate = Assert.Single(root.GetProperty("gates").EnumerateArray());
            Assert.True(gate.GetProperty("passed").GetBoolean());
            Assert.Equal("net10.0", root.GetProperty("runtime").GetProperty("targetFramework").GetString());
            var provenance = root.GetProperty("provenance");
            Assert.Equal("https://example.com/heart/pipeline.git", provenance.GetProperty("repository").GetString());
            Assert.Equal("0123456789abcdef0123456789abcdef01234567", provenance.GetProperty("commit").GetString());
            Assert.Equal("2026-01-01T00:00:00Z", provenance.GetProperty("sourceDate").GetString());
            Assert.Equal("Heart.Pipeline.csproj", provenance.GetProperty("project").GetString());
            Assert.StartsWith("MlopsGuard ", provenance.GetProperty("builtWith").GetString(), StringComparison.Ordinal);
            Assert.Equal(new[] { "MODEL_CARD.md", "heart.zip" }, root.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("path").GetString()));

            var card = File.ReadAllText(Path.Combine(folder, "MODEL_CARD.md"));
            Assert.Contains("# heart 1.2.0", card, StringComparison.Ordinal);
            Assert.Contains("Screening research only.", card, StringComparison.Ordinal);
            Assert.Contains("| `data/train.csv` |", card, StringComparison.Ordinal);
            Assert.Contains("| `trainer.iterations` | 100 |", card, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", card, StringComparison.Ordinal);
        }

        [Fact]
        public void The_package_is_a_nuget_package_with_the_model_and_build_files()
        {
            var models = new ITaskItem[] { Model("models/heart.onnx", "heart-onnx", ("MetricsFile", "models/metrics.json"), ("ParamsFile", "train.params.json")) };
            Validate(models);
            Assert.True(Task(models).Execute());

            var package = Path.Combine(Release("heart-onnx"), "Heart.Pipeline.Model.heart-onnx.1.2.0.nupkg");
            using var zip = ZipFile.OpenRead(package);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("Heart.Pipeline.Model.heart-onnx.nuspec", names);
            Assert.Contains("models/heart.onnx", names);
            Assert.Contains("buildTransitive/Heart.Pipeline.Model.heart-onnx.targets", names);
            Assert.Contains("build/Heart.Pipeline.Model.heart-onnx.targets", names);
            Assert.Contains("[Content_Types].xml", names);
            Assert.Contains("_rels/.rels", names);
            Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2026, 1, 1), e.LastWriteTime.DateTime));

            using (var model = zip.GetEntry("models/heart.onnx")!.Open())
            {
                Assert.Equal(ArtifactHasher.Sha256(RealModels.Get.Onnx), ArtifactHasher.Hash(model, System.Security.Cryptography.HashAlgorithmName.SHA256));
            }

            var nuspec = Read(zip, "Heart.Pipeline.Model.heart-onnx.nuspec");
            Assert.Contains("<version>1.2.0</version>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<readme>MODEL_CARD.md</readme>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<repository type=\"git\" url=\"https://example.com/heart/pipeline.git\" commit=\"0123456789abcdef0123456789abcdef01234567\" />", nuspec, StringComparison.Ordinal);
            var targets = Read(zip, "buildTransitive/Heart.Pipeline.Model.heart-onnx.targets");
            Assert.Contains("Link=\"$(MlopsModelsOutputDirectory)heart-onnx/heart.onnx\"", targets, StringComparison.Ordinal);
            Assert.Contains("CopyToOutputDirectory=\"PreserveNewest\"", targets, StringComparison.Ordinal);
        }

        [Fact]
        public void An_onnx_model_with_external_data_is_released_and_packed_with_its_data_file()
        {
            File.WriteAllBytes(Path.Combine(project, "models", "big.onnx"), OnnxTestWriter.ModelWithExternalWeights("big.onnx.data"));
            File.WriteAllBytes(Path.Combine(project, "models", "big.onnx.data"), OnnxTestWriter.ExternalWeights());
            var models = new ITaskItem[] { Model("models/big.onnx", "big", ("MetricsFile", "models/metrics.json"), ("ParamsFile", "train.params.json")) };
            Validate(models);
            Assert.True(Task(models).Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

            // Beside the model in the release folder and in the package, where ONNX Runtime looks for it.
            Assert.True(File.Exists(Path.Combine(Release("big"), "big.onnx.data")));
            using var zip = ZipFile.OpenRead(Path.Combine(Release("big"), "Heart.Pipeline.Model.big.1.2.0.nupkg"));
            using (var data = zip.GetEntry("models/big.onnx.data")!.Open())
            {
                Assert.Equal(TestHashes.Sha256Hex(OnnxTestWriter.ExternalWeights()), ArtifactHasher.Hash(data, System.Security.Cryptography.HashAlgorithmName.SHA256));
            }

            // The manifest's artifacts list it with its hash, and a consumer gets it in its output beside the model.
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Release("big"), "mlops.manifest.json")));
            Assert.Contains(manifest.RootElement.GetProperty("artifacts").EnumerateArray(), a => a.GetProperty("path").GetString() == "big.onnx.data");
            var targets = Read(zip, "buildTransitive/Heart.Pipeline.Model.big.targets");
            Assert.Contains("Link=\"$(MlopsModelsOutputDirectory)big/big.onnx.data\"", targets, StringComparison.Ordinal);
        }

        [Fact]
        public void A_package_larger_than_a_feed_takes_is_said_at_pack_time()
        {
            var models = new ITaskItem[] { HeartZip() };
            Validate(models);
            Assert.True(Task(models, configure: t => t.FeedLimitsOverride = new[] { ("tiny feed", 1000L), ("roomy feed", 1L << 40) }).Execute());
            var message = Assert.Single(engine.Messages, m => m.Message!.Contains("more than", StringComparison.Ordinal));
            Assert.Equal(MessageImportance.High, message.Importance);
            Assert.Contains("the package of model 'heart' is", message.Message, StringComparison.Ordinal);
            Assert.Contains("tiny feed (at most 1.0 KB)", message.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("roomy feed", message.Message, StringComparison.Ordinal);

            // The real limits: nuget.org's 250 MB and Azure Artifacts' 500 MiB.
            Assert.Null(FeedLimits.Describe("m", 250L * 1000 * 1000));
            Assert.Contains("nuget.org (at most 250.0 MB)", FeedLimits.Describe("m", 300L * 1000 * 1000), StringComparison.Ordinal);
            Assert.Contains("Azure Artifacts (at most 524.3 MB)", FeedLimits.Describe("m", 600L * 1000 * 1000), StringComparison.Ordinal);
        }

        [Fact]
        public void Two_packs_are_byte_identical_and_a_repeated_pack_leaves_the_files_alone()
        {
            var models = new ITaskItem[] { HeartZip() };
            Validate(models);
            Assert.True(Task(models).Execute());
            var folder = Release("heart");
            var first = Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
            var times = Directory.GetFiles(folder).Select(File.GetLastWriteTimeUtc).ToList();

            Assert.True(Task(models).Execute());
            Assert.Equal(times, Directory.GetFiles(folder).Select(File.GetLastWriteTimeUtc).ToList());

            Directory.Delete(Path.Combine(project, "bin"), recursive: true);
            Assert.True(Task(models).Execute());
            var second = Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
            Assert.Equal(first, second);
        }

        [Fact]
        public void A_model_that_failed_its_gate_is_not_packed_at_any_level_nor_are_the_others()
        {
            var models = new ITaskItem[] { HeartZip(), Model("models/heart.onnx", "heart-onnx", ("MetricsFile", "models/metrics.json"), ("ParamsFile", "train.params.json")) };
            Validate(models, Gate("test.Accuracy", "heart", "1.01"));

            Assert.False(Task(models, level: 0).Execute());
            var error = Assert.Single(engine.Errors);
            Assert.Equal("MLG4004", error.Code);
            Assert.Contains("is not packed", error.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(project, "bin")));
        }

        [Fact]
        public void A_model_that_failed_validation_or_was_never_validated_is_not_packed()
        {
            File.WriteAllText(Path.Combine(project, "models", "broken.onnx"), "not a model");
            var models = new ITaskItem[] { Model("models/broken.onnx", "broken") };
            Validate(models);
            Assert.False(Task(models).Execute());
            Assert.Equal("MLG4003", Assert.Single(engine.Errors).Code);

            engine = new RecordingBuildEngine();
            Assert.False(Task(new ITaskItem[] { HeartZip() }).Execute());
            Assert.Contains("validation has no result", Assert.Single(engine.Errors).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_declared_schema_the_model_contradicts_is_not_packed()
        {
            var models = new ITaskItem[] { HeartZip(("Inputs", "Features:Single[13];Age:Single")) };
            Validate(models);
            Assert.False(Task(models).Execute());
            Assert.Equal("MLG4006", Assert.Single(engine.Errors).Code);
        }

        [Fact]
        public void A_level_2_release_without_metrics_parameters_or_data_is_MLG4005()
        {
            File.WriteAllText(Path.Combine(project, "mlops.lock.json"), "{ \"version\": 1, \"artifacts\": [] }");
            var models = new ITaskItem[] { Model("models/heart.zip", "heart") };
            Validate(models);

            Assert.True(Task(models, level: 1).Execute());
            Assert.Empty(engine.Warnings);
            Assert.Contains(engine.Messages, m => m.Message!.Contains("MLG4005", StringComparison.Ordinal));

            engine = new RecordingBuildEngine();
            Assert.True(Task(models, level: 2).Execute());
            var warning = Assert.Single(engine.Warnings);
            Assert.Equal("MLG4005", warning.Code);
            Assert.Contains("without metrics, parameters and training data", warning.Message, StringComparison.Ordinal);

            // Enforced, the release is refused before anything is written.
            Directory.Delete(Path.Combine(project, "bin"), recursive: true);
            engine = new RecordingBuildEngine();
            Assert.False(Task(models, level: 2, enforce: true).Execute());
            Assert.Equal("MLG4005", Assert.Single(engine.Errors).Code);
            Assert.False(Directory.Exists(Release("heart")));
        }

        [Theory]
        [InlineData("{ \"seed\": ", "not valid JSON")]
        [InlineData("[1, 2]", "not an object")]
        public void An_unreadable_parameters_file_stops_the_release(string content, string expected)
        {
            File.WriteAllText(Path.Combine(project, "train.params.json"), content);
            var models = new ITaskItem[] { HeartZip() };
            Validate(models);
            Assert.False(Task(models).Execute());
            var error = Assert.Single(engine.Errors);
            Assert.Equal("MLG5005", error.Code);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_parameters_file_outside_the_repository_is_not_read()
        {
            var outside = Path.Combine(Path.GetDirectoryName(project)!, Path.GetFileName(project) + "-params.json");
            File.WriteAllText(outside, "{ \"secret\": 1 }");
            try
            {
                var models = new ITaskItem[] { Model("models/heart.zip", "heart", ("MetricsFile", "models/metrics.json"), ("ParamsFile", "../" + Path.GetFileName(outside))) };
                Validate(models);
                Assert.False(Task(models).Execute());
                var error = Assert.Single(engine.Errors);
                Assert.Equal("MLG5005", error.Code);
                Assert.Contains("outside the repository", error.Message, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(outside);
            }
        }

        [Theory]
        [InlineData("PackageId", "bad id!", "not a valid NuGet package id")]
        [InlineData("Version", "1.x", "not a valid package version")]
        public void An_invalid_package_identity_is_MLG5005(string metadata, string value, string expected)
        {
            var models = new ITaskItem[] { HeartZip((metadata, value)) };
            Validate(models);
            Assert.False(Task(models).Execute());
            Assert.Contains(expected, Assert.Single(engine.Errors).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_invalid_SOURCE_DATE_EPOCH_is_MLG5005_and_item_metadata_overrides_id_and_version()
        {
            var models = new ITaskItem[] { HeartZip(("PackageId", "Contoso.Heart"), ("Version", "2.0.0-rc.1+build.5")) };
            Validate(models);
            Assert.False(Task(models, epoch: "yesterday").Execute());
            Assert.Equal("MLG5005", Assert.Single(engine.Errors).Code);

            engine = new RecordingBuildEngine();
            Assert.True(Task(models).Execute());
            Assert.True(File.Exists(Path.Combine(Release("heart", "2.0.0-rc.1"), "Contoso.Heart.2.0.0-rc.1.nupkg")));
            Assert.Contains("\"version\": \"2.0.0-rc.1+build.5\"", File.ReadAllText(Path.Combine(Release("heart", "2.0.0-rc.1"), "mlops.manifest.json")), StringComparison.Ordinal);
        }

        /// <summary>The task as the targets call it in a git clone: SourceLink's properties, none set by the project.</summary>
        private static void FromSourceLink(PackModels task, string? publish)
        {
            task.RepositoryUrl = null;
            task.RepositoryCommit = null;
            task.PrivateRepositoryUrl = "https://ci:ghp_token@example.com/heart/pipeline.git";
            task.SourceRevisionId = "89abcdef0123456789abcdef0123456789abcdef";
            task.SourceBranchName = "refs/heads/main";
            task.PublishRepositoryUrl = publish;
        }

        private static JsonElement Provenance(string folder)
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "mlops.manifest.json")));
            return manifest.RootElement.GetProperty("provenance").Clone();
        }

        [Fact]
        public void With_PublishRepositoryUrl_the_release_records_the_url_SourceLink_found_without_its_credentials()
        {
            var models = new ITaskItem[] { HeartZip() };
            Validate(models);
            Assert.True(Task(models, configure: t => FromSourceLink(t, "true")).Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

            var folder = Release("heart");
            var provenance = Provenance(folder);
            Assert.Equal("https://example.com/heart/pipeline.git", provenance.GetProperty("repository").GetString());
            Assert.Equal("89abcdef0123456789abcdef0123456789abcdef", provenance.GetProperty("commit").GetString());
            Assert.Equal("main", provenance.GetProperty("branch").GetString());
            using var zip = ZipFile.OpenRead(Path.Combine(folder, "Heart.Pipeline.Model.heart.1.2.0.nupkg"));
            Assert.Contains("<repository type=\"git\" url=\"https://example.com/heart/pipeline.git\" commit=\"89abcdef0123456789abcdef0123456789abcdef\" />",
                Read(zip, "Heart.Pipeline.Model.heart.nuspec"), StringComparison.Ordinal);
            Assert.Contains("| Repository | https://example.com/heart/pipeline.git |", File.ReadAllText(Path.Combine(folder, "MODEL_CARD.md")), StringComparison.Ordinal);
            Assert.All(Directory.GetFiles(folder), f => Assert.DoesNotContain("ghp_token", Encoding.UTF8.GetString(File.ReadAllBytes(f)), StringComparison.Ordinal));
        }

        [Fact]
        public void Without_PublishRepositoryUrl_the_release_records_the_commit_and_no_url_nor_branch()
        {
            var models = new ITaskItem[] { HeartZip() };
            Validate(models);
            Assert.True(Task(models, configure: t => FromSourceLink(t, null)).Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

            var folder = Release("heart");
            var provenance = Provenance(folder);
            Assert.Equal(JsonValueKind.Null, provenance.GetProperty("repository").ValueKind);
            Assert.Equal(JsonValueKind.Null, provenance.GetProperty("branch").ValueKind);
            Assert.Equal("89abcdef0123456789abcdef0123456789abcdef", provenance.GetProperty("commit").GetString());
            using (var zip = ZipFile.OpenRead(Path.Combine(folder, "Heart.Pipeline.Model.heart.1.2.0.nupkg")))
            {
                Assert.DoesNotContain("<repository", Read(zip, "Heart.Pipeline.Model.heart.nuspec"), StringComparison.Ordinal);
            }

            Assert.Contains("| Repository | not recorded |", File.ReadAllText(Path.Combine(folder, "MODEL_CARD.md")), StringComparison.Ordinal);
            Assert.All(Directory.GetFiles(folder), f => Assert.DoesNotContain("example.com", Encoding.UTF8.GetString(File.ReadAllBytes(f)), StringComparison.Ordinal));
            Assert.Contains(engine.Messages, m => m.Message!.Contains("PublishRepositoryUrl", StringComparison.Ordinal));
        }

        [Fact]
        public void MlopsReleaseDate_dates_the_release_and_its_package_entries_without_SOURCE_DATE_EPOCH()
        {
            var models = new ITaskItem[] { HeartZip() };
            Validate(models);
            Assert.True(Task(models, epoch: null, configure: t => t.ReleaseDate = "2025-06-07T08:09:10Z").Execute());

            var folder = Release("heart");
            var provenance = Provenance(folder);
            Assert.Equal("2025-06-07T08:09:10Z", provenance.GetProperty("sourceDate").GetString());
            Assert.Equal("MlopsReleaseDate", provenance.GetProperty("sourceDateFrom").GetString());
            using var zip = ZipFile.OpenRead(Path.Combine(folder, "Heart.Pipeline.Model.heart.1.2.0.nupkg"));
            Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2025, 6, 7, 8, 9, 10), e.LastWriteTime.DateTime));

            // SOURCE_DATE_EPOCH (here 2026-01-01) wins.
            Assert.True(Task(models, configure: t => t.ReleaseDate = "2025-06-07T08:09:10Z").Execute());
            Assert.Equal("2026-01-01T00:00:00Z", Provenance(folder).GetProperty("sourceDate").GetString());
        }

        [Fact]
        public void Without_a_date_two_packs_are_byte_identical_and_dated_2000_01_01()
        {
            var models = new ITaskItem[] { HeartZip() };
            Validate(models);
            Assert.True(Task(models, epoch: null).Execute());
            var folder = Release("heart");
            var first = Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
            Assert.Equal("2000-01-01T00:00:00Z", Provenance(folder).GetProperty("sourceDate").GetString());
            Assert.Equal("none", Provenance(folder).GetProperty("sourceDateFrom").GetString());

            Directory.Delete(Path.Combine(project, "bin"), recursive: true);
            Assert.True(Task(models, epoch: null).Execute());
            Assert.Equal(first, Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList());
        }

        [Theory]
        [InlineData("ReleaseDate", "03/04/2026", "MlopsReleaseDate is '03/04/2026'")]
        [InlineData("RepositoryCommit", "abc\u0007", "RepositoryCommit holds a control character")]
        [InlineData("RepositoryUrl", "https://x:secret@example.com/\u001b[31m", "RepositoryUrl holds a control character")]
        public void Invalid_provenance_properties_are_MLG5005_and_nothing_is_written(string property, string value, string expected)
        {
            var models = new ITaskItem[] { HeartZip() };
            Validate(models);
            Assert.False(Task(models, epoch: null, configure: t => typeof(PackModels).GetProperty(property)!.SetValue(t, value)).Execute());

            var error = Assert.Single(engine.Errors);
            Assert.Equal("MLG5005", error.Code);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(project, "bin")));
        }

        [Fact]
        public void Items_with_Pack_false_are_left_out()
        {
            Assert.True(Task(new ITaskItem[] { HeartZip(("Pack", "false")) }).Execute());
            Assert.Empty(engine.Errors);
            Assert.False(Directory.Exists(Path.Combine(project, "bin")));
        }

        private static string Read(ZipArchive zip, string entry)
        {
            using var reader = new StreamReader(zip.GetEntry(entry)!.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }
}
