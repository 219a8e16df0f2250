using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// One bounded walk of the repository for the evidence that is spread over the tree: project files (test projects
    /// and what they reference) and the C# sources of test projects. Skips <c>bin/</c>, <c>obj/</c>,
    /// <c>node_modules/</c>, <c>.git/</c> and other dot-folders, and symbolic links; stops at <see cref="Limits"/>.
    /// Records a stamp (each visited folder's and each read file's write time) so a cached scan can be checked without
    /// walking the tree again (see <see cref="RepositoryScanCache"/>).
    /// </summary>
    internal sealed class RepositoryScan
    {
        public RepositoryScan(string root, IReadOnlyList<ProjectFileFacts> projects, IReadOnlyList<StampEntry> stamp, bool truncated, int entriesVisited)
        {
            Root = root;
            Projects = projects;
            Stamp = stamp;
            Truncated = truncated;
            EntriesVisited = entriesVisited;
        }

        public string Root { get; }

        public IReadOnlyList<ProjectFileFacts> Projects { get; }

        /// <summary>Visited folders (length -1) and read files, with their write times: what the scan depends on.</summary>
        public IReadOnlyList<StampEntry> Stamp { get; }

        /// <summary>A limit stopped the walk: projects beyond it were not seen.</summary>
        public bool Truncated { get; }

        public int EntriesVisited { get; }

        private static readonly HashSet<string> SkippedFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", "packages", "TestResults", "artifacts" };

        public static RepositoryScan Walk(string root, ScanLimits limits)
        {
            var projects = new List<string>();
            var sources = new List<string>();
            var stamp = new List<StampEntry>();
            var entries = 0;
            var truncated = false;
            var pending = new Stack<(string Path, int Depth)>();
            pending.Push((root, 0));
            while (pending.Count > 0)
            {
                var (directory, depth) = pending.Pop();
                if (stamp.Count >= limits.MaxFolders || entries >= limits.MaxEntries)
                {
                    truncated = true;
                    break;
                }

                stamp.Add(StampEntry.OfFolder(root, directory));
                string[] children;
                string[] files;
                try
                {
                    children = Directory.GetDirectories(directory);
                    files = Directory.GetFiles(directory);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    continue;
                }

                entries += children.Length + files.Length;
                Array.Sort(files, StringComparer.Ordinal);
                foreach (var file in files)
                {
                    if (IsProjectFile(file))
                    {
                        projects.Add(file);
                    }
                    else if (file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                    {
                        sources.Add(file);
                    }
                }

                if (depth >= limits.MaxDepth)
                {
                    truncated |= children.Length > 0;
                    continue;
                }

                Array.Sort(children, StringComparer.Ordinal);
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    var name = Path.GetFileName(children[i]);
                    if (name.StartsWith(".", StringComparison.Ordinal) || SkippedFolders.Contains(name) || IsLink(children[i]))
                    {
                        continue;
                    }

                    pending.Push((children[i], depth + 1));
                }
            }

            if (projects.Count > limits.MaxProjects)
            {
                projects.RemoveRange(limits.MaxProjects, projects.Count - limits.MaxProjects);
                truncated = true;
            }

            // Sorted, so the sources below a project folder are one range found by binary search (a monorepo can hold
            // thousands of projects and a hundred thousand sources); only test projects ever ask for theirs.
            sources.Sort(StringComparer.Ordinal);
            var facts = new List<ProjectFileFacts>();
            foreach (var project in projects)
            {
                var directory = Path.GetDirectoryName(project)! + Path.DirectorySeparatorChar;
                IReadOnlyList<string>? own = null;
                var fact = ProjectFileFacts.Read(root, project, () => own = SourcesUnder(sources, directory, limits.MaxSourcesPerProject));
                facts.Add(fact);
                stamp.Add(StampEntry.OfFile(root, project));
                if (own != null)
                {
                    stamp.AddRange(own.Select(s => StampEntry.OfFile(root, s)));
                }
            }

            return new RepositoryScan(root, facts, stamp, truncated, entries);
        }

        private static IReadOnlyList<string> SourcesUnder(List<string> sortedSources, string directory, int limit)
        {
            var index = sortedSources.BinarySearch(directory, StringComparer.Ordinal);
            var result = new List<string>();
            for (var i = index < 0 ? ~index : index; i < sortedSources.Count && result.Count < limit && sortedSources[i].StartsWith(directory, StringComparison.Ordinal); i++)
            {
                result.Add(sortedSources[i]);
            }

            return result;
        }

        private static bool IsProjectFile(string file) =>
            file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            || file.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
            || file.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase);

        private static bool IsLink(string directory)
        {
            try
            {
                return (File.GetAttributes(directory) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return true;
            }
        }
    }

    /// <summary>Bounds of one repository walk.</summary>
    internal sealed class ScanLimits
    {
        public static readonly ScanLimits Default = new ScanLimits();

        public int MaxFolders { get; set; } = 20000;

        public int MaxEntries { get; set; } = 200000;

        public int MaxDepth { get; set; } = 24;

        public int MaxProjects { get; set; } = 5000;

        public int MaxSourcesPerProject { get; set; } = 500;
    }

    /// <summary>A path relative to the root with its write time (and length for files; -1 for folders).</summary>
    internal readonly struct StampEntry : IEquatable<StampEntry>
    {
        public StampEntry(string path, long length, long ticks)
        {
            Path = path;
            Length = length;
            Ticks = ticks;
        }

        public string Path { get; }

        public long Length { get; }

        public long Ticks { get; }

        public static StampEntry OfFolder(string root, string directory) =>
            new StampEntry(RepositoryPath.Relative(root, directory), -1, SafeTicks(() => Directory.GetLastWriteTimeUtc(directory).Ticks));

        public static StampEntry OfFile(string root, string file)
        {
            var info = new FileInfo(file);
            return new StampEntry(RepositoryPath.Relative(root, file), info.Exists ? info.Length : -2, info.Exists ? SafeTicks(() => info.LastWriteTimeUtc.Ticks) : 0);
        }

        /// <summary>The same entry read again from disk now.</summary>
        public StampEntry Current(string root)
        {
            var full = System.IO.Path.Combine(root, Path == "." ? string.Empty : Path);
            return Length == -1 ? OfFolder(root, full) : OfFile(root, full);
        }

        public bool Equals(StampEntry other) => Path == other.Path && Length == other.Length && Ticks == other.Ticks;

        public override bool Equals(object? obj) => obj is StampEntry other && Equals(other);

        public override int GetHashCode() => (Path, Length, Ticks).GetHashCode();

        private static long SafeTicks(Func<long> read)
        {
            try
            {
                return read();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return 0;
            }
        }
    }
}
