using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Storage;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class LockArtifactsTests
    {
        private const string AbcSha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        private const string EmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        [Fact]
        public void The_first_build_creates_the_lock_and_says_so_once()
        {
            using var repo = new TempRepository();
            repo.Write("data/train.csv", "abc");
            repo.Write("models/m.zip", string.Empty);
            var runner = new TaskRunner(repo) { Data = new[] { "data/train.csv" }, Models = new[] { "models/m.zip" } };

            Assert.True(runner.Run());

            var lockFile = LockFileReader.Read(repo.LockPath);
            Assert.Equal(
                new[] { new LockedArtifact("data/train.csv", "data", AbcSha, 3), new LockedArtifact("models/m.zip", "model", EmptySha, 0) },
                lockFile.Artifacts);
            Assert.Equal("MlopsGuard: created mlops.lock.json (2 artifacts)", Assert.Single(runner.HighMessages()));
            Assert.Empty(runner.Engine.Codes);
            Assert.True(runner.Last!.Clean);
        }

        [Fact]
        public void A_rebuild_leaves_the_lock_byte_identical_and_untouched_and_reads_no_data()
        {
            using var repo = new TempRepository();
            repo.Write("data/train.csv", "abc");
            var runner = new TaskRunner(repo) { Data = new[] { "data" } };
            runner.Run();
            var bytes = File.ReadAllBytes(repo.LockPath);
            var stamp = File.GetLastWriteTimeUtc(repo.LockPath);
            Assert.Equal(1, runner.Last!.FilesHashed);

            Assert.True(runner.Run());

            Assert.Equal(bytes, File.ReadAllBytes(repo.LockPath));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(repo.LockPath));
            Assert.Empty(runner.HighMessages());
            Assert.Equal(0, runner.Last!.FilesHashed);
        }

        [Fact]
        public void Hashing_says_so_in_one_line_before_it_reads_when_the_cache_cannot_answer_for_enough_bytes()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "12345");
            repo.Write("data/b.csv", "123");
            repo.Write("models/m.zip", "1234567890");
            var runner = new TaskRunner(repo) { Data = new[] { "data" }, Models = new[] { "models/m.zip" }, AnnounceHashingFrom = 10 };

            Assert.True(runner.Run());
            Assert.Equal(new[] { "MlopsGuard: hashing 3 files, 18 bytes, for mlops.lock.json", "MlopsGuard: created mlops.lock.json (3 artifacts)" }, runner.HighMessages());

            // The cache answers for every file: nothing is read, nothing said.
            Assert.True(runner.Run());
            Assert.Empty(runner.HighMessages());

            // Only what the cache cannot answer for counts, and only when it reaches the threshold.
            repo.Write("data/a.csv", "1234567890ab");
            Assert.True(runner.Run());
            Assert.Equal("MlopsGuard: hashing 1 file, 12 bytes, for mlops.lock.json", runner.HighMessages()[0]);
            repo.Write("data/b.csv", "1");
            Assert.True(runner.Run());
            Assert.Equal(new[] { "MlopsGuard: updated mlops.lock.json (1 artifact changed)" }, runner.HighMessages());
            Assert.Equal(1, runner.Last!.FilesHashed);
        }

        [Fact]
        public void A_change_outside_locked_mode_updates_the_lock_and_counts_the_changes()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "a");
            repo.Write("data/b.csv", "b");
            var runner = new TaskRunner(repo) { Data = new[] { "data" } };
            runner.Run();

            repo.Write("data/a.csv", "abc");
            File.Delete(repo.Full("data/b.csv"));
            repo.Write("data/c.csv", "c");
            Assert.True(runner.Run());

            Assert.Equal("MlopsGuard: updated mlops.lock.json (3 artifacts changed)", Assert.Single(runner.HighMessages()));
            Assert.Equal(new[] { "data/a.csv", "data/c.csv" }, LockFileReader.Read(repo.LockPath).Artifacts.Select(a => a.Path));
            Assert.Equal(AbcSha, LockFileReader.Read(repo.LockPath).Artifacts[0].Sha256);
        }

        [Fact]
        public void In_locked_mode_a_changed_artifact_is_MLG2007_with_both_hashes_and_the_lock_is_not_written()
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/train.csv", string.Empty);
            var runner = new TaskRunner(repo) { Data = new[] { "data/train.csv" } };
            runner.Run();
            var before = File.ReadAllBytes(repo.LockPath);

            repo.Write("data/train.csv", "abc");
            runner.LockedMode = true;
            Assert.False(runner.Run());

            var error = Assert.Single(runner.Engine.Errors);
            Assert.Equal("MLG2007", error.Code);
            Assert.Equal(path, error.File);
            Assert.Contains("'data/train.csv'", error.Message, StringComparison.Ordinal);
            Assert.Contains("expected sha256 " + EmptySha + " (0 bytes)", error.Message, StringComparison.Ordinal);
            Assert.Contains("actual sha256 " + AbcSha + " (3 bytes)", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(repo.LockPath));
            Assert.False(runner.Last!.Clean);
        }

        [Fact]
        public void In_locked_mode_new_and_dropped_artifacts_are_errors_too()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "a");
            repo.Write("data/b.csv", "b");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv" } };
            runner.Run();

            runner.Data = new[] { "data/b.csv" };
            runner.LockedMode = true;
            Assert.False(runner.Run());

            var messages = runner.Engine.Errors.Select(e => e.Message!).OrderBy(m => m, StringComparer.Ordinal).ToArray();
            Assert.Equal(2, messages.Length);
            Assert.Contains("'data/a.csv' is locked in mlops.lock.json", messages[0], StringComparison.Ordinal);
            Assert.Contains("'data/b.csv' is not in mlops.lock.json", messages[1], StringComparison.Ordinal);
        }

        [Fact]
        public void In_locked_mode_many_differences_are_listed_up_to_a_limit_then_counted()
        {
            using var repo = new TempRepository();
            for (var i = 0; i < 25; i++)
            {
                repo.Write($"data/f{i:00}.csv", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var runner = new TaskRunner(repo) { Data = new[] { "data" }, LockedMode = true };
            Assert.False(runner.Run());

            var errors = runner.Engine.Errors.ToList();
            Assert.Equal(MlopsGuard.Tasks.Lock.LockArtifacts.MaxReportedDifferences + 1, errors.Count);
            Assert.Contains("5 more artifacts differ", errors.Last().Message, StringComparison.Ordinal);
        }

        [Fact]
        public void In_locked_mode_a_missing_lock_is_an_error_and_is_not_created()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "a");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv" }, LockedMode = true };
            Assert.False(runner.Run());
            Assert.Contains("does not exist", Assert.Single(runner.Engine.Errors).Message, StringComparison.Ordinal);
            Assert.False(File.Exists(repo.LockPath));
        }

        [Fact]
        public void In_locked_mode_a_matching_lock_passes_whatever_its_formatting()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "abc");
            File.WriteAllText(repo.LockPath, "{\"version\":1,\"artifacts\":[{\"size\":3,\"sha256\":\"" + AbcSha + "\",\"kind\":\"data\",\"path\":\"data/a.csv\"}]}");
            var written = File.ReadAllText(repo.LockPath);
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv" }, LockedMode = true, Enforce = true };

            Assert.True(runner.Run());
            Assert.Empty(runner.Engine.Codes);
            Assert.Equal(written, File.ReadAllText(repo.LockPath));
        }

        [Fact]
        public void The_explicit_MlopsLock_writes_even_in_locked_mode()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "a");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv" }, LockedMode = true };
            Assert.True(runner.Run(explicitLock: true));
            Assert.True(File.Exists(repo.LockPath));

            Assert.True(runner.Run(explicitLock: true));
            Assert.Equal("MlopsGuard: mlops.lock.json is up to date (1 artifact)", Assert.Single(runner.HighMessages()));
        }

        [Fact]
        public void Stages_of_an_existing_lock_are_kept_untouched()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "abc");
            File.WriteAllText(repo.LockPath, "{\"version\":1,\"artifacts\":[],\"stages\":[{\"name\":\"train\",\"command\":\"dotnet run\",\"deps\":[],\"outs\":[]}]}");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv" } };
            Assert.True(runner.Run());

            using var document = JsonDocument.Parse(File.ReadAllBytes(repo.LockPath));
            Assert.Equal("train", document.RootElement.GetProperty("stages")[0].GetProperty("name").GetString());
            Assert.Equal(1, document.RootElement.GetProperty("artifacts").GetArrayLength());
        }

        [Fact]
        public void A_broken_lock_is_MLG2007_naming_the_file_never_a_crash_and_is_not_overwritten()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "abc");
            File.WriteAllText(repo.LockPath, "{\n  \"version\": 1,\n  \"artifacts\": [\n    {\"path\": \"data/a.csv\",,}\n");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv" } };

            Assert.False(runner.Run());

            var error = Assert.Single(runner.Engine.Errors);
            Assert.Equal("MLG2007", error.Code);
            Assert.Equal(repo.LockPath, error.File);
            Assert.Contains("mlops.lock.json cannot be read: line 4", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("unexpectedly", error.Message, StringComparison.Ordinal);
            Assert.StartsWith("{\n  \"version\": 1,\n  \"artifacts\": [\n    {\"path\"", File.ReadAllText(repo.LockPath), StringComparison.Ordinal);
        }

        [Fact]
        public void The_explicit_MlopsLock_replaces_a_broken_lock()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "abc");
            File.WriteAllText(repo.LockPath, "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv" } };

            Assert.True(runner.Run(explicitLock: true));
            Assert.Equal(AbcSha, LockFileReader.Read(repo.LockPath).Artifacts.Single().Sha256);
        }

        [Fact]
        public void A_missing_artifact_keeps_its_lock_entry_and_reports_MLG2008()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "abc");
            repo.Write("data/big/part1.bin", "1");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv", "data/big" } };
            runner.Run();
            var before = File.ReadAllBytes(repo.LockPath);

            Directory.Delete(repo.Full("data/big"), recursive: true);
            File.Delete(repo.Full("data/a.csv"));
            Assert.True(runner.Run());

            Assert.Equal(new[] { "MLG2008", "MLG2008" }, runner.Engine.Codes);
            Assert.Equal(before, File.ReadAllBytes(repo.LockPath));
        }

        [Fact]
        public void An_escaping_artifact_never_enters_the_lock()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "abc");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv", "../../../x.csv" } };
            Assert.True(runner.Run());
            Assert.Equal(new[] { "MLG2008" }, runner.Engine.Codes);
            Assert.Equal(new[] { "data/a.csv" }, LockFileReader.Read(repo.LockPath).Artifacts.Select(a => a.Path));
        }

        [Fact]
        public void MLG2008_is_an_error_when_enforced_and_a_suggestion_at_level_0()
        {
            using var repo = new TempRepository();
            var enforced = new TaskRunner(repo) { Data = new[] { "data/none.csv" }, Enforce = true };
            Assert.False(enforced.Run());
            Assert.Equal("MLG2008", Assert.Single(enforced.Engine.Errors).Code);

            var level0 = new TaskRunner(repo) { Data = new[] { "data/none.csv" }, Level = 0 };
            Assert.True(level0.Run());
            Assert.Empty(level0.Engine.Codes);
        }

        [Fact]
        public void A_file_that_cannot_be_read_is_MLG2008_and_keeps_its_lock_entry()
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/a.csv", "abc");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv" } };
            runner.Run();
            var before = File.ReadAllBytes(repo.LockPath);

            // Resolved, then gone before it is hashed (a race with another process); a folder in its place cannot be read either.
            var task = new MlopsGuard.Tasks.Lock.LockArtifacts
            {
                BuildEngine = new Infrastructure.RecordingBuildEngine(),
                Artifacts = new Microsoft.Build.Framework.ITaskItem[] { Item(repo.Full("data/gone.csv"), "data/gone.csv"), Item(repo.Full("data"), "data") },
                LockFile = repo.LockPath,
                ProjectDirectory = repo.Project,
            };
            Assert.True(task.Execute());
            var engine = (Infrastructure.RecordingBuildEngine)task.BuildEngine;
            Assert.Equal(new[] { "MLG2008", "MLG2008" }, engine.Codes);
            Assert.Contains(engine.Warnings, w => w.Message!.Contains("'data/gone.csv' cannot be read", StringComparison.Ordinal));
            Assert.DoesNotContain(engine.Errors, e => e.Message!.Contains("unexpectedly", StringComparison.Ordinal));
            Assert.True(File.Exists(path));
            Assert.Equal(before, File.ReadAllBytes(repo.LockPath));
        }

        [Fact]
        public void A_declared_folder_holding_the_lock_does_not_lock_the_lock()
        {
            using var repo = new TempRepository();
            repo.Write("a.csv", "abc");
            var runner = new TaskRunner(repo) { Data = new[] { "." } };
            runner.Run();
            var first = File.ReadAllBytes(repo.LockPath);

            Assert.True(runner.Run());
            Assert.Empty(runner.HighMessages());
            Assert.Equal(first, File.ReadAllBytes(repo.LockPath));
            Assert.DoesNotContain("\"mlops.lock.json\"", File.ReadAllText(repo.LockPath), StringComparison.Ordinal);
        }

        [Fact]
        public void No_lock_is_created_for_a_project_without_artifacts()
        {
            using var repo = new TempRepository();
            var runner = new TaskRunner(repo);
            Assert.True(runner.Run());
            Assert.False(File.Exists(repo.LockPath));
        }

        [Fact]
        public void A_cache_hit_after_a_touch_without_change_keeps_the_lock_and_a_real_change_is_seen()
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/a.csv", "abc");
            var runner = new TaskRunner(repo) { Data = new[] { "data/a.csv" } };
            runner.Run();

            // Same size and time: the cache answers. Same size, new time: hashed again, same hash, no change.
            runner.Run();
            Assert.Equal(0, runner.Last!.FilesHashed);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-3));
            runner.Run();
            Assert.Equal(1, runner.Last!.FilesHashed);
            Assert.Empty(runner.HighMessages());

            // Same size and time but other bytes defeats any stat cache; a real edit changes the time, and is seen.
            repo.Write("data/a.csv", "xyz");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-2));
            runner.Run();
            Assert.Equal(1, runner.Last!.FilesHashed);
            Assert.Single(runner.HighMessages());
        }

        private static Microsoft.Build.Framework.ITaskItem Item(string full, string relative)
        {
            var item = new Microsoft.Build.Utilities.TaskItem(full);
            item.SetMetadata("RelativePath", relative);
            item.SetMetadata("Kind", "data");
            return item;
        }
    }
}
