using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MlopsGuard.Tasks.Lock.Paths;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Stages
{
    /// <summary>Stage paths as the lock writes them: relative to the project, '/' separated, without '.' segments.</summary>
    internal static class StagePaths
    {
        public static string Normalize(string spec, string projectDirectory)
        {
            var full = Portable.FullPath(spec.Replace('\\', '/'), projectDirectory);
            var relative = PathContainment.Relative(projectDirectory, full);
            return relative.Length == 0 ? "." : relative;
        }

        /// <summary>True for '.', '..', '../..': paths that are the project folder or hold it.</summary>
        public static bool ContainsProject(string relative) =>
            relative.Split('/').All(segment => segment == "." || segment == "..");

        /// <summary>
        /// Whether a dep (file, folder or pattern) takes in what an out (file or folder) holds: the same path, a folder
        /// holding the out, a pattern matching it, or a dep below an out folder.
        /// </summary>
        public static bool Feeds(string dep, string output)
        {
            if (string.Equals(dep, output, PathContainment.Comparison) || IsBelow(output, dep) || IsBelow(dep, output))
            {
                return true;
            }

            if (!Glob.HasWildcard(dep))
            {
                return false;
            }

            // A pattern feeds on an out it matches, or on an out folder it reaches into ('data/prepared' for 'data/**/*.csv').
            // Outs do not exist yet when the order is made: a name with an extension is taken for a file.
            return Matches(dep, output) || (!Path.HasExtension(output) && ReachesBelow(dep.Split('/'), 0, output.Split('/'), 0));
        }

        /// <summary>True when <paramref name="path"/> lies below the folder <paramref name="folder"/>.</summary>
        public static bool IsBelow(string path, string folder) =>
            folder == "." ? !path.StartsWith("../", StringComparison.Ordinal) && path != ".." :
            path.Length > folder.Length + 1 && path.StartsWith(folder + "/", PathContainment.Comparison);

        /// <summary>Whether a relative path matches a pattern with '*', '?' and '**' (any number of folders).</summary>
        public static bool Matches(string pattern, string path)
        {
            var regex = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    regex.Append(slash ? "(.*/)?" : ".*");
                    i += slash ? 2 : 1;
                }
                else if (c == '*')
                {
                    regex.Append("[^/]*");
                }
                else if (c == '?')
                {
                    regex.Append("[^/]");
                }
                else
                {
                    regex.Append(Regex.Escape(c.ToString()));
                }
            }

            regex.Append('$');
            var options = PathContainment.Comparison == StringComparison.OrdinalIgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None;
            return Regex.IsMatch(path, regex.ToString(), options | RegexOptions.CultureInvariant);
        }

        /// <summary>Whether the pattern's segments can consume all of the folder's segments and still go on below it.</summary>
        private static bool ReachesBelow(string[] pattern, int i, string[] folder, int j)
        {
            if (j == folder.Length)
            {
                return i < pattern.Length;
            }

            if (i == pattern.Length)
            {
                return false;
            }

            if (pattern[i] == "**")
            {
                return ReachesBelow(pattern, i + 1, folder, j) || ReachesBelow(pattern, i, folder, j + 1);
            }

            var ignoreCase = PathContainment.Comparison == StringComparison.OrdinalIgnoreCase;
            return WildcardName.Matches(pattern[i], folder[j], ignoreCase) && ReachesBelow(pattern, i + 1, folder, j + 1);
        }
    }
}
