using System.IO;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock.Paths
{
    /// <summary>The default of <c>MlopsRepositoryRoot</c>: the nearest folder at or above the project that holds <c>.git</c>.</summary>
    internal static class RepositoryRoot
    {
        /// <summary>
        /// Returns <paramref name="configured"/> when set; otherwise the nearest folder holding <c>.git</c> (a folder in a clone,
        /// a file in a worktree or submodule); otherwise the project folder itself, so a project outside git is its own root.
        /// </summary>
        public static string Resolve(string? configured, string projectDirectory)
        {
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return Portable.FullPath(configured!.Trim(), projectDirectory);
            }

            var start = Path.GetFullPath(projectDirectory);
            for (var folder = new DirectoryInfo(start); folder != null; folder = folder.Parent)
            {
                var marker = Path.Combine(folder.FullName, ".git");
                if (Directory.Exists(marker) || File.Exists(marker))
                {
                    return folder.FullName;
                }
            }

            return start;
        }
    }
}
