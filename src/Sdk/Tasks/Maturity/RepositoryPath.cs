using System;
using System.IO;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>Paths as the report shows them: relative to the repository root, with '/'; and the root itself.</summary>
    internal static class RepositoryPath
    {
        private static readonly StringComparison Comparison =
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>The nearest folder at or above <paramref name="start"/> holding a <c>.git</c> folder or file (worktrees and submodules use a file); null when none.</summary>
        public static string? FindRoot(string start)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir != null; dir = dir.Parent)
            {
                var git = Path.Combine(dir.FullName, ".git");
                if (Directory.Exists(git) || File.Exists(git))
                {
                    return dir.FullName;
                }
            }

            return null;
        }

        /// <summary><paramref name="path"/> relative to <paramref name="root"/> with '/'; the full path with '/' when it lies outside.</summary>
        public static string Relative(string root, string path)
        {
            var full = Path.GetFullPath(path);
            var relative = Portable.RelativePath(root, full);
            if (relative == "." )
            {
                return ".";
            }

            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                return full.Replace('\\', '/');
            }

            return relative.Replace('\\', '/');
        }

        public static bool IsUnder(string root, string path)
        {
            var relative = Portable.RelativePath(root, Path.GetFullPath(path));
            return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
        }

        public static bool SamePath(string a, string b) =>
            string.Equals(Path.GetFullPath(a).TrimEnd('/', '\\'), Path.GetFullPath(b).TrimEnd('/', '\\'), Comparison);
    }
}
