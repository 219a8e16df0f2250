using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>Versioned data and models (CONTRACT §4–§6): mlops.lock.json, locked mode, MLG2007 and MLG2008, as a user builds.</summary>
    [Collection(EndToEndCollection.Name)]
    public class LockFileTests
    {
        private const string Program = "public static class Program { public static void Main() { System.Console.WriteLine(\"ok\"); } }\n";
        private const string Artifacts = @"<ItemGroup>
    <MlData Include=""data/train.csv;data/extra"" />
    <MlModel Include=""models/*.zip"" Name=""model"" Format=""other"" />
  </ItemGroup>";

        private readonly PackageFeed _feed;

        public LockFileTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void First_build_writes_a_correct_lock_and_a_rebuild_leaves_it_byte_identical()
        {
            var project = WithArtifacts("lock-first");

            var first = project.Build();
            Assert.True(first.Succeeded, first.ToString());
            Assert.Contains("MlopsGuard: created mlops.lock.json (4 artifacts)", first.Output, StringComparison.Ordinal);
            Assert.Empty(first.MlopsGuard);

            var lockPath = Path.Combine(project.Directory, "mlops.lock.json");
            var bytes = File.ReadAllBytes(lockPath);
            using (var document = JsonDocument.Parse(bytes))
            {
                Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
                var entries = document.RootElement.GetProperty("artifacts").EnumerateArray().ToList();
                Assert.Equal(new[] { "data/extra/a b é.csv", "data/extra/empty.csv", "data/train.csv", "models/m.zip" }, entries.Select(e => e.GetProperty("path").GetString()));
                foreach (var entry in entries)
                {
                    var file = Path.Combine(project.Directory, entry.GetProperty("path").GetString()!);
                    Assert.Equal(Sha256(file), entry.GetProperty("sha256").GetString());
                    Assert.Equal(new FileInfo(file).Length, entry.GetProperty("size").GetInt64());
                }

                Assert.Equal("model", entries.Last().GetProperty("kind").GetString());
            }

            Assert.DoesNotContain((byte)'\r', bytes);
            var writeTime = File.GetLastWriteTimeUtc(lockPath);

            var second = project.Build("-v:n");
            Assert.True(second.Succeeded, second.ToString());
            Assert.DoesNotContain("MlopsGuard: updated", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("MlopsGuard: created", second.Output, StringComparison.Ordinal);
            // Nothing changed: the check is skipped in plain MSBuild, before any MlopsGuard task is loaded.
            Assert.Contains("Skipping target \"_MlopsLockCheckNeeded\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
            Assert.Equal(bytes, File.ReadAllBytes(lockPath));
            Assert.Equal(writeTime, File.GetLastWriteTimeUtc(lockPath));

            // A rebuild from scratch (no obj/, no cache) gives the very same bytes.
            Directory.Delete(Path.Combine(project.Directory, "obj"), recursive: true);
            var clean = project.Build();
            Assert.True(clean.Succeeded, clean.ToString());
            Assert.Equal(bytes, File.ReadAllBytes(lockPath));
            Assert.Equal(writeTime, File.GetLastWriteTimeUtc(lockPath));
        }

        [Fact]
        public void Changed_data_fails_a_ci_build_with_MLG2007_and_a_local_build_relocks_it()
        {
            var project = WithArtifacts("lock-changed");
            Assert.True(project.Build().Succeeded);
            var lockPath = Path.Combine(project.Directory, "mlops.lock.json");
            var locked = File.ReadAllBytes(lockPath);
            var before = Sha256(Path.Combine(project.Directory, "data/train.csv"));

            var train = project.WriteFile("data/train.csv", "label,text\n1,changed\n");
            var ci = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.False(ci.Succeeded, ci.ToString());
            var error = Assert.Single(ci.MlopsGuard);
            Assert.Equal(("error", "MLG2007"), (error.Severity, error.Id));
            Assert.Equal(train, error.File);
            Assert.Contains("'data/train.csv'", error.Message, StringComparison.Ordinal);
            Assert.Contains("expected sha256 " + before, error.Message, StringComparison.Ordinal);
            Assert.Contains("actual sha256 " + Sha256(train), error.Message, StringComparison.Ordinal);
            Assert.Equal(locked, File.ReadAllBytes(lockPath));

            var local = project.Build();
            Assert.True(local.Succeeded, local.ToString());
            Assert.Contains("MlopsGuard: updated mlops.lock.json (1 artifact changed)", local.Output, StringComparison.Ordinal);
            Assert.Contains(Sha256(train), File.ReadAllText(lockPath), StringComparison.Ordinal);

            var ciAgain = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(ciAgain.Succeeded, ciAgain.ToString());

            // A file replaced by an older copy (its time is before the last check) is still seen.
            project.WriteFile("data/train.csv", "label,text\n1,older copy\n");
            File.SetLastWriteTimeUtc(train, DateTime.UtcNow.AddDays(-1));
            var older = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.False(older.Succeeded, older.ToString());
            Assert.Equal("MLG2007", Assert.Single(older.MlopsGuard).Id);
        }

        [Fact]
        public void An_onnx_models_external_data_is_locked_with_it_and_a_changed_data_file_fails_a_ci_build()
        {
            var project = TestProject.Create(_feed, "lock-external", @"<ItemGroup>
    <MlModel Include=""models/big.onnx"" Name=""big"" />
  </ItemGroup>", withMlNet: false);
            project.WriteFile("Program.cs", Program);
            Directory.CreateDirectory(Path.Combine(project.Directory, "models"));
            File.WriteAllBytes(Path.Combine(project.Directory, "models", "big.onnx"), MlopsGuard.Sdk.Tests.Validation.OnnxTestWriter.ModelWithExternalWeights("big.onnx.data"));
            var data = Path.Combine(project.Directory, "models", "big.onnx.data");
            File.WriteAllBytes(data, MlopsGuard.Sdk.Tests.Validation.OnnxTestWriter.ExternalWeights());

            var first = project.Build();
            Assert.True(first.Succeeded, first.ToString());
            Assert.DoesNotContain(first.MlopsGuard, d => d.Id == "MLG4003");
            using (var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(project.Directory, "mlops.lock.json"))))
            {
                var paths = document.RootElement.GetProperty("artifacts").EnumerateArray().Select(e => e.GetProperty("path").GetString());
                Assert.Equal(new[] { "models/big.onnx", "models/big.onnx.data" }, paths);
            }

            // Only the weights change: the plain-MSBuild watch sees it, and CI refuses the unlocked weights.
            var weights = MlopsGuard.Sdk.Tests.Validation.OnnxTestWriter.ExternalWeights();
            weights[0] ^= 1;
            File.WriteAllBytes(data, weights);
            var ci = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.False(ci.Succeeded, ci.ToString());
            Assert.Contains(ci.MlopsGuard, d => d.Id == "MLG2007" && d.Message.Contains("'models/big.onnx.data'", StringComparison.Ordinal));

            // Weights gone: the model is not valid (MLG4003).
            File.Delete(data);
            var missing = project.Build("-p:MlopsLockedMode=false");
            Assert.Contains(missing.MlopsGuard, d => d.Id == "MLG4003" && d.Message.Contains("big.onnx.data", StringComparison.Ordinal));
        }

        [Fact]
        public void MlopsLock_writes_the_lock_on_demand_even_in_locked_mode()
        {
            var project = WithArtifacts("lock-explicit");
            var ci = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.False(ci.Succeeded, ci.ToString());
            Assert.All(ci.MlopsGuard, d => Assert.Equal(("error", "MLG2007"), (d.Severity, d.Id)));
            Assert.Contains(ci.MlopsGuard, d => d.Message.Contains("mlops.lock.json does not exist", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(project.Directory, "mlops.lock.json")));

            var explicitLock = project.Build("-t:MlopsLock", "-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(explicitLock.Succeeded, explicitLock.ToString());
            Assert.Contains("MlopsGuard: created mlops.lock.json (4 artifacts)", explicitLock.Output, StringComparison.Ordinal);

            var ciAgain = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(ciAgain.Succeeded, ciAgain.ToString());
        }

        [Fact]
        public void Escaping_and_missing_paths_give_MLG2008_and_never_enter_the_lock()
        {
            var project = TestProject.Create(_feed, "lock-escape", @"<ItemGroup>
    <MlData Include=""data/ok.csv;data/missing.csv;../../outside.csv;data/link.csv;../shared/in-repo.csv"" />
  </ItemGroup>", withMlNet: false);
            project.WriteFile("Program.cs", Program);
            project.WriteFile("data/ok.csv", "a,b\n");
            var workspace = Path.GetDirectoryName(project.Directory)!;
            Directory.CreateDirectory(Path.Combine(workspace, ".git"));
            Directory.CreateDirectory(Path.Combine(workspace, "shared"));
            File.WriteAllText(Path.Combine(workspace, "shared", "in-repo.csv"), "shared\n");
            var outsideTarget = Path.Combine(Path.GetDirectoryName(workspace)!, "outside-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(outsideTarget, "secret\n");
            File.CreateSymbolicLink(Path.Combine(project.Directory, "data", "link.csv"), outsideTarget);

            var local = project.Build();
            Assert.True(local.Succeeded, local.ToString());
            var problems = local.MlopsGuard.ToList();
            Assert.True(problems.Count == 3, local.ToString());
            Assert.All(problems, d => Assert.Equal(("warning", "MLG2008"), (d.Severity, d.Id)));
            Assert.Contains(problems, d => d.Message.Contains("'data/missing.csv' does not exist", StringComparison.Ordinal));
            Assert.Contains(problems, d => d.Message.Contains("'../../outside.csv' leaves the repository root", StringComparison.Ordinal));
            Assert.Contains(problems, d => d.Message.Contains("'data/link.csv' resolves through a symbolic link", StringComparison.Ordinal));

            using (var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(project.Directory, "mlops.lock.json"))))
            {
                var paths = document.RootElement.GetProperty("artifacts").EnumerateArray().Select(e => e.GetProperty("path").GetString());
                Assert.Equal(new[] { "../shared/in-repo.csv", "data/ok.csv" }, paths);
            }

            // The warnings come back on every build until fixed, and are errors in CI.
            var again = project.Build();
            Assert.Equal(3, again.MlopsGuard.Count());
            var ci = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.False(ci.Succeeded, ci.ToString());
            Assert.Equal(3, ci.MlopsGuard.Count(d => d is { Severity: "error", Id: "MLG2008" }));
        }

        [Fact]
        public void Projects_built_in_parallel_sharing_data_never_corrupt_a_lock()
        {
            var workspace = _feed.NewWorkspace("lock-parallel");
            Directory.CreateDirectory(Path.Combine(workspace, ".git"));
            var shared = Path.Combine(workspace, "shared");
            Directory.CreateDirectory(shared);
            var big = new byte[8 * 1024 * 1024];
            new Random(3).NextBytes(big);
            File.WriteAllBytes(Path.Combine(shared, "big.bin"), big);
            File.WriteAllText(Path.Combine(shared, "small.csv"), "x,y\n1,2\n");

            var names = new[] { "First", "Second" };
            foreach (var name in names)
            {
                var folder = Path.Combine(workspace, name);
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);

                // Two target frameworks: the inner builds of one project check and write the same lock at the same time.
                File.WriteAllText(Path.Combine(folder, name + ".csproj"), $@"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFrameworks>net10.0;net8.0</TargetFrameworks>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""MlopsGuard"" Version=""{_feed.Version}"" />
    <MlData Include=""../shared"" />
  </ItemGroup>
</Project>
");
            }

            File.WriteAllText(Path.Combine(workspace, "All.slnx"), "<Solution>\n  <Project Path=\"First/First.csproj\" />\n  <Project Path=\"Second/Second.csproj\" />\n</Solution>\n");
            var environment = new System.Collections.Generic.Dictionary<string, string?>
            {
                ["NUGET_PACKAGES"] = _feed.PackagesDirectory,
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            };

            for (var round = 0; round < 2; round++)
            {
                var result = new BuildResult(ProcessRunner.Run(
                    TestEnvironment.Dotnet,
                    new[] { "build", "All.slnx", "-m:2", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary" },
                    workspace,
                    environment,
                    TimeSpan.FromMinutes(5)));
                Assert.True(result.Succeeded, result.ToString());
                var expected = Sha256(Path.Combine(shared, "big.bin"));
                foreach (var name in names)
                {
                    var lockPath = Path.Combine(workspace, name, "mlops.lock.json");
                    using var document = JsonDocument.Parse(File.ReadAllBytes(lockPath));
                    var entries = document.RootElement.GetProperty("artifacts").EnumerateArray().ToList();
                    Assert.Equal(new[] { "../shared/big.bin", "../shared/small.csv" }, entries.Select(e => e.GetProperty("path").GetString()));
                    Assert.Equal(expected, entries[0].GetProperty("sha256").GetString());
                    Assert.Empty(Directory.GetFiles(Path.Combine(workspace, name), "*.tmp"));
                }

                Assert.Equal(File.ReadAllBytes(Path.Combine(workspace, "First", "mlops.lock.json")), File.ReadAllBytes(Path.Combine(workspace, "Second", "mlops.lock.json")));

                // Change the shared data: the next parallel build re-locks both projects.
                big[round] ^= 0xFF;
                File.WriteAllBytes(Path.Combine(shared, "big.bin"), big);
            }
        }

        [Fact]
        public void A_dvc_tracked_file_is_checked_against_dvc_and_not_locked_twice()
        {
            var project = TestProject.Create(_feed, "lock-dvc", @"<ItemGroup>
    <MlData Include=""data/train.csv;data/test.csv"" />
  </ItemGroup>", withMlNet: false);
            project.WriteFile("Program.cs", Program);
            var train = project.WriteFile("data/train.csv", "a,b\n1,2\n");
            project.WriteFile("data/test.csv", "a,b\n3,4\n");
            project.WriteFile("data/train.csv.dvc", $"outs:\n- md5: {Md5(train)}\n  size: {new FileInfo(train).Length}\n  hash: md5\n  path: train.csv\n");

            var build = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false", "-t:MlopsLock");
            Assert.True(build.Succeeded, build.ToString());
            Assert.DoesNotContain("data/train.csv", File.ReadAllText(Path.Combine(project.Directory, "mlops.lock.json")), StringComparison.Ordinal);
            var ci = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(ci.Succeeded, ci.ToString());

            project.WriteFile("data/train.csv", "a,b\n1,3\n");
            var changed = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.False(changed.Succeeded, changed.ToString());
            var error = Assert.Single(changed.MlopsGuard);
            Assert.Equal("MLG2007", error.Id);
            Assert.Contains("differs from data/train.csv.dvc", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Disabled_or_without_artifacts_nothing_is_written()
        {
            var disabled = WithArtifacts("lock-disabled");
            var off = disabled.Build("-p:MlopsGuardEnabled=false", "-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(off.Succeeded, off.ToString());
            Assert.False(File.Exists(Path.Combine(disabled.Directory, "mlops.lock.json")));

            // A design-time build (what the IDE runs to read the project) does not check or write the lock.
            var designTime = disabled.Build("-t:Compile", "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true");
            Assert.True(designTime.Succeeded, designTime.ToString());
            Assert.False(File.Exists(Path.Combine(disabled.Directory, "mlops.lock.json")));

            var none = TestProject.Create(_feed, "lock-none", withMlNet: false);
            none.WriteFile("Program.cs", Program);
            var build = none.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(build.Succeeded, build.ToString());
            Assert.False(File.Exists(Path.Combine(none.Directory, "mlops.lock.json")));
        }

        private TestProject WithArtifacts(string name)
        {
            var project = TestProject.Create(_feed, name, Artifacts, withMlNet: false);
            project.WriteFile("Program.cs", Program);
            project.WriteFile("data/train.csv", "label,text\n1,good\n0,bad\n");
            project.WriteFile("data/extra/a b é.csv", "x\n");
            project.WriteFile("data/extra/empty.csv", string.Empty);
            project.WriteFile("models/m.zip", "PK-not-really");
            return project;
        }

        private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();

        private static string Md5(string path) => Convert.ToHexString(MD5.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
    }
}
