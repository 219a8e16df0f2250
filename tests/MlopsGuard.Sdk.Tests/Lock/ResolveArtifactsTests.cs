using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Tasks.Lock;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class ResolveArtifactsTests
    {
        [Fact]
        public void Outputs_files_with_relative_path_and_kind_and_the_dvc_files_to_watch()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "a");
            repo.Write("data/a.csv.dvc", "outs:\n- md5: 0cc175b9c0f1b6a831c399e269772661\n  path: a.csv\n");
            repo.Write("models/m.onnx", "m");
            File.WriteAllText(Path.Combine(repo.Root, "dvc.lock"), "schema: '2.0'\n");
            var engine = new RecordingBuildEngine();
            var task = new ResolveArtifacts
            {
                BuildEngine = engine,
                Data = new ITaskItem[] { new TaskItem("data/a.csv") },
                Models = new ITaskItem[] { new TaskItem("models/m.onnx") },
                ProjectDirectory = repo.Project,
            };

            Assert.True(task.Execute());

            Assert.Equal(repo.Root, task.ResolvedRepositoryRoot);
            Assert.Equal(new[] { repo.Full("data/a.csv"), repo.Full("models/m.onnx") }, task.Artifacts.Select(a => a.ItemSpec));
            Assert.Equal(new[] { "data/a.csv", "models/m.onnx" }, task.Artifacts.Select(a => a.GetMetadata("RelativePath")));
            Assert.Equal(new[] { "data", "model" }, task.Artifacts.Select(a => a.GetMetadata("Kind")));
            Assert.Equal(new[] { Path.Combine(repo.Root, "dvc.lock"), repo.Full("data/a.csv.dvc") }.OrderBy(p => p, StringComparer.Ordinal), task.TrackingFiles.Select(t => t.ItemSpec));
            Assert.Empty(engine.Codes);
        }

        [Fact]
        public void An_onnx_models_external_data_file_is_locked_with_it_and_listed_for_the_watch()
        {
            using var repo = new TempRepository();
            File.WriteAllBytes(repo.Write("models/big.onnx", "x"), Validation.OnnxTestWriter.ModelWithExternalWeights("big.onnx.data"));
            File.WriteAllBytes(repo.Write("models/big.onnx.data", "x"), Validation.OnnxTestWriter.ExternalWeights());
            var task = new ResolveArtifacts
            {
                BuildEngine = new RecordingBuildEngine(),
                Models = new ITaskItem[] { new TaskItem("models/big.onnx") },
                ProjectDirectory = repo.Project,
                ExternalDataListFile = "obj/MlopsGuard.ExternalData.txt",
            };

            Assert.True(task.Execute());
            Assert.Equal(new[] { "models/big.onnx", "models/big.onnx.data" }, task.Artifacts.Select(a => a.GetMetadata("RelativePath")));
            Assert.All(task.Artifacts, a => Assert.Equal("model", a.GetMetadata("Kind")));
            Assert.Equal(repo.Full("models/big.onnx.data") + "\n", File.ReadAllText(Path.Combine(repo.Project, "obj", "MlopsGuard.ExternalData.txt")));
            Assert.True(task.Clean);
        }

        [Fact]
        public void Problems_are_MLG2008_with_the_path_as_file_and_missing_paths_are_unavailable()
        {
            using var repo = new TempRepository();
            var engine = new RecordingBuildEngine();
            var task = new ResolveArtifacts
            {
                BuildEngine = engine,
                Data = new ITaskItem[] { new TaskItem("data/missing.csv"), new TaskItem("../../../../x.csv") },
                ProjectDirectory = repo.Project,
                RepositoryRoot = repo.Root,
            };

            Assert.True(task.Execute());

            Assert.Equal(new[] { "MLG2008", "MLG2008" }, engine.Codes);
            Assert.Contains(engine.Warnings, w => w.File == repo.Full("data/missing.csv"));
            Assert.Equal("data/missing.csv", Assert.Single(task.Unavailable).GetMetadata("RelativePath"));
            Assert.Empty(task.Artifacts);
        }
    }
}
