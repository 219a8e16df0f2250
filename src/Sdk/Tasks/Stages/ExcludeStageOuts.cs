using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using MlopsGuard.Tasks.Infrastructure;

namespace MlopsGuard.Tasks.Stages
{
    /// <summary>
    /// Takes the outs of <c>MlStage</c> items out of the resolved MlData/MlModel artifacts: a stage's lock entry already
    /// versions them (with the deps that made them), so an out declared as MlModel too is locked once, in its stage.
    /// Reads no files.
    /// </summary>
    public sealed class ExcludeStageOuts : MlopsTask
    {
        public ITaskItem[] Stages { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Resolved artifacts with <c>RelativePath</c> metadata (ResolveArtifacts' Artifacts or Unavailable).</summary>
        public ITaskItem[] Artifacts { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string ProjectDirectory { get; set; } = string.Empty;

        /// <summary>The artifacts that no stage writes, unchanged.</summary>
        [Output]
        public ITaskItem[] Remaining { get; private set; } = Array.Empty<ITaskItem>();

        protected override void Run()
        {
            var project = Path.GetFullPath(ProjectDirectory);
            var outs = Stages.SelectMany(s => StageDefinition.Split(s.GetMetadata("Outs"))).Select(o => StagePaths.Normalize(o, project)).ToList();
            Remaining = Artifacts.Where(a => !IsOut(Relative(a, project), outs)).ToArray();
        }

        private static string Relative(ITaskItem artifact, string project)
        {
            var relative = artifact.GetMetadata("RelativePath");
            return relative.Length != 0 ? relative : StagePaths.Normalize(artifact.ItemSpec, project);
        }

        private static bool IsOut(string relative, List<string> outs) =>
            outs.Any(o => string.Equals(o, relative, Lock.Paths.PathContainment.Comparison) || StagePaths.IsBelow(relative, o));
    }
}
