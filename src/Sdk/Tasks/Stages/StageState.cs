using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MlopsGuard.Tasks.Lock.Hashing;
using MlopsGuard.Tasks.Lock.Paths;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Stages
{
    /// <summary>What a stage's deps, parameters and outs are on disk now, hashed (through the hash cache) as the lock records them.</summary>
    internal sealed class StageState
    {
        public List<StageFile> Deps { get; } = new();

        public List<StageFile> Outs { get; } = new();

        public List<StageParam> Params { get; } = new();

        /// <summary>Dep paths or patterns that match no file.</summary>
        public List<string> MissingDeps { get; } = new();

        /// <summary>Out paths with no file (a folder without files counts as missing).</summary>
        public List<string> MissingOuts { get; } = new();

        /// <summary>Problems that stop the stage: unreadable parameters, paths leaving the repository.</summary>
        public List<string> Problems { get; } = new();

        /// <summary>Inspects one stage. Paths are resolved against the project; files must stay inside the repository root.</summary>
        /// <param name="beforeHashing">Given the files about to be hashed (full paths, inside the repository), before any is read.</param>
        public static StageState Inspect(StageDefinition stage, string projectDirectory, string repositoryRoot, HashCache cache, Action<IReadOnlyList<string>>? beforeHashing = null)
        {
            var state = new StageState();
            var realRoot = PathContainment.RealPath(repositoryRoot);

            // Before anything is read, hashed, deleted or created: every declared path stays in the repository, through
            // '..' and through symbolic links, even when it does not exist yet (an out's folder is created before the run).
            var declared = stage.Deps.Select(d => ("dep", d)).Concat(stage.Outs.Select(o => ("out", o)))
                .Concat(stage.Params.Select(p => ("parameters file", p.Path))).Append(("WorkingDirectory", stage.WorkingDirectory));
            foreach (var (what, path) in declared)
            {
                var real = PathContainment.RealPath(Portable.FullPath(Glob.HasWildcard(path) ? FixedPrefix(path) : path, projectDirectory));
                if (!PathContainment.IsLexicallyInside(realRoot, real))
                {
                    state.Problems.Add($"{what} '{path}' leaves the repository root: keep stage files inside the repository, so that a commit versions them.");
                }
            }

            if (state.Problems.Count != 0)
            {
                return state;
            }

            var deps = stage.Deps.Select(dep => (Declared: dep, Files: Resolve(dep, projectDirectory, allowPatterns: true))).ToList();
            var outs = stage.Outs.Select(output => (Declared: output, Files: Resolve(output, projectDirectory, allowPatterns: false))).ToList();
            beforeHashing?.Invoke(deps.Concat(outs).SelectMany(d => d.Files).Distinct(StringComparer.Ordinal)
                .Where(full => PathContainment.IsLexicallyInside(realRoot, PathContainment.RealPath(full))).ToList());

            foreach (var (dep, files) in deps)
            {
                if (files.Count == 0)
                {
                    state.MissingDeps.Add(dep);
                }

                foreach (var full in files)
                {
                    state.Add(state.Deps, full, projectDirectory, realRoot, cache, $"dep '{dep}'");
                }
            }

            foreach (var (output, files) in outs)
            {
                if (files.Count == 0)
                {
                    state.MissingOuts.Add(output);
                }

                foreach (var full in files)
                {
                    state.Add(state.Outs, full, projectDirectory, realRoot, cache, $"out '{output}'");
                }
            }

            foreach (var reference in stage.Params)
            {
                try
                {
                    state.Params.AddRange(ParamsFile.Read(Portable.FullPath(reference.Path, projectDirectory), reference.Path, reference.Keys));
                }
                catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
                {
                    state.Problems.Add(ex.Message);
                }
            }

            return state;
        }

        /// <summary>The folders of a pattern before its first wildcard segment ('.' when it starts with one).</summary>
        private static string FixedPrefix(string pattern)
        {
            var segments = pattern.Split('/');
            var fixedSegments = segments.TakeWhile(s => !Glob.HasWildcard(s)).ToArray();
            return fixedSegments.Length == 0 ? "." : string.Join("/", fixedSegments);
        }

        /// <summary>The files a path stands for: itself, every file below a folder, or the matches of a pattern; sorted.</summary>
        internal static List<string> Resolve(string relative, string projectDirectory, bool allowPatterns)
        {
            var full = Portable.FullPath(relative, projectDirectory);
            if (File.Exists(full))
            {
                return new List<string> { full };
            }

            if (Directory.Exists(full))
            {
                var files = FileTree.AllFiles(full).ToList();
                files.Sort(StringComparer.Ordinal);
                return files;
            }

            return allowPatterns && Glob.HasWildcard(relative) ? Glob.Expand(projectDirectory, relative).ToList() : new List<string>();
        }

        private void Add(List<StageFile> list, string full, string projectDirectory, string realRoot, HashCache cache, string what)
        {
            var relative = PathContainment.Relative(projectDirectory, full);
            if (list.Any(f => f.Path == relative))
            {
                return;
            }

            var real = PathContainment.RealPath(full);
            if (!PathContainment.IsLexicallyInside(realRoot, real))
            {
                Problems.Add($"{what} resolves to '{relative}', outside the repository root: keep stage files inside the repository, so that a commit versions them.");
                return;
            }

            try
            {
                list.Add(new StageFile(relative, cache.Sha256(full), new FileInfo(full).Length));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Problems.Add($"{what}: '{relative}' cannot be read: {ex.Message}");
            }
        }

        /// <summary>How this state differs from the lock entry, one phrase per difference; empty when the stage is up to date.</summary>
        public List<string> Differences(StageDefinition stage, StageRecord? recorded, string lockName)
        {
            var differences = new List<string>();
            if (recorded == null)
            {
                differences.Add($"it is not in {lockName} (never run)");
                return differences;
            }

            if (!string.Equals(recorded.Command, stage.Command, StringComparison.Ordinal))
            {
                differences.Add($"its command changed: expected '{recorded.Command}', actual '{stage.Command}'");
            }

            if (!string.Equals(recorded.WorkingDirectory, stage.WorkingDirectory, StringComparison.Ordinal))
            {
                differences.Add($"its working directory changed: expected '{recorded.WorkingDirectory}', actual '{stage.WorkingDirectory}'");
            }

            foreach (var missing in MissingDeps)
            {
                differences.Add($"dep '{missing}' does not exist");
            }

            CompareFiles("dep", recorded.Deps, Deps, differences);
            CompareParams(recorded.Params, Params, differences);
            foreach (var missing in MissingOuts)
            {
                differences.Add($"out '{missing}' does not exist");
            }

            CompareFiles("out", recorded.Outs, Outs, differences);
            return differences;
        }

        private static void CompareFiles(string what, IReadOnlyList<StageFile> recorded, IReadOnlyList<StageFile> actual, List<string> differences)
        {
            var before = recorded.ToDictionary(f => f.Path, StringComparer.Ordinal);
            foreach (var file in actual)
            {
                if (!before.TryGetValue(file.Path, out var old))
                {
                    differences.Add($"{what} '{file.Path}' is new: expected no file, actual sha256 {file.Sha256} ({file.Size} bytes)");
                    continue;
                }

                if (old != file)
                {
                    differences.Add($"{what} '{file.Path}' changed: expected sha256 {old.Sha256} ({old.Size} bytes), actual sha256 {file.Sha256} ({file.Size} bytes)");
                }

                before.Remove(file.Path);
            }

            foreach (var gone in before.Values.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                // A missing file of a declared path is already said; a file gone from a folder or pattern is said here.
                if (!differences.Any(d => d.StartsWith($"{what} '{gone.Path}' does not exist", StringComparison.Ordinal)))
                {
                    differences.Add($"{what} '{gone.Path}' is gone: expected sha256 {gone.Sha256} ({gone.Size} bytes), actual no file");
                }
            }
        }

        private static void CompareParams(IReadOnlyList<StageParam> recorded, IReadOnlyList<StageParam> actual, List<string> differences)
        {
            var before = recorded.ToDictionary(p => (p.Path, p.Key));
            foreach (var param in actual)
            {
                if (!before.TryGetValue((param.Path, param.Key), out var old))
                {
                    differences.Add($"parameter '{param.Key}' of '{param.Path}' is new");
                    continue;
                }

                if (old.Sha256 != param.Sha256)
                {
                    differences.Add($"parameter '{param.Key}' of '{param.Path}' changed: expected sha256 {old.Sha256}, actual sha256 {param.Sha256}");
                }

                before.Remove((param.Path, param.Key));
            }

            foreach (var gone in before.Values)
            {
                differences.Add($"parameter '{gone.Key}' of '{gone.Path}' is no longer used");
            }
        }

        public StageRecord ToRecord(StageDefinition stage) =>
            new StageRecord(stage.Name, stage.Command, stage.WorkingDirectory, Deps, Outs, Params);
    }
}
