using System;
using System.IO;
using System.Linq;
using MlopsGuard.Tasks.Lock.Dvc;
using MlopsGuard.Tasks.Lock.Storage;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class DvcInteropTests
    {
        private const string AbcMd5 = "900150983cd24fb0d6963f7d28e17f72";

        [Fact]
        public void A_file_tracked_by_a_matching_dvc_file_is_versioned_and_not_locked_twice()
        {
            using var repo = new TempRepository();
            repo.Write("data/train.csv", "abc");
            repo.Write("data/train.csv.dvc", $"outs:\n- md5: {AbcMd5}\n  size: 3\n  hash: md5\n  path: train.csv\n");
            repo.Write("data/other.csv", "x");
            var runner = new TaskRunner(repo) { Data = new[] { "data/train.csv", "data/other.csv" } };

            Assert.True(runner.Run());

            Assert.Empty(runner.Engine.Codes);
            Assert.Equal(new[] { "data/other.csv" }, LockFileReader.Read(repo.LockPath).Artifacts.Select(a => a.Path));
        }

        [Fact]
        public void Only_dvc_tracked_artifacts_need_no_lock_file()
        {
            using var repo = new TempRepository();
            repo.Write("data/train.csv", "abc");
            repo.Write("data/train.csv.dvc", $"outs:\n- md5: {AbcMd5}\n  path: train.csv\n");
            var runner = new TaskRunner(repo) { Data = new[] { "data/train.csv" }, LockedMode = true, Enforce = true };
            Assert.True(runner.Run());
            Assert.False(File.Exists(repo.LockPath));
        }

        [Fact]
        public void A_file_that_differs_from_its_dvc_file_is_MLG2007_a_warning_outside_locked_mode()
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/train.csv", "abcd");
            repo.Write("data/train.csv.dvc", $"outs:\n- md5: {AbcMd5}\n  size: 3\n  path: train.csv\n");
            var runner = new TaskRunner(repo) { Data = new[] { "data/train.csv" } };

            Assert.True(runner.Run());

            var warning = Assert.Single(runner.Engine.Warnings);
            Assert.Equal("MLG2007", warning.Code);
            Assert.Equal(path, warning.File);
            Assert.Contains("differs from data/train.csv.dvc: expected md5 " + AbcMd5 + " (3 bytes), actual md5 e2fc714c4727ee9395f324cd2e7f331f (4 bytes)", warning.Message, StringComparison.Ordinal);
            Assert.False(runner.Last!.Clean);
        }

        [Fact]
        public void A_file_that_differs_from_its_dvc_file_is_an_error_in_locked_mode()
        {
            using var repo = new TempRepository();
            repo.Write("data/train.csv", "abcd");
            repo.Write("data/train.csv.dvc", $"outs:\n- md5: {AbcMd5}\n  size: 3\n  path: train.csv\n");
            var runner = new TaskRunner(repo) { Data = new[] { "data/train.csv" }, LockedMode = true };
            Assert.False(runner.Run());
            Assert.Equal("MLG2007", Assert.Single(runner.Engine.Errors).Code);
        }

        [Fact]
        public void Outs_and_deps_of_a_dvc_lock_in_the_project_or_the_repository_root_count()
        {
            using var repo = new TempRepository();
            repo.Write("models/model.pkl", "abc");
            repo.Write("data/raw.csv", string.Empty);
            repo.Write("dvc.lock",
                "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    deps:\n    - path: data/raw.csv\n      md5: d41d8cd98f00b204e9800998ecf8427e\n      size: 0\n" +
                $"    outs:\n    - path: models/model.pkl\n      hash: md5\n      md5: {AbcMd5}\n      size: 3\n");
            File.WriteAllText(Path.Combine(repo.Root, "dvc.lock"), $"schema: '2.0'\nstages:\n  s:\n    cmd: x\n    outs:\n    - path: src/app/models/model.pkl\n      md5: {new string('0', 32)}\n");

            var runner = new TaskRunner(repo) { Data = new[] { "data/raw.csv" }, Models = new[] { "models/model.pkl" } };
            Assert.True(runner.Run());

            // The project's dvc.lock is read first and the repository's later: the later record for the same file wins.
            var warning = Assert.Single(runner.Engine.Warnings);
            Assert.Contains("models/model.pkl", warning.Message, StringComparison.Ordinal);
            Assert.Contains("../../dvc.lock", warning.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(repo.LockPath));
        }

        [Fact]
        public void A_folder_tracked_as_a_whole_is_left_to_the_lock_file()
        {
            using var repo = new TempRepository();
            repo.Write("data/images/a.png", "abc");
            repo.Write("data/images.dvc", "outs:\n- md5: 153aad06d376b6595932470e459ef42a.dir\n  size: 3\n  nfiles: 1\n  path: images\n");
            var runner = new TaskRunner(repo) { Data = new[] { "data/images" } };
            Assert.True(runner.Run());
            Assert.Equal(new[] { "data/images/a.png" }, LockFileReader.Read(repo.LockPath).Artifacts.Select(a => a.Path));
        }

        [Fact]
        public void A_broken_dvc_file_is_reported_and_the_artifact_is_locked_instead()
        {
            using var repo = new TempRepository();
            repo.Write("data/train.csv", "abc");
            var dvcFile = repo.Write("data/train.csv.dvc", "outs:\n- md5: '900150983cd24fb0d6963f7d28e17f72\n");
            var runner = new TaskRunner(repo) { Data = new[] { "data/train.csv" } };

            Assert.True(runner.Run());

            var warning = Assert.Single(runner.Engine.Warnings);
            Assert.Equal("MLG2007", warning.Code);
            Assert.Equal(dvcFile, warning.File);
            Assert.Contains("line 2", warning.Message, StringComparison.Ordinal);
            Assert.Single(LockFileReader.Read(repo.LockPath).Artifacts);
        }

        [Fact]
        public void A_dvc_file_for_another_output_does_not_track_the_artifact()
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/train.csv", "abc");
            repo.Write("data/train.csv.dvc", $"outs:\n- md5: {AbcMd5}\n  path: other.csv\n");
            Assert.Null(new DvcTracking(Array.Empty<string>()).Find(path));
        }
    }
}
