using System;
using System.IO;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock.Paths
{
    /// <summary>
    /// Whether a path stays inside a folder, judged on real paths: '..' is normalized first, then every symbolic link on
    /// the way is followed, so a link that points out of the repository is caught like '../../' is.
    /// </summary>
    internal static class PathContainment
    {
        // Linux allows 40 links in one resolution (ELOOP); past that we stop following and judge what we have.
        private const int MaxLinkDepth = 40;

        public static StringComparison Comparison { get; } =
            Portable.IsWindows || Portable.IsMacOS ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>Paths as keys of a set or dictionary, compared as <see cref="Comparison"/> does.</summary>
        public static StringComparer Comparer { get; } = Comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

        /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies below it, both compared as real paths.</summary>
        public static bool IsInside(string folder, string path) => IsLexicallyInside(RealPath(folder), RealPath(path));

        /// <summary>True when the normalized <paramref name="path"/> lies below <paramref name="folder"/>, without following links.</summary>
        public static bool IsLexicallyInside(string folder, string path)
        {
            var root = Portable.TrimEndingSeparator(Path.GetFullPath(folder));
            var full = Portable.TrimEndingSeparator(Path.GetFullPath(path));
            if (string.Equals(root, full, Comparison))
            {
                return true;
            }

            return full.StartsWith(root, Comparison)
                && (full[root.Length] == Path.DirectorySeparatorChar || full[root.Length] == Path.AltDirectorySeparatorChar
                    || root.EndsWith(Path.DirectorySeparatorChar));
        }

        /// <summary>The path with every symbolic link along it followed (a path that does not exist is returned as far as it resolves).</summary>
        public static string RealPath(string path) => RealPath(Path.GetFullPath(path), 0);

        private static string RealPath(string fullPath, int depth)
        {
            var root = Path.GetPathRoot(fullPath) ?? string.Empty;
            var current = root;
            var parts = fullPath.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                var next = Path.Combine(current, parts[i]);
                FileSystemInfo info = new FileInfo(next);
                string? target;
                try
                {
                    target = Portable.LinkTarget(info);
                }
                catch (IOException)
                {
                    target = null;
                }
                catch (UnauthorizedAccessException)
                {
                    target = null;
                }

                if (target != null && depth < MaxLinkDepth)
                {
                    // A relative link target is relative to the folder holding the link; the target may itself hold links.
                    next = RealPath(Portable.FullPath(target, current), depth + 1);
                }
                else if (target == null && !File.Exists(next) && !Directory.Exists(next))
                {
                    // Nothing more on disk: the rest of the path cannot hold links.
                    return Path.Combine(next, string.Join(Path.DirectorySeparatorChar.ToString(), parts, i + 1, parts.Length - i - 1));
                }

                current = next;
            }

            return current;
        }

        /// <summary>The path of <paramref name="fullPath"/> relative to <paramref name="baseFolder"/>, with '/' separators.</summary>
        public static string Relative(string baseFolder, string fullPath) =>
            Portable.RelativePath(baseFolder, fullPath).Replace('\\', '/');
    }
}
