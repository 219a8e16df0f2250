using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MlopsGuard.Tasks.Lock;
using MlopsGuard.Tasks.Lock.Paths;
using MlopsGuard.Tasks.Lock.Storage;
using MlopsGuard.Tasks.Stages;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// Which locked files a model was trained on, with the hashes the lock holds (CONTRACT §6). In order: the
    /// model's own <c>TrainingData</c> metadata; else, for a model a stage produces, the declared data among the
    /// deps of that stage and of the stages before it; else every data file of the lock.
    /// </summary>
    internal sealed class TrainingDataSelector
    {
        private readonly Dictionary<string, ReleaseFile> files = new(StringComparer.Ordinal);
        private readonly HashSet<string> lockedData = new(StringComparer.Ordinal);
        private readonly List<StageRecord> stages = new();

        public TrainingDataSelector(LockFile lockFile)
        {
            foreach (var artifact in lockFile.Artifacts)
            {
                files[artifact.Path] = new ReleaseFile(artifact.Path, artifact.Sha256, artifact.Size);
                if (artifact.Kind == ArtifactKind.Data)
                {
                    lockedData.Add(artifact.Path);
                }
            }

            var index = 0;
            foreach (var element in lockFile.Stages ?? Array.Empty<JsonElement>())
            {
                StageRecord stage;
                try
                {
                    stage = StageRecord.FromJson(element, index++);
                }
                catch (LockFileFormatException)
                {
                    // The lock check reports a malformed stage; a release records what the readable ones say.
                    continue;
                }

                stages.Add(stage);
                foreach (var file in stage.Deps.Concat(stage.Outs).Where(f => !files.ContainsKey(f.Path)))
                {
                    files[file.Path] = new ReleaseFile(file.Path, file.Sha256, file.Size);
                }
            }
        }

        /// <param name="modelPath">The model, relative to the project with '/'.</param>
        /// <param name="declaredData">The MlData items, relative to the project.</param>
        /// <param name="trainingData">The model's TrainingData metadata (';'-separated paths, folders or globs), or empty.</param>
        public IReadOnlyList<ReleaseFile> Select(string modelPath, IReadOnlyList<string> declaredData, string trainingData)
        {
            var explicitPatterns = Split(trainingData);
            IEnumerable<string> chosen;
            if (explicitPatterns.Count > 0)
            {
                chosen = files.Keys.Where(path => Matches(path, explicitPatterns));
            }
            else if (Upstream(modelPath) is HashSet<string> upstream)
            {
                var declared = declaredData.Select(Normalize).ToList();
                chosen = upstream.Where(path => lockedData.Contains(path) || Matches(path, declared));
            }
            else
            {
                chosen = lockedData;
            }

            return chosen.Where(files.ContainsKey).Select(path => files[path]).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        }

        /// <summary>Every dep of the stage that writes the model and of the stages that stage depends on; null when no stage writes it.</summary>
        private HashSet<string>? Upstream(string modelPath)
        {
            var producer = stages.FirstOrDefault(s => s.Outs.Any(o => o.Path == modelPath));
            if (producer is null)
            {
                return null;
            }

            var deps = new HashSet<string>(StringComparer.Ordinal);
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<StageRecord>();
            pending.Push(producer);
            while (pending.Count > 0)
            {
                var stage = pending.Pop();
                if (!visited.Add(stage.Name))
                {
                    continue;
                }

                foreach (var dep in stage.Deps)
                {
                    deps.Add(dep.Path);
                    foreach (var before in stages.Where(s => s.Outs.Any(o => o.Path == dep.Path)))
                    {
                        pending.Push(before);
                    }
                }
            }

            return deps;
        }

        private static List<string> Split(string patterns) =>
            patterns.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(Normalize).Where(p => p.Length > 0).ToList();

        private static string Normalize(string path)
        {
            var normalized = path.Trim().Replace('\\', '/');
            while (normalized.StartsWith("./", StringComparison.Ordinal))
            {
                normalized = normalized.Substring(2);
            }

            return normalized.TrimEnd('/');
        }

        /// <summary>A path matches a file path, a folder above it, or a glob ('*', '?', '**').</summary>
        internal static bool Matches(string path, IReadOnlyList<string> patterns)
        {
            var comparison = PathContainment.Comparison;
            foreach (var pattern in patterns)
            {
                var matches = Glob.HasWildcard(pattern)
                    ? StagePaths.Matches(pattern, path)
                    : string.Equals(path, pattern, comparison) || path.StartsWith(pattern + "/", comparison);
                if (matches)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
