using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MlopsGuard.Tasks.Lock.Paths;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock
{
    /// <summary>One file a declared item stands for.</summary>
    internal sealed record ResolvedArtifact(string RelativePath, string FullPath, string Kind);

    /// <summary>A declaration that yields no artifact (MLG2008), with the path to blame.</summary>
    internal sealed record ArtifactProblem(string File, string Message);

    /// <summary>What the declared items resolve to: files to lock, paths to keep in the lock while missing, and problems.</summary>
    internal sealed class ArtifactResolution
    {
        public List<ResolvedArtifact> Artifacts { get; } = new();

        /// <summary>Declared paths (relative, '/') that are missing on disk: their lock entries are kept, not dropped.</summary>
        public List<string> Unavailable { get; } = new();

        public List<ArtifactProblem> Problems { get; } = new();

        /// <summary>The external data files of the declared ONNX models (full paths), locked with their models.</summary>
        public List<string> ExternalData { get; } = new();
    }

    /// <summary>
    /// Turns MlData/MlModel declarations (files, folders, wildcard patterns) into the sorted list of files they stand for,
    /// every one inside the repository root on its real path.
    /// </summary>
    internal sealed class ArtifactResolver
    {
        private readonly string _projectDirectory;
        private readonly string _repositoryRoot;
        private readonly string _realRepositoryRoot;

        public ArtifactResolver(string projectDirectory, string repositoryRoot)
        {
            _projectDirectory = Path.GetFullPath(projectDirectory);
            _repositoryRoot = Path.GetFullPath(repositoryRoot);
            _realRepositoryRoot = PathContainment.RealPath(_repositoryRoot);
        }

        public ArtifactResolution Resolve(IEnumerable<(string Spec, string Kind)> declarations)
        {
            var resolution = new ArtifactResolution();
            var seen = new HashSet<string>(PathContainment.Comparer);
            foreach (var (rawSpec, kind) in declarations)
            {
                // Project files written on Windows use backslashes; MSBuild reads them as separators everywhere, and so do we.
                var spec = Path.DirectorySeparatorChar == '/' ? rawSpec.Trim().Replace('\\', '/') : rawSpec.Trim();
                if (spec.Length != 0)
                {
                    ResolveOne(spec, kind, resolution, seen);
                }
            }

            resolution.Artifacts.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
            resolution.Unavailable.Sort(StringComparer.Ordinal);
            return resolution;
        }

        private void ResolveOne(string spec, string kind, ArtifactResolution resolution, HashSet<string> seen)
        {
            var itemType = ArtifactKind.ItemTypeOf(kind);
            var full = Portable.FullPath(spec, _projectDirectory);
            var shown = Relative(full);
            if (!PathContainment.IsLexicallyInside(_repositoryRoot, full))
            {
                resolution.Problems.Add(new ArtifactProblem(full, $"{itemType} '{spec}' leaves the repository root '{_repositoryRoot}': keep data and models inside the repository, so that a commit versions them, or set MlopsRepositoryRoot."));
                return;
            }

            if (File.Exists(full))
            {
                AddFile(full, kind, itemType, spec, resolution, seen);
            }
            else if (Directory.Exists(full))
            {
                AddFolder(full, kind, itemType, spec, resolution, seen);
            }
            else if (Glob.HasWildcard(spec))
            {
                var matches = Glob.Expand(_projectDirectory, spec);
                if (matches.Count == 0)
                {
                    resolution.Problems.Add(new ArtifactProblem(full, $"{itemType} '{spec}' matches no file: fix the pattern or restore the files (git lfs pull, dvc pull)."));
                }

                foreach (var match in matches)
                {
                    if (!PathContainment.IsLexicallyInside(_repositoryRoot, match))
                    {
                        resolution.Problems.Add(new ArtifactProblem(match, $"{itemType} '{spec}' matches '{Relative(match)}', which leaves the repository root '{_repositoryRoot}'."));
                        continue;
                    }

                    AddFile(match, kind, itemType, spec, resolution, seen);
                }
            }
            else
            {
                resolution.Problems.Add(new ArtifactProblem(full, $"{itemType} '{spec}' does not exist: restore it (git lfs pull, dvc pull), produce it, or fix the path. A missing artifact is never locked."));
                resolution.Unavailable.Add(shown);
            }
        }

        private void AddFolder(string folder, string kind, string itemType, string spec, ArtifactResolution resolution, HashSet<string> seen)
        {
            if (!IsReallyInside(folder, out var real))
            {
                resolution.Problems.Add(new ArtifactProblem(folder, $"{itemType} '{spec}' is a symbolic link to '{real}', outside the repository root '{_repositoryRoot}': a commit would not version its content."));
                return;
            }

            string[] files;
            try
            {
                // Every file below, hidden ones included; links to folders are listed but not followed (they could loop).
                files = FileTree.AllFiles(folder);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                resolution.Problems.Add(new ArtifactProblem(folder, $"{itemType} '{spec}' cannot be listed: {ex.Message}"));
                return;
            }

            if (files.Length == 0)
            {
                resolution.Problems.Add(new ArtifactProblem(folder, $"{itemType} '{spec}' is a folder without files: there is nothing to version."));
                return;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                AddFile(file, kind, itemType, spec, resolution, seen);
            }
        }

        private void AddFile(string file, string kind, string itemType, string spec, ArtifactResolution resolution, HashSet<string> seen)
        {
            var relative = Relative(file);
            if (!IsReallyInside(file, out var real))
            {
                var through = string.Equals(relative, Relative(Portable.FullPath(spec, _projectDirectory)), StringComparison.Ordinal) ? string.Empty : $" (declared by '{spec}')";
                resolution.Problems.Add(new ArtifactProblem(file, $"{itemType} '{relative}'{through} resolves through a symbolic link to '{real}', outside the repository root '{_repositoryRoot}': a commit would not version its content."));
                return;
            }

            if (seen.Add(relative))
            {
                resolution.Artifacts.Add(new ResolvedArtifact(relative, file, kind));
                if (kind == ArtifactKind.Model)
                {
                    foreach (var external in ExternalDataOf(file))
                    {
                        resolution.ExternalData.Add(external);
                        if (File.Exists(external))
                        {
                            AddFile(external, kind, itemType, spec, resolution, seen);
                        }
                        else if (seen.Add(Relative(external)))
                        {
                            // Missing weights: validation reports them (MLG4003); the lock keeps their entry, as for a missing file.
                            resolution.Unavailable.Add(Relative(external));
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The external data files an ONNX model names in its folder: part of the model, so locked with it. A model that
        /// cannot be read, or names a file that is missing or outside its folder, is validation's to report (MLG4003).
        /// </summary>
        private static IEnumerable<string> ExternalDataOf(string model)
        {
            if (!string.Equals(Path.GetExtension(model), ".onnx", StringComparison.OrdinalIgnoreCase))
            {
                return Array.Empty<string>();
            }

            IReadOnlyList<string> locations;
            try
            {
                using var stream = new FileStream(model, FileMode.Open, FileAccess.Read, FileShare.Read);
                if (stream.Length > Validation.MappedFile.MaxBytes)
                {
                    return Array.Empty<string>();
                }

                locations = Validation.MappedFile.Read(stream, bytes => Validation.OnnxModelReader.Read(bytes)).ExternalData;
            }
            catch (Exception ex) when (ex is Validation.InvalidModelException || ex is IOException || ex is UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }

            return Validation.ExternalDataFiles.Locate(model, locations).Where(l => l.FullPath is not null).Select(l => l.FullPath!).ToList();
        }

        private bool IsReallyInside(string path, out string real)
        {
            real = PathContainment.RealPath(path);
            return PathContainment.IsLexicallyInside(_realRepositoryRoot, real);
        }

        private string Relative(string full) => PathContainment.Relative(_projectDirectory, full);
    }
}
