using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Whether a declared artifact is versioned: listed in the project's lock file (<c>$(MlopsLockFile)</c>, paths
    /// relative to the project, CONTRACT §6), or tracked by DVC (a <c>&lt;path&gt;.dvc</c> file beside it, or an
    /// <c>outs</c> path of a <c>dvc.lock</c> in the project folder or a folder above it up to the repository root).
    /// </summary>
    internal sealed class ArtifactVersioning
    {
        private const int MaxLockBytes = 16 * 1024 * 1024;

        private readonly string _projectDirectory;
        private readonly HashSet<string> _locked;
        private readonly List<(string Directory, string RelativeLock, HashSet<string> Paths)> _dvcLocks;

        public ArtifactVersioning(string repositoryRoot, string projectDirectory, string? lockFile)
        {
            _projectDirectory = projectDirectory;
            LockFile = lockFile;
            _locked = ReadLock(lockFile, out var problem);
            LockProblem = problem;
            LockExists = lockFile != null && File.Exists(lockFile);
            _dvcLocks = new List<(string, string, HashSet<string>)>();
            for (var dir = new DirectoryInfo(projectDirectory); dir != null && RepositoryPath.IsUnder(repositoryRoot, dir.FullName); dir = dir.Parent)
            {
                var dvcLock = Path.Combine(dir.FullName, "dvc.lock");
                if (File.Exists(dvcLock))
                {
                    _dvcLocks.Add((dir.FullName, RepositoryPath.Relative(repositoryRoot, dvcLock), DvcLockPaths(dvcLock)));
                }
            }
        }

        public string? LockFile { get; }

        public bool LockExists { get; }

        /// <summary>Why the lock file could not be read, when it exists but is unreadable.</summary>
        public string? LockProblem { get; }

        /// <summary>Where the artifact is versioned (a file name for the evidence), or null.</summary>
        public string? VersionedBy(DeclaredArtifact artifact)
        {
            if (artifact.IsUnmatchedPattern)
            {
                return null;
            }

            var relative = Portable.RelativePath(_projectDirectory, artifact.FullPath).Replace('\\', '/').TrimEnd('/');
            if (_locked.Contains(relative) || (artifact.IsFolder && _locked.Any(p => p.StartsWith(relative + "/", StringComparison.Ordinal))))
            {
                return Path.GetFileName(LockFile);
            }

            var dvcFile = artifact.FullPath.TrimEnd('/', '\\') + ".dvc";
            if (File.Exists(dvcFile))
            {
                return Path.GetFileName(dvcFile);
            }

            foreach (var (directory, relativeLock, paths) in _dvcLocks)
            {
                var fromLock = Portable.RelativePath(directory, artifact.FullPath).Replace('\\', '/').TrimEnd('/');
                if (paths.Contains(fromLock) || paths.Any(p => fromLock.StartsWith(p + "/", StringComparison.Ordinal)))
                {
                    return relativeLock;
                }
            }

            return null;
        }

        /// <summary>Adds the <c>path</c> of every entry with a <c>sha256</c> in the array <paramref name="property"/> of <paramref name="owner"/>.</summary>
        private static void AddHashedPaths(JsonElement owner, string property, HashSet<string> paths)
        {
            if (!owner.TryGetProperty(property, out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String
                    && entry.TryGetProperty("sha256", out var hash) && hash.ValueKind == JsonValueKind.String)
                {
                    var value = path.GetString()!.Replace('\\', '/');
                    paths.Add(value.StartsWith("./", StringComparison.Ordinal) ? value.Substring(2) : value);
                }
            }
        }

        /// <summary>The artifact paths of a lock file (artifacts and stage outs); tolerant: anything unreadable yields none.</summary>
        internal static HashSet<string> ReadLock(string? lockFile, out string? problem)
        {
            problem = null;
            var paths = new HashSet<string>(StringComparer.Ordinal);
            if (lockFile is null || !File.Exists(lockFile))
            {
                return paths;
            }

            try
            {
                if (new FileInfo(lockFile).Length > MaxLockBytes)
                {
                    problem = $"{Path.GetFileName(lockFile)} is larger than {MaxLockBytes / (1024 * 1024)} MB";
                    return paths;
                }

                using var document = JsonDocument.Parse(File.ReadAllBytes(lockFile), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    AddHashedPaths(document.RootElement, "artifacts", paths);

                    // The outs of a stage are versioned by its entry (CONTRACT §4): a model a stage trains is not listed twice.
                    if (document.RootElement.TryGetProperty("stages", out var stages) && stages.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var stage in stages.EnumerateArray())
                        {
                            if (stage.ValueKind == JsonValueKind.Object)
                            {
                                AddHashedPaths(stage, "outs", paths);
                            }
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is IOException || ex is UnauthorizedAccessException)
            {
                problem = $"{Path.GetFileName(lockFile)} cannot be read ({ex.Message})";
                paths.Clear();
            }

            return paths;
        }

        /// <summary>The <c>path:</c> values of a dvc.lock (line-based: the outs and deps of its stages).</summary>
        internal static HashSet<string> DvcLockPaths(string dvcLock)
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var raw in BoundedText.Lines(dvcLock))
            {
                var line = raw.Trim();
                if (line.StartsWith("- ", StringComparison.Ordinal))
                {
                    line = line.Substring(2).TrimStart();
                }

                if (line.StartsWith("path:", StringComparison.Ordinal))
                {
                    var value = line.Substring(5).Trim().Trim('"', '\'').Replace('\\', '/').TrimEnd('/');
                    if (value.Length > 0)
                    {
                        paths.Add(value.StartsWith("./", StringComparison.Ordinal) ? value.Substring(2) : value);
                    }
                }
            }

            return paths;
        }
    }
}
