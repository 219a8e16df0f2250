using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Tasks.Infrastructure;
using MlopsGuard.Tasks.Lock.Dvc;
using MlopsGuard.Tasks.Lock.Paths;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock
{
    /// <summary>
    /// Resolves the declared MlData and MlModel items to the files they stand for (MLG2008 for a missing path or one that
    /// leaves the repository). It reads no data; of an ONNX model it reads the structure, to lock its external data files
    /// with it.
    /// </summary>
    public sealed class ResolveArtifacts : MlopsTask
    {
        public ITaskItem[] Data { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string ProjectDirectory { get; set; } = string.Empty;

        /// <summary><c>$(MlopsRepositoryRoot)</c>; empty: the nearest folder above the project that holds .git.</summary>
        public string? RepositoryRoot { get; set; }

        /// <summary>
        /// Where to list the declared ONNX models' external data files (full paths, one a line), so that the build's
        /// plain-MSBuild watch sees a change to them without reading the models; empty: not written.
        /// </summary>
        public string? ExternalDataListFile { get; set; }

        /// <summary>One item per file: the full path, with <c>RelativePath</c> (to the project, '/'), <c>Kind</c> (data, model) and <c>Stamp</c> (size@ticks).</summary>
        [Output]
        public ITaskItem[] Artifacts { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>Declared paths missing on disk (<c>RelativePath</c>): their lock entries are kept until they come back.</summary>
        [Output]
        public ITaskItem[] Unavailable { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>True when every declared item resolved without a problem: only then may the build remember the check as clean.</summary>
        [Output]
        public bool Clean { get; private set; }

        /// <summary>The DVC files that exist for these artifacts (<c>.dvc</c> beside them, <c>dvc.lock</c>): inputs of the check.</summary>
        [Output]
        public ITaskItem[] TrackingFiles { get; private set; } = Array.Empty<ITaskItem>();

        [Output]
        public string ResolvedRepositoryRoot { get; private set; } = string.Empty;

        protected override void Run()
        {
            var project = Path.GetFullPath(ProjectDirectory);
            ResolvedRepositoryRoot = Paths.RepositoryRoot.Resolve(RepositoryRoot, project);
            var declarations = Data.Select(d => (d.ItemSpec, ArtifactKind.Data)).Concat(Models.Select(m => (m.ItemSpec, ArtifactKind.Model)));
            var resolution = new ArtifactResolver(project, ResolvedRepositoryRoot).Resolve(declarations);

            foreach (var problem in resolution.Problems)
            {
                Report(RuleIdentifiers.ArtifactMissingOrOutside, problem.File, problem.Message);
            }

            Clean = resolution.Problems.Count == 0;
            if (!string.IsNullOrEmpty(ExternalDataListFile))
            {
                var lines = string.Concat(resolution.ExternalData.Select(f => f + "\n"));
                Storage.AtomicFile.WriteIfChanged(Path.GetFullPath(Path.Combine(project, ExternalDataListFile!)), System.Text.Encoding.UTF8.GetBytes(lines));
            }

            Artifacts = resolution.Artifacts.Select(a =>
            {
                var item = new TaskItem(a.FullPath);
                item.SetMetadata("RelativePath", a.RelativePath);
                item.SetMetadata("Kind", a.Kind);
                item.SetMetadata("Stamp", Stamp(a.FullPath));
                return (ITaskItem)item;
            }).ToArray();

            Unavailable = resolution.Unavailable.Select(p =>
            {
                var item = new TaskItem(Portable.FullPath(p, project));
                item.SetMetadata("RelativePath", p);
                return (ITaskItem)item;
            }).ToArray();

            var tracking = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var candidate in resolution.Artifacts.SelectMany(a => DvcTracking.CandidateFiles(a.FullPath)).Concat(DvcLockFiles(project, ResolvedRepositoryRoot)))
            {
                if (File.Exists(candidate))
                {
                    tracking.Add(candidate);
                }
            }

            TrackingFiles = tracking.Select(t => (ITaskItem)new TaskItem(t)).ToArray();
        }

        /// <summary>
        /// Size and last-write time: the build writes them to its settings file, so a file replaced by an older copy (whose
        /// time is not newer than the last check) still makes the incremental check run.
        /// </summary>
        private static string Stamp(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@" + info.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return "?";
            }
        }

        /// <summary>Where a dvc.lock that tracks the project's artifacts is looked for: the project folder and the repository root.</summary>
        internal static IEnumerable<string> DvcLockFiles(string projectDirectory, string repositoryRoot) =>
            new[] { Path.Combine(projectDirectory, "dvc.lock"), Path.Combine(repositoryRoot, "dvc.lock") };
    }
}
