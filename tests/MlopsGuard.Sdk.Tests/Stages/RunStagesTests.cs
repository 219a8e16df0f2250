using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.Build.Framework;
using MlopsGuard.Sdk.Tests.Lock;
using MlopsGuard.Tasks.Lock.Storage;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Stages
{
    /// <summary>The stage runner on a real two-stage pipeline of shell commands (POSIX sh: tr, cat, cp).</summary>
    public class RunStagesTests
    {
        private const string Prepare = "tr a-z A-Z < raw/data.txt > data/clean.txt";
        private const string Train = "cat data/clean.txt train.params.json > models/model.txt";

        [Fact]
        public void The_first_build_runs_every_stage_in_order_and_records_them_in_the_lock()
        {
            using var repo = Pipeline(out var runner);

            Assert.True(runner.Run(), Describe(runner));

            Assert.Equal(new[] { "prepare", "train" }, runner.Ran);
            Assert.Equal("HELLO\n", File.ReadAllText(repo.Full("data/clean.txt")));
            Assert.True(File.Exists(repo.Full("models/model.txt")));
            Assert.Contains("MlopsGuard: running stage 'prepare' (it is not in mlops.lock.json (never run))", runner.HighMessages());
            Assert.Contains("MlopsGuard: 2 stage(s) ran (prepare, train), 0 up to date; recorded in mlops.lock.json", runner.HighMessages());

            using var document = JsonDocument.Parse(repo.ReadLock());
            var stages = document.RootElement.GetProperty("stages").EnumerateArray().ToList();
            Assert.Equal(new[] { "prepare", "train" }, stages.Select(s => s.GetProperty("name").GetString()));
            var prepare = stages[0];
            Assert.Equal(new[] { "name", "command", "deps", "outs" }, prepare.EnumerateObject().Select(p => p.Name));
            Assert.Equal(Prepare, prepare.GetProperty("command").GetString());
            var dep = Assert.Single(prepare.GetProperty("deps").EnumerateArray().ToList());
            Assert.Equal(("raw/data.txt", 6L), (dep.GetProperty("path").GetString(), dep.GetProperty("size").GetInt64()));
            Assert.Equal("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", dep.GetProperty("sha256").GetString());
            var train = stages[1];
            Assert.Equal(new[] { "name", "command", "deps", "outs", "params" }, train.EnumerateObject().Select(p => p.Name));
            Assert.Equal(new[] { "learningRate", "trees" }, train.GetProperty("params").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
            Assert.Equal("models/model.txt", train.GetProperty("outs")[0].GetProperty("path").GetString());
        }

        [Fact]
        public void An_unchanged_rebuild_runs_nothing_and_leaves_the_lock_untouched()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();
            var bytes = File.ReadAllBytes(repo.LockPath);
            var stamp = File.GetLastWriteTimeUtc(repo.LockPath);

            Assert.True(runner.Run(), Describe(runner));

            Assert.Empty(runner.Ran);
            Assert.Empty(runner.HighMessages());
            Assert.Equal(bytes, File.ReadAllBytes(repo.LockPath));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(repo.LockPath));
        }

        [Fact]
        public void A_changed_raw_file_reruns_both_stages()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();

            repo.Write("raw/data.txt", "goodbye\n");
            Assert.True(runner.Run(), Describe(runner));

            Assert.Equal(new[] { "prepare", "train" }, runner.Ran);
            Assert.Contains(runner.HighMessages(), m => m.StartsWith("MlopsGuard: running stage 'prepare' (dep 'raw/data.txt' changed: expected sha256 5891b5b5", StringComparison.Ordinal));
            Assert.Contains(runner.HighMessages(), m => m.StartsWith("MlopsGuard: running stage 'train' (dep 'data/clean.txt' changed", StringComparison.Ordinal));
            Assert.StartsWith("GOODBYE", File.ReadAllText(repo.Full("models/model.txt")));
        }

        [Fact]
        public void A_dep_change_that_leaves_the_upstream_out_identical_stops_there()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();

            repo.Write("raw/data.txt", "HELLO\n"); // upper-cased again: the same clean file
            Assert.True(runner.Run(), Describe(runner));

            Assert.Equal(new[] { "prepare" }, runner.Ran);
        }

        [Fact]
        public void A_changed_command_reruns_that_stage_and_what_depends_on_its_outs()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();

            runner.Stage("train", Train + " && echo v2 >> models/model.txt", deps: "data/clean.txt", outs: "models/model.txt", parameters: "train.params.json:learningRate,trees");
            Assert.True(runner.Run(), Describe(runner));

            Assert.Equal(new[] { "train" }, runner.Ran);
            Assert.Contains(runner.HighMessages(), m => m.StartsWith("MlopsGuard: running stage 'train' (its command changed: expected 'cat data/clean.txt", StringComparison.Ordinal));
        }

        [Fact]
        public void A_changed_parameter_reruns_only_the_stages_that_use_it()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();

            repo.Write("train.params.json", "{ \"learningRate\": 0.2, \"trees\": 10, \"comment\": \"first try\" }");
            Assert.True(runner.Run(), Describe(runner));

            Assert.Equal(new[] { "train" }, runner.Ran);
            Assert.Contains(runner.HighMessages(), m => m.StartsWith("MlopsGuard: running stage 'train' (parameter 'learningRate' of 'train.params.json' changed", StringComparison.Ordinal));
        }

        [Fact]
        public void An_unused_key_or_new_formatting_of_the_parameters_file_reruns_nothing()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();

            repo.Write("train.params.json", "{\n  \"trees\": 10,\n  \"comment\": \"another note\",\n  \"learningRate\": 0.1\n}\n");
            Assert.True(runner.Run(), Describe(runner));

            Assert.Empty(runner.Ran);
        }

        [Fact]
        public void Nested_keys_are_read_with_dots()
        {
            using var repo = new TempRepository();
            repo.Write("params.json", "{ \"train\": { \"lr\": 0.1, \"seed\": 1 }, \"other\": 2 }");
            var runner = new StageRunner(repo).Stage("train", "echo done > out.txt", outs: "out.txt", parameters: "params.json:train.lr");
            runner.Run();

            repo.Write("params.json", "{ \"train\": { \"lr\": 0.1, \"seed\": 2 }, \"other\": 3 }");
            runner.Run();
            Assert.Empty(runner.Ran);

            repo.Write("params.json", "{ \"train\": { \"lr\": 0.3, \"seed\": 2 }, \"other\": 3 }");
            runner.Run();
            Assert.Equal(new[] { "train" }, runner.Ran);
        }

        [Fact]
        public void A_missing_parameter_is_MLG3401_and_runs_nothing()
        {
            using var repo = new TempRepository();
            repo.Write("params.json", "{ \"lr\": 0.1 }");
            var runner = new StageRunner(repo).Stage("train", "echo done > out.txt", outs: "out.txt", parameters: "params.json:lr,trees");

            Assert.False(runner.Run());

            Assert.Contains("has no key 'trees'", Assert.Single(runner.Errors("MLG3401")).Message);
            Assert.False(File.Exists(repo.Full("out.txt")));
        }

        [Theory]
        [InlineData("edit")]
        [InlineData("delete")]
        public void An_out_changed_or_deleted_by_hand_reruns_its_stage(string how)
        {
            using var repo = Pipeline(out var runner);
            runner.Run();

            if (how == "edit")
            {
                repo.Write("models/model.txt", "tampered");
            }
            else
            {
                File.Delete(repo.Full("models/model.txt"));
            }

            Assert.True(runner.Run(), Describe(runner));

            Assert.Equal(new[] { "train" }, runner.Ran);
            Assert.Contains(runner.HighMessages(), m => m.StartsWith("MlopsGuard: running stage 'train' (out 'models/model.txt' ", StringComparison.Ordinal));
            Assert.StartsWith("HELLO", File.ReadAllText(repo.Full("models/model.txt")));
        }

        [Fact]
        public void Command_output_streams_to_the_build_log_with_the_stage_name_at_normal_importance()
        {
            using var repo = new TempRepository();
            var runner = new StageRunner(repo).Stage("train", "echo epoch 1; echo epoch 2 >&2; echo ok > out.txt", outs: "out.txt");

            Assert.True(runner.Run(), Describe(runner));

            // The detail of the build log (normal verbosity, the binary log), not of the console at its default verbosity.
            var normal = runner.Engine.Messages.Where(m => m.Importance == MessageImportance.Normal).Select(m => m.Message).ToList();
            Assert.Contains("  [train] epoch 1", normal);
            Assert.Contains("  [train] epoch 2", normal);
            Assert.DoesNotContain(runner.HighMessages(), m => m.Contains("[train]", StringComparison.Ordinal));
        }

        [Fact]
        public void A_stage_says_at_default_verbosity_that_it_starts_and_what_it_did_in_how_long()
        {
            using var repo = new TempRepository();
            var runner = new StageRunner(repo)
                .Stage("train", "sleep 0.3; printf 12345 > models/a.bin; printf 1 > models/b.bin", outs: "models/a.bin;models/b.bin")
                .Stage("report", "mkdir -p reports; for i in 1 2 3 4; do echo $i > reports/$i.txt; done", deps: "models/a.bin", outs: "reports");

            Assert.True(runner.Run(), Describe(runner));

            var high = runner.HighMessages();
            Assert.Equal(5, high.Length);
            Assert.Equal("MlopsGuard: running stage 'train' (it is not in mlops.lock.json (never run))", high[0]);
            var ran = Regex.Match(high[1], @"^MlopsGuard: stage 'train' ran in (?<seconds>\d+\.\d) s: wrote models/a\.bin, models/b\.bin \(6 bytes\)$");
            Assert.True(ran.Success, high[1]);
            Assert.InRange(double.Parse(ran.Groups["seconds"].Value, CultureInfo.InvariantCulture), 0.3, 30);
            Assert.StartsWith("MlopsGuard: running stage 'report' (", high[2], StringComparison.Ordinal);
            Assert.Matches(@"^MlopsGuard: stage 'report' ran in \d+\.\d s: wrote 4 files \(8 bytes\)$", high[3]);
            Assert.Equal("MlopsGuard: 2 stage(s) ran (train, report), 0 up to date; recorded in mlops.lock.json", high[4]);
        }

        [Fact]
        public void Hashing_a_stages_files_says_so_first_when_the_cache_cannot_answer_for_enough_bytes()
        {
            using var repo = new TempRepository();
            repo.Write("raw/big.bin", "0123456789");
            var runner = new StageRunner(repo) { AnnounceHashingFrom = 10 }
                .Stage("copy", "cp raw/big.bin out.bin", deps: "raw/big.bin", outs: "out.bin");

            Assert.True(runner.Run(), Describe(runner));

            // Before the stage: its dep; after its command: its new out.
            var high = runner.HighMessages();
            Assert.Equal("MlopsGuard: hashing 1 file, 10 bytes, for stage 'copy'", high[0]);
            Assert.StartsWith("MlopsGuard: running stage 'copy' (", high[1], StringComparison.Ordinal);
            Assert.Equal("MlopsGuard: hashing 1 file, 10 bytes, for stage 'copy'", high[2]);
            Assert.StartsWith("MlopsGuard: stage 'copy' ran in ", high[3], StringComparison.Ordinal);

            // The dep comes from the cache now, and an out written just now is hashed again (it may still change within
            // the file system's time stamp): below the threshold nothing is said.
            runner.AnnounceHashingFrom = 11;
            Assert.True(runner.Run(), Describe(runner));
            Assert.Empty(runner.HighMessages());
        }

        [Fact]
        public void A_failing_command_is_MLG3402_with_its_exit_code_and_last_lines_and_stops_the_pipeline()
        {
            using var repo = Pipeline(out var runner);
            runner.Stage("prepare", "echo reading raw data; echo 'line 42: bad value' >&2; exit 3", deps: "raw/data.txt", outs: "data/clean.txt");

            Assert.False(runner.Run());

            var error = Assert.Single(runner.Errors("MLG3402"));
            Assert.Contains("stage 'prepare' failed with exit code 3", error.Message);
            Assert.Contains("Its last lines: ", error.Message);
            Assert.Contains("line 42: bad value", error.Message);
            Assert.Contains("reading raw data", error.Message);
            Assert.Equal(repo.LockPath, error.File);
            Assert.Empty(runner.Ran);
            Assert.False(File.Exists(repo.Full("models/model.txt")));
            Assert.False(File.Exists(repo.LockPath));
        }

        [Fact]
        public void A_stage_that_fails_after_others_succeeded_keeps_their_records()
        {
            using var repo = Pipeline(out var runner);
            runner.Stage("train", "exit 1", deps: "data/clean.txt", outs: "models/model.txt");

            Assert.False(runner.Run());

            Assert.Equal(new[] { "prepare" }, runner.Ran);
            var lockFile = LockFileReader.Read(repo.LockPath);
            Assert.Equal("prepare", Assert.Single(lockFile.Stages!).GetProperty("name").GetString());
        }

        [Fact]
        public void A_stage_that_does_not_write_its_outs_is_MLG3402_and_is_not_recorded()
        {
            using var repo = new TempRepository();
            var runner = new StageRunner(repo).Stage("train", "echo forgot to save", outs: "models/model.zip;models/metrics.json");

            Assert.False(runner.Run());

            Assert.Contains("did not write 'models/model.zip', 'models/metrics.json'", Assert.Single(runner.Errors("MLG3402")).Message);
            Assert.False(File.Exists(repo.LockPath));
        }

        [Fact]
        public void A_stale_out_is_removed_before_its_stage_runs_so_it_cannot_pass_for_fresh_output()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();

            repo.Write("raw/data.txt", "changed\n");
            runner.Stage("train", "true", deps: "data/clean.txt", outs: "models/model.txt", parameters: "train.params.json:learningRate,trees");
            Assert.False(runner.Run());

            Assert.Contains("did not write 'models/model.txt'", Assert.Single(runner.Errors("MLG3402")).Message);
        }

        [Fact]
        public void A_missing_dep_is_MLG3402_naming_it()
        {
            using var repo = new TempRepository();
            var runner = new StageRunner(repo).Stage("train", "echo x > out.txt", deps: "data/train.csv", outs: "out.txt");

            Assert.False(runner.Run());

            Assert.Contains("dep 'data/train.csv' does not exist", Assert.Single(runner.Errors("MLG3402")).Message);
        }

        [Fact]
        public void Locked_mode_runs_nothing_and_reports_each_stale_stage_as_MLG2007()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();
            var bytes = File.ReadAllBytes(repo.LockPath);

            repo.Write("raw/data.txt", "changed\n");
            runner.LockedMode = true;
            Assert.False(runner.Run());

            var error = Assert.Single(runner.Errors("MLG2007"));
            Assert.StartsWith("stage 'prepare' differs from mlops.lock.json: dep 'raw/data.txt' changed: expected sha256 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03 (6 bytes), actual sha256", error.Message);
            Assert.Contains("In locked mode stages never run", error.Message);
            Assert.Equal("HELLO\n", File.ReadAllText(repo.Full("data/clean.txt")));
            Assert.Equal(bytes, File.ReadAllBytes(repo.LockPath));
            Assert.DoesNotContain(runner.HighMessages(), m => m.Contains("running stage", StringComparison.Ordinal));
        }

        [Fact]
        public void Locked_mode_with_stale_outs_names_the_out()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();

            repo.Write("models/model.txt", "retrained by hand");
            runner.LockedMode = true;
            Assert.False(runner.Run());

            Assert.Contains("stage 'train' differs from mlops.lock.json: out 'models/model.txt' changed", Assert.Single(runner.Errors("MLG2007")).Message);
        }

        [Fact]
        public void Locked_mode_passes_when_everything_matches_and_flags_unrecorded_or_undeclared_stages()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();
            runner.LockedMode = true;
            Assert.True(runner.Run(), Describe(runner));
            Assert.Empty(runner.Engine.Codes);

            runner.Remove("train");
            runner.Stage("report", "echo r > report.txt", outs: "report.txt");
            Assert.False(runner.Run());
            var messages = runner.Errors("MLG2007").Select(e => e.Message).ToList();
            Assert.Contains(messages, m => m!.StartsWith("stage 'report' differs from mlops.lock.json: it is not in mlops.lock.json (never run)", StringComparison.Ordinal));
            Assert.Contains(messages, m => m!.StartsWith("stage 'train' is in mlops.lock.json but no longer declared", StringComparison.Ordinal));
            Assert.False(File.Exists(repo.Full("report.txt")));
        }

        [Fact]
        public void A_stage_no_longer_declared_leaves_the_lock_and_artifacts_are_kept()
        {
            using var repo = Pipeline(out var runner);
            var artifact = new LockedArtifact("raw/data.txt", "data", new string('a', 64), 6);
            File.WriteAllBytes(repo.LockPath, LockFileWriter.Serialize(new LockFile(new[] { artifact }, null)));
            runner.Run();

            runner.Remove("train");
            Assert.True(runner.Run(), Describe(runner));

            var lockFile = LockFileReader.Read(repo.LockPath);
            Assert.Equal(artifact, Assert.Single(lockFile.Artifacts));
            Assert.Equal("prepare", Assert.Single(lockFile.Stages!).GetProperty("name").GetString());
        }

        [Fact]
        public void The_same_pipeline_gives_the_same_lock_bytes_in_another_clone()
        {
            using var first = Pipeline(out var a);
            using var second = Pipeline(out var b);
            a.Run();
            b.Run();

            Assert.Equal(File.ReadAllBytes(first.LockPath), File.ReadAllBytes(second.LockPath));
            Assert.EndsWith("\n", first.ReadLock());
            Assert.DoesNotContain("\r", first.ReadLock());
        }

        [Fact]
        public void The_working_directory_is_where_the_command_runs()
        {
            using var repo = new TempRepository();
            repo.Write("tools/input.txt", "x");
            var runner = new StageRunner(repo).Stage("copy", "cp input.txt ../out/copied.txt", deps: "tools/input.txt", outs: "out/copied.txt", workingDirectory: "tools");

            Assert.True(runner.Run(), Describe(runner));

            Assert.Equal("x", File.ReadAllText(repo.Full("out/copied.txt")));
            Assert.Contains("\"workingDirectory\": \"tools\"", repo.ReadLock());
        }

        [Theory]
        [InlineData("", "a.txt", "", "has no Command")]
        [InlineData("echo", "", "", "has no Outs")]
        [InlineData("echo", "out/*.txt", "", "is a wildcard pattern")]
        [InlineData("echo", ".", "", "is the project folder or a folder that holds it")]
        [InlineData("echo", "..", "", "is the project folder or a folder that holds it")]
        [InlineData("echo", "/tmp/a.txt", "", "is an absolute path")]
        [InlineData("echo", "a.txt", "params.json", "must name a JSON file and its keys")]
        public void Invalid_stage_items_are_MLG3401_and_nothing_runs(string command, string outs, string parameters, string expected)
        {
            using var repo = new TempRepository();
            var runner = new StageRunner(repo).Stage("train", command, outs: outs, parameters: parameters);

            Assert.False(runner.Run());

            Assert.Contains(expected, Assert.Single(runner.Errors("MLG3401")).Message);
        }

        [Fact]
        public void A_cycle_is_MLG3401_and_nothing_runs()
        {
            using var repo = new TempRepository();
            var runner = new StageRunner(repo)
                .Stage("a", "echo a > a.txt", deps: "b.txt", outs: "a.txt")
                .Stage("b", "echo b > b.txt", deps: "a.txt", outs: "b.txt");

            Assert.False(runner.Run());

            Assert.Contains("the stages form a cycle", Assert.Single(runner.Errors("MLG3401")).Message);
            Assert.False(File.Exists(repo.Full("a.txt")));
        }

        [Fact]
        public void Cancel_kills_the_running_command_and_its_children_and_records_nothing()
        {
            using var repo = new TempRepository();
            var runner = new StageRunner(repo).Stage("train", "sleep 60 & echo $! > child.pid; echo started; wait", outs: "model.zip");
            var task = runner.Create();
            var watch = Stopwatch.StartNew();
            new Thread(() =>
            {
                // Cancel once the command is surely running (its child wrote its id).
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (!File.Exists(repo.Full("child.pid")) && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(20);
                }

                Thread.Sleep(200);
                task.Cancel();
            }).Start();

            Assert.False(task.Execute());

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
            Assert.Empty(task.RanStages);
            Assert.False(File.Exists(repo.LockPath));
            Assert.Contains(runner.Engine.Warnings, w => w.Message!.Contains("stage 'train' was cancelled", StringComparison.Ordinal));
            var child = int.Parse(File.ReadAllText(repo.Full("child.pid")).Trim());
            Assert.True(HasExited(child), $"the command's child {child} still runs");
        }

        [Fact]
        public void Outs_are_reported_so_the_artifact_lock_leaves_them_to_the_stage()
        {
            using var repo = Pipeline(out var runner);
            runner.Run();

            Assert.Equal(
                new[] { "data/clean.txt", "models/model.txt" },
                runner.Last!.OutFiles.Select(o => o.GetMetadata("RelativePath")).OrderBy(p => p, StringComparer.Ordinal));
        }

        /// <summary>Gone, or a zombie waiting to be reaped (in a container nobody may reap it): either way no longer running.</summary>
        private static bool HasExited(int pid)
        {
            for (var i = 0; i < 100; i++)
            {
                var stat = $"/proc/{pid}/stat";
                try
                {
                    if (!File.Exists(stat))
                    {
                        return true;
                    }

                    var text = File.ReadAllText(stat);
                    var state = text.Substring(text.LastIndexOf(')') + 2, 1);
                    if (state == "Z" || state == "X")
                    {
                        return true;
                    }
                }
                catch (IOException)
                {
                    return true;
                }

                Thread.Sleep(50);
            }

            return false;
        }

        /// <summary>raw/data.txt → prepare → data/clean.txt → train (+ two parameters) → models/model.txt.</summary>
        private static TempRepository Pipeline(out StageRunner runner)
        {
            var repo = new TempRepository();
            repo.Write("raw/data.txt", "hello\n");
            repo.Write("train.params.json", "{ \"learningRate\": 0.1, \"trees\": 10, \"comment\": \"first try\" }");
            runner = new StageRunner(repo)
                .Stage("train", Train, deps: "data/clean.txt", outs: "models/model.txt", parameters: "train.params.json:trees,learningRate")
                .Stage("prepare", Prepare, deps: "raw/data.txt", outs: "data/clean.txt");
            return repo;
        }

        private static string Describe(StageRunner runner) =>
            string.Join("\n", runner.Engine.Errors.Select(e => $"{e.Code}: {e.Message}").Concat(runner.Engine.Messages.Select(m => m.Message)));
    }
}
