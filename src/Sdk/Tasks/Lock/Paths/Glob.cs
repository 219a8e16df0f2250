using System;
using System.Collections.Generic;
using System.IO;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock.Paths
{
    /// <summary>
    /// Expands a wildcard pattern ('*', '?', '**') that reaches the task unexpanded. MSBuild expands the globs of items
    /// itself; a pattern arrives here only when it was passed some other way (a property, a task call, a test).
    /// </summary>
    internal static class Glob
    {
        private static readonly char[] Separators = { '/', '\\' };

        public static bool HasWildcard(string pattern) => pattern.IndexOfAny(new[] { '*', '?' }) >= 0;

        /// <summary>The files matching <paramref name="pattern"/>, relative to <paramref name="baseDirectory"/>; full paths.</summary>
        public static IReadOnlyCollection<string> Expand(string baseDirectory, string pattern)
        {
            var segments = pattern.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            var start = Path.IsPathRooted(pattern) ? Path.GetPathRoot(pattern)! : baseDirectory;
            if (Path.IsPathRooted(pattern))
            {
                segments = pattern.Substring(start.Length).Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            }

            var found = new SortedSet<string>(StringComparer.Ordinal);
            Walk(Path.GetFullPath(start), segments, 0, found);
            return found;
        }

        private static void Walk(string folder, string[] segments, int index, SortedSet<string> found)
        {
            if (index == segments.Length)
            {
                if (File.Exists(folder))
                {
                    found.Add(folder);
                }

                return;
            }

            var segment = segments[index];
            var last = index == segments.Length - 1;
            if (!Directory.Exists(folder))
            {
                return;
            }

            if (segment == "**")
            {
                // Zero folders, then every folder below (links to folders are not followed: they could loop).
                Walk(folder, segments, index + 1, found);
                foreach (var sub in SafeFolders(folder))
                {
                    if (Portable.LinkTarget(new DirectoryInfo(sub)) == null)
                    {
                        Walk(sub, segments, index, found);
                    }
                }

                return;
            }

            if (!HasWildcard(segment))
            {
                Walk(Path.GetFullPath(Path.Combine(folder, segment)), segments, index + 1, found);
                return;
            }

            var ignoreCase = PathContainment.Comparison == StringComparison.OrdinalIgnoreCase;
            var candidates = last ? SafeFiles(folder) : SafeFolders(folder);
            foreach (var candidate in candidates)
            {
                if (WildcardName.Matches(segment, Path.GetFileName(candidate), ignoreCase))
                {
                    Walk(candidate, segments, index + 1, found);
                }
            }
        }

        private static IEnumerable<string> SafeFolders(string folder)
        {
            try
            {
                return Directory.GetDirectories(folder);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }

        private static IEnumerable<string> SafeFiles(string folder)
        {
            try
            {
                return Directory.GetFiles(folder);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
