using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Tasks.Lock;

namespace MlopsGuard.Sdk.Tests.Lock
{
    /// <summary>Runs ResolveArtifacts then LockArtifacts as the MlopsVerifyLock and MlopsLock targets do.</summary>
    public sealed class TaskRunner
    {
        private readonly TempRepository _repo;

        public TaskRunner(TempRepository repo) => _repo = repo;

        public string[] Data { get; set; } = new string[0];

        public string[] Models { get; set; } = new string[0];

        public bool LockedMode { get; set; }

        public bool Enforce { get; set; }

        public int Level { get; set; } = 1;

        /// <summary>The size of hashing the task announces (null: its default).</summary>
        public long? AnnounceHashingFrom { get; set; }

        public RecordingBuildEngine Engine { get; private set; } = new();

        public LockArtifacts? Last { get; private set; }

        public bool Run(bool explicitLock = false)
        {
            Engine = new RecordingBuildEngine();
            var resolve = new ResolveArtifacts
            {
                BuildEngine = Engine,
                Data = Data.Select(d => (ITaskItem)new TaskItem(d)).ToArray(),
                Models = Models.Select(m => (ITaskItem)new TaskItem(m)).ToArray(),
                ProjectDirectory = _repo.Project,
                MlopsLevel = Level,
                MlopsEnforce = Enforce,
            };
            if (!resolve.Execute())
            {
                return false;
            }

            Last = new LockArtifacts
            {
                BuildEngine = Engine,
                Artifacts = resolve.Artifacts,
                Unavailable = resolve.Unavailable,
                LockFile = Path.Combine(_repo.Project, "mlops.lock.json"),
                ProjectDirectory = _repo.Project,
                RepositoryRoot = resolve.ResolvedRepositoryRoot,
                HashCacheFile = "obj/MlopsGuard.HashCache.json",
                LockedMode = LockedMode,
                Explicit = explicitLock,
                MlopsLevel = Level,
                MlopsEnforce = Enforce,
            };
            if (AnnounceHashingFrom is long threshold)
            {
                Last.AnnounceHashingFrom = threshold;
            }

            return Last.Execute();
        }

        public string[] HighMessages() =>
            Engine.Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message!).ToArray();
    }
}
