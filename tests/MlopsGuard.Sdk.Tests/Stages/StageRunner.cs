using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Sdk.Tests.Lock;
using MlopsGuard.Tasks.Stages;

namespace MlopsGuard.Sdk.Tests.Stages
{
    /// <summary>Runs the RunStages task as the MlopsStages target does, on stages declared like MlStage items.</summary>
    public sealed class StageRunner
    {
        private readonly TempRepository _repo;
        private readonly List<ITaskItem> _stages = new();

        public StageRunner(TempRepository repo) => _repo = repo;

        public bool LockedMode { get; set; }

        /// <summary>The size of hashing the task announces (null: its default).</summary>
        public long? AnnounceHashingFrom { get; set; }

        public RecordingBuildEngine Engine { get; private set; } = new();

        public RunStages? Last { get; private set; }

        public StageRunner Stage(string name, string command, string? deps = null, string? outs = null, string? parameters = null, string? workingDirectory = null)
        {
            var item = new TaskItem(name);
            item.SetMetadata("Command", command);
            item.SetMetadata("Deps", deps ?? string.Empty);
            item.SetMetadata("Outs", outs ?? string.Empty);
            item.SetMetadata("Params", parameters ?? string.Empty);
            item.SetMetadata("WorkingDirectory", workingDirectory ?? string.Empty);
            _stages.RemoveAll(s => s.ItemSpec == name);
            _stages.Add(item);
            return this;
        }

        public void Remove(string name) => _stages.RemoveAll(s => s.ItemSpec == name);

        public RunStages Create()
        {
            Engine = new RecordingBuildEngine();
            Last = new RunStages
            {
                BuildEngine = Engine,
                Stages = _stages.ToArray(),
                LockFile = Path.Combine(_repo.Project, "mlops.lock.json"),
                ProjectDirectory = _repo.Project,
                HashCacheFile = "obj/MlopsGuard.StagesHashCache.json",
                LockedMode = LockedMode,
            };
            if (AnnounceHashingFrom is long threshold)
            {
                Last.AnnounceHashingFrom = threshold;
            }

            return Last;
        }

        public bool Run() => Create().Execute();

        public string[] Ran => Last!.RanStages.Select(s => s.ItemSpec).ToArray();

        public string[] HighMessages() =>
            Engine.Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message!).ToArray();

        public BuildErrorEventArgs[] Errors(string code) => Engine.Errors.Where(e => e.Code == code).ToArray();
    }
}
