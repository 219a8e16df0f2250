using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Sdk.Tests.Lock;
using MlopsGuard.Sdk.Tests.Stages;
using MlopsGuard.Sdk.Tests.Validation;
using MlopsGuard.Tasks.Lock;
using MlopsGuard.Tasks.Maturity;
using MlopsGuard.Tasks.Stages;
using MlopsGuard.Tasks.Validation;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Robustness
{
    /// <summary>
    /// What the build tasks may touch: files inside the repository only (through '..', absolute paths and symbolic links),
    /// writes only to their outputs, commands only those MlStage items declare, and no network at all.
    /// </summary>
    public sealed class SecurityTests : IDisposable
    {
        private const string Secret = "outside secret\n";

        private readonly ITestOutputHelper output;
        private readonly TempRepository repo = new();
        private readonly string outside;

        public SecurityTests(ITestOutputHelper output)
        {
            this.output = output;

            // A folder beside the repository, as /etc or a home folder would be: nothing may read or change it.
            outside = repo.Root + "-outside";
            Directory.CreateDirectory(outside);
            File.WriteAllText(Path.Combine(outside, "secret.csv"), Secret);
            File.WriteAllText(Path.Combine(outside, "params.json"), "{ \"learningRate\": 0.1 }");
            File.WriteAllText(Path.Combine(outside, "metrics.json"), "{ \"Accuracy\": 1.0 }");
            File.Copy(RealModels.Get.Onnx, Path.Combine(outside, "model.onnx"));
            Directory.CreateDirectory(Path.Combine(repo.Project, "links"));
            File.CreateSymbolicLink(Path.Combine(repo.Project, "links", "secret.csv"), Path.Combine(outside, "secret.csv"));
            File.CreateSymbolicLink(Path.Combine(repo.Project, "links", "params.json"), Path.Combine(outside, "params.json"));
            File.CreateSymbolicLink(Path.Combine(repo.Project, "links", "metrics.json"), Path.Combine(outside, "metrics.json"));
            File.CreateSymbolicLink(Path.Combine(repo.Project, "links", "model.onnx"), Path.Combine(outside, "model.onnx"));
            Directory.CreateSymbolicLink(Path.Combine(repo.Project, "links", "folder"), outside);
        }

        public static IEnumerable<object[]> Escapes() => new[]
        {
            new object[] { "symlink" },
            new object[] { "dotdot" },
            new object[] { "absolute" },
        };

        public void Dispose()
        {
            repo.Dispose();
            Directory.Delete(outside, recursive: true);
        }

        [Theory]
        [MemberData(nameof(Escapes))]
        public void Data_and_models_outside_the_repository_are_MLG2008_and_never_hashed_into_the_lock(string how)
        {
            var before = Snapshot(outside);
            var runner = new TaskRunner(repo)
            {
                Data = new[] { Escape(how, "secret.csv"), how == "symlink" ? "links/folder" : Escape(how, string.Empty) },
                Models = new[] { Escape(how, "model.onnx") },
            };
            runner.Run();

            Assert.Contains("MLG2008", runner.Engine.Codes);
            var secretHash = Sha256(Path.Combine(outside, "secret.csv"));
            foreach (var written in Directory.GetFiles(repo.Root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/links/", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(secretHash, File.ReadAllText(written), StringComparison.Ordinal);
            }

            Assert.False(File.Exists(repo.LockPath) && File.ReadAllText(repo.LockPath).Contains("secret", StringComparison.Ordinal));
            Assert.Equal(before, Snapshot(outside));
        }

        [Theory]
        [MemberData(nameof(Escapes))]
        public void Stage_paths_outside_the_repository_are_MLG3401_and_nothing_runs_reads_or_deletes(string how)
        {
            repo.Write("data/raw.csv", "a\n");
            var before = Snapshot(outside);
            var cases = new (string Deps, string Outs, string Params, string WorkingDirectory)[]
            {
                (Escape(how, "secret.csv"), "out/a.csv", string.Empty, string.Empty),
                ("data/raw.csv", Escape(how, "secret.csv"), string.Empty, string.Empty),
                ("data/raw.csv", how == "symlink" ? "links/folder/new/created.csv" : Escape(how, "new/created.csv"), string.Empty, string.Empty),
                ("data/raw.csv", "out/b.csv", Escape(how, "params.json") + ":learningRate", string.Empty),
                ("data/raw.csv", "out/c.csv", string.Empty, how == "symlink" ? "links/folder" : Escape(how, string.Empty)),
            };
            foreach (var (deps, outs, parameters, workingDirectory) in cases)
            {
                var runner = new StageRunner(repo).Stage("escape", "echo ran > ran.txt && touch out/a.csv out/b.csv out/c.csv", deps, outs, parameters, workingDirectory);
                runner.Run();
                var codes = runner.Engine.Codes;
                Assert.True(codes.Contains("MLG3401"), $"{deps} | {outs} | {parameters} | {workingDirectory}: {string.Join(", ", codes)}");
                Assert.Empty(runner.Ran);
                Assert.False(File.Exists(repo.Full("ran.txt")));
                Assert.DoesNotContain(runner.Engine.Errors, e => e.Message!.Contains("failed unexpectedly", StringComparison.Ordinal));
            }

            Assert.Equal(before, Snapshot(outside));
            Assert.False(File.Exists(repo.LockPath) && File.ReadAllText(repo.LockPath).Contains(Sha256(Path.Combine(outside, "secret.csv")), StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Escapes))]
        public void Models_and_metrics_files_outside_the_repository_are_not_read(string how)
        {
            repo.WriteBytes("models/heart.onnx", File.ReadAllBytes(RealModels.Get.Onnx));
            var outsideModel = new TaskItem(Escape(how, "model.onnx"));
            outsideModel.SetMetadata("Name", "outside");
            var insideModel = new TaskItem("models/heart.onnx");
            insideModel.SetMetadata("Name", "inside");
            insideModel.SetMetadata("MetricsFile", Escape(how, "metrics.json"));
            var gate = new TaskItem("Accuracy");
            gate.SetMetadata("Model", "inside");
            gate.SetMetadata("Min", "0.5");
            var engine = new RecordingBuildEngine();
            new ValidateModels
            {
                BuildEngine = engine,
                Models = new ITaskItem[] { outsideModel, insideModel },
                MetricGates = new ITaskItem[] { gate },
                ProjectDirectory = repo.Project,
                SummaryFile = "obj/mlops.validation.json",
            }.Execute();

            Assert.Contains(engine.Codes, c => c == "MLG5005");
            Assert.Contains(engine.Errors.Concat<LazyFormattedBuildEventArgs>(engine.Warnings), e => e.Message!.Contains("metrics file leaves the repository root", StringComparison.Ordinal));
            var summary = File.ReadAllText(Path.Combine(repo.Project, "obj", "mlops.validation.json"));
            Assert.DoesNotContain("\"Accuracy\"", summary.Replace(" ", string.Empty).Replace("\"metric\":\"Accuracy\"", string.Empty), StringComparison.Ordinal);
        }

        [Fact]
        public void Every_task_writes_only_its_outputs()
        {
            repo.Write("data/train.csv", "a,b\n1,2\n");
            repo.Write("data/raw.csv", "x\n");
            repo.Write("train.params.json", "{ \"learningRate\": 0.1 }");
            repo.WriteBytes("models/heart.onnx", File.ReadAllBytes(RealModels.Get.Onnx));
            repo.Write("models/metrics.json", "{ \"Accuracy\": 0.9 }");
            repo.Write("app.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            File.WriteAllText(Path.Combine(repo.Root, "CODEOWNERS"), "* @team\n");
            Directory.CreateDirectory(Path.Combine(repo.Root, ".github", "workflows"));
            File.WriteAllText(Path.Combine(repo.Root, ".github", "workflows", "ci.yml"), "jobs:\n  b:\n    steps:\n      - run: dotnet test\n");
            var artifactsDir = Path.Combine(repo.Project, "bin", "mlops");
            var allowed = new[] { repo.Obj + "/", repo.LockPath, artifactsDir + "/", repo.Full("stage-out") + "/" };
            var beforeRepo = Snapshot(repo.Root);
            var beforeOutside = Snapshot(outside);
            var engines = new List<(string, RecordingBuildEngine)>();

            var runner = new TaskRunner(repo) { Data = new[] { "data/train.csv" }, Models = new[] { "models/heart.onnx" } };
            runner.Run();
            engines.Add(("LockArtifacts", runner.Engine));

            var stages = new StageRunner(repo).Stage("prepare", "cp data/raw.csv stage-out/prepared.csv", "data/raw.csv", "stage-out/prepared.csv", "train.params.json:learningRate");
            stages.Run();
            Assert.Equal(new[] { "prepare" }, stages.Ran);
            engines.Add(("RunStages", stages.Engine));

            var engine = new RecordingBuildEngine();
            var model = new TaskItem("models/heart.onnx");
            model.SetMetadata("MetricsFile", "models/metrics.json");
            new ValidateModels
            {
                BuildEngine = engine,
                Models = new ITaskItem[] { model },
                ProjectDirectory = repo.Project,
                SummaryFile = "obj/mlops.validation.json",
                SchemaRecordsFile = "obj/MlopsGuard.ModelSchema.txt",
                StampFile = "obj/mlops.validation.stamp",
            }.Execute();
            engines.Add(("ValidateModels", engine));

            engine = new RecordingBuildEngine();
            new AssessMaturity
            {
                BuildEngine = engine,
                ProjectFile = repo.Full("app.csproj"),
                ReportDirectory = artifactsDir,
                ScanCacheDirectory = Path.Combine(repo.Obj, "scan"),
                IntermediateDirectory = repo.Obj,
                LockFile = repo.LockPath,
                Data = new ITaskItem[] { new TaskItem("data/train.csv") },
                Models = new ITaskItem[] { new TaskItem("models/heart.onnx") },
            }.Execute();
            engines.Add(("AssessMaturity", engine));

            var changed = Changes(beforeRepo, Snapshot(repo.Root)).Where(p => !allowed.Any(a => a.EndsWith('/') ? p.StartsWith(a, StringComparison.Ordinal) : p == a)).ToList();
            Assert.True(changed.Count == 0, "written outside the outputs: " + string.Join(", ", changed));
            Assert.Equal(beforeOutside, Snapshot(outside));
            foreach (var (name, recorded) in engines)
            {
                Assert.True(!recorded.Errors.Any(e => e.Message!.Contains("failed unexpectedly", StringComparison.Ordinal)), name);
            }

            output.WriteLine($"{engines.Count} tasks ran; every change is under obj/, the lock, the artifacts folder or a declared stage out");
        }

        [Theory]
        [InlineData("$(touch pwned)")]
        [InlineData("`touch pwned`")]
        [InlineData("data.csv | touch pwned")]
        [InlineData("data.csv && touch pwned")]
        [InlineData("data.csv\ntouch pwned")]
        [InlineData("'; touch pwned; '")]
        public void RunStages_runs_only_the_declared_command_never_text_from_paths_or_names(string hostile)
        {
            repo.Write("data.csv", "a\n");
            var runner = new StageRunner(repo)
                .Stage("copy", "cp data.csv out.csv", "data.csv;" + hostile, "out.csv")
                .Stage("params", "cp data.csv out2.csv", "data.csv", "out2.csv", "p.json:" + hostile)
                .Stage(hostile.Replace("/", string.Empty), "cp data.csv out3.csv", "data.csv", "out3.csv", null, hostile.Replace("\n", " "));
            runner.Run();

            Assert.Empty(Directory.GetFiles(repo.Root, "pwned", SearchOption.AllDirectories));
            Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "pwned")));
            Assert.DoesNotContain(runner.Engine.Errors, e => e.Message!.Contains("failed unexpectedly", StringComparison.Ordinal));
        }

        [Fact]
        public void Only_the_stage_runner_starts_processes_and_no_task_references_network_types()
        {
            // The task assembly as shipped: no type of System.Net (HttpClient, Socket, WebClient, Dns…) is referenced at all.
            var location = typeof(LockArtifacts).Assembly.Location;
            using var pe = new PEReader(File.OpenRead(location));
            var metadata = pe.GetMetadataReader();
            var referenced = metadata.TypeReferences.Select(h => metadata.GetTypeReference(h)).Select(t => metadata.GetString(t.Namespace) + "." + metadata.GetString(t.Name)).ToList();
            Assert.NotEmpty(referenced);
            var network = referenced.Where(t => t.StartsWith("System.Net.", StringComparison.Ordinal) || t.Contains("WebClient", StringComparison.Ordinal) || t.Contains("WebRequest", StringComparison.Ordinal)).ToList();
            Assert.True(network.Count == 0, "network types referenced: " + string.Join(", ", network));
            var assemblies = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
            Assert.DoesNotContain(assemblies, a => a.StartsWith("System.Net", StringComparison.Ordinal));

            // In the sources: processes start in one place, the stage runner's shell, and no file names a network API.
            var sources = Path.Combine(SharedData.RepositoryRoot, "src", "Sdk", "Tasks");
            var files = Directory.GetFiles(sources, "*.cs", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            var starters = files.Where(f => File.ReadAllText(f) is var text && (text.Contains("ProcessStartInfo", StringComparison.Ordinal) || text.Contains("Process.Start", StringComparison.Ordinal) || text.Contains("new Process", StringComparison.Ordinal)))
                .Select(f => Path.GetRelativePath(sources, f).Replace('\\', '/')).ToList();
            Assert.Equal(new[] { "Stages/ShellCommand.cs" }, starters);
            var networkSources = files.Where(f => File.ReadAllText(f) is var text && new[] { "System.Net", "HttpClient", "Socket", "WebClient", "WebRequest", "Dns." }.Any(n => text.Contains(n, StringComparison.Ordinal))).ToList();
            Assert.Empty(networkSources);
            output.WriteLine($"{referenced.Count} type references and {files.Length} source files checked");
        }

        /// <summary>The path to a file of the outside folder as a declaration would write it.</summary>
        private string Escape(string how, string file) => how switch
        {
            "symlink" => "links/" + file,
            "dotdot" => Path.GetRelativePath(repo.Project, Path.Combine(outside, file)).Replace('\\', '/'),
            _ => Path.Combine(outside, file),
        };

        private static Dictionary<string, string> Snapshot(string folder) =>
            Directory.GetFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .ToDictionary(p => p, p => File.Exists(p) && new FileInfo(p).LinkTarget is null ? Sha256(p) + "@" + File.GetLastWriteTimeUtc(p).Ticks : "entry", StringComparer.Ordinal);

        private static IEnumerable<string> Changes(Dictionary<string, string> before, Dictionary<string, string> after) =>
            after.Where(a => !before.TryGetValue(a.Key, out var old) || old != a.Value).Select(a => a.Key)
                .Concat(before.Keys.Where(k => !after.ContainsKey(k)))
                .Where(p => !Directory.Exists(p) || !Directory.EnumerateFileSystemEntries(p).Any())
                .OrderBy(p => p, StringComparer.Ordinal);

        private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
    }
}
