using System.IO;
using MlopsGuard.Tasks.Maturity;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    public class ArtifactVersioningTests
    {
        [Fact]
        public void Lock_entries_with_a_hash_version_files_and_the_folders_above_them()
        {
            using var repo = new TestRepository();
            repo.Write("src/Sentiment/data/train.csv", "a\n");
            repo.Write("src/Sentiment/data/raw/part.csv", "a\n");
            repo.Write("src/Sentiment/mlops.lock.json", "{ \"version\": 1, \"artifacts\": [ { \"path\": \"./data/train.csv\", \"sha256\": \"00\" }, { \"path\": \"data/raw/part.csv\", \"sha256\": \"11\" }, { \"path\": \"data/nohash.csv\" } ] }");
            var versioning = new ArtifactVersioning(repo.Root, repo.ProjectDirectory, Path.Combine(repo.ProjectDirectory, "mlops.lock.json"));
            Assert.Equal("mlops.lock.json", versioning.VersionedBy(Data(repo, "data/train.csv")));
            Assert.Equal("mlops.lock.json", versioning.VersionedBy(Data(repo, "data/raw/")));
            Assert.Null(versioning.VersionedBy(Data(repo, "data/nohash.csv")));
            Assert.Null(versioning.VersionedBy(Data(repo, "data/*.parquet")));
        }

        [Fact]
        public void Stage_outs_in_the_lock_version_the_models_a_stage_trains()
        {
            using var repo = new TestRepository();
            repo.Write("src/Sentiment/models/model.zip", "m");
            repo.Write("src/Sentiment/models/metrics.json", "{}");
            repo.Write("src/Sentiment/mlops.lock.json", "{ \"version\": 1, \"artifacts\": [], \"stages\": [ { \"name\": \"train\", \"command\": \"x\", \"deps\": [], \"outs\": [ { \"path\": \"models/model.zip\", \"sha256\": \"00\", \"size\": 1 }, { \"path\": \"models/metrics.json\" } ] }, 7 ] }");
            var versioning = new ArtifactVersioning(repo.Root, repo.ProjectDirectory, Path.Combine(repo.ProjectDirectory, "mlops.lock.json"));
            Assert.Equal("mlops.lock.json", versioning.VersionedBy(Data(repo, "models/model.zip")));
            Assert.Null(versioning.VersionedBy(Data(repo, "models/metrics.json")));
        }

        [Theory]
        [InlineData("{ \"artifacts\": [ ")]
        [InlineData("[]")]
        [InlineData("{ \"artifacts\": { \"path\": \"data/train.csv\" } }")]
        [InlineData("{ \"artifacts\": [ 1, \"x\", { \"path\": 3, \"sha256\": \"0\" } ] }")]
        public void Malformed_lock_files_version_nothing_and_never_throw(string content)
        {
            using var repo = new TestRepository();
            repo.Write("src/Sentiment/data/train.csv", "a\n");
            var lockFile = repo.Write("src/Sentiment/mlops.lock.json", content);
            var versioning = new ArtifactVersioning(repo.Root, repo.ProjectDirectory, lockFile);
            Assert.Null(versioning.VersionedBy(Data(repo, "data/train.csv")));
            Assert.True(versioning.LockExists);
        }

        [Fact]
        public void Dvc_files_and_dvc_lock_outs_version_artifacts()
        {
            using var repo = new TestRepository();
            repo.Write("src/Sentiment/data/train.csv", "a\n");
            repo.Write("src/Sentiment/data/train.csv.dvc", "outs:\n- md5: 0\n  path: train.csv\n");
            repo.Write("src/Sentiment/models/model.onnx", "m");
            repo.Write("src/Sentiment/dvc.lock", "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    outs:\n    - path: models/model.onnx   \n      md5: 1\n");
            var versioning = new ArtifactVersioning(repo.Root, repo.ProjectDirectory, null);
            Assert.Equal("train.csv.dvc", versioning.VersionedBy(Data(repo, "data/train.csv")));
            Assert.Equal("src/Sentiment/dvc.lock", versioning.VersionedBy(Data(repo, "models/model.onnx")));
            Assert.False(versioning.LockExists);
        }

        private static DeclaredArtifact Data(TestRepository repo, string declared) =>
            new DeclaredArtifact("data", declared, Path.GetFullPath(Path.Combine(repo.ProjectDirectory, declared)), null);
    }
}
