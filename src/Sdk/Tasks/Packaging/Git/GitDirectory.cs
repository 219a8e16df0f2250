using System;
using System.IO;
using System.Text;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Finds the repository holding a folder as git does: the nearest <c>.git</c> at or above it, either a folder or a
    /// file saying <c>gitdir: path</c> (worktrees, submodules, <c>--separate-git-dir</c>), and then a <c>commondir</c>
    /// file in that git folder for linked worktrees.
    /// </summary>
    internal static class GitDirectory
    {
        /// <summary>The layout of the nearest repository, or null when no folder up to the root holds <c>.git</c>.</summary>
        public static GitLayout? Find(string startDirectory)
        {
            var folder = new DirectoryInfo(Path.GetFullPath(startDirectory));
            for (var level = 0; folder != null && level < GitLimits.MaxParentFolders; level++, folder = folder.Parent)
            {
                var marker = Path.Combine(folder.FullName, ".git");
                if (Directory.Exists(marker))
                {
                    // Git skips a .git folder that is not a repository and keeps looking above it.
                    if (IsGitDirectory(marker))
                    {
                        return Layout(folder.FullName, marker);
                    }
                }
                else if (File.Exists(marker))
                {
                    var content = GitFile.ReadBounded(marker, GitLimits.MaxSmallFileBytes, ".git file") ?? throw new GitFormatException($"{marker} vanished while being read");
                    var gitDirectory = Path.GetFullPath(ParseGitFile(content, marker), folder.FullName);
                    if (!Directory.Exists(gitDirectory) || !IsGitDirectory(gitDirectory))
                    {
                        throw new GitFormatException($"{marker} points to {gitDirectory}, which is not a git folder");
                    }

                    return Layout(folder.FullName, gitDirectory);
                }
            }

            return null;
        }

        /// <summary>The path in a <c>.git</c> file: <c>gitdir: path</c> and a line break.</summary>
        public static string ParseGitFile(ReadOnlySpan<byte> content, string what = ".git file")
        {
            var line = GitFile.TrimLine(content);
            if (!line.StartsWith("gitdir: "u8) || line.Length == "gitdir: ".Length)
            {
                throw new GitFormatException($"{what} does not start with 'gitdir: '");
            }

            return CheckedPath(line.Slice("gitdir: ".Length), what);
        }

        /// <summary>The path in a <c>commondir</c> file, relative to the git folder unless absolute.</summary>
        public static string ParseCommonDir(ReadOnlySpan<byte> content)
        {
            var line = GitFile.TrimLine(content);
            if (line.IsEmpty)
            {
                throw new GitFormatException("commondir file is empty");
            }

            return CheckedPath(line, "commondir file");
        }

        private static GitLayout Layout(string workTree, string gitDirectory)
        {
            var common = gitDirectory;
            var commonDirFile = GitFile.ReadBounded(Path.Combine(gitDirectory, "commondir"), GitLimits.MaxSmallFileBytes, "commondir file");
            if (commonDirFile != null)
            {
                common = Path.GetFullPath(ParseCommonDir(commonDirFile), gitDirectory);
                if (!Directory.Exists(Path.Combine(common, "objects")))
                {
                    throw new GitFormatException($"commondir of {gitDirectory} points to {common}, which has no objects folder");
                }
            }

            return new GitLayout(Path.TrimEndingDirectorySeparator(workTree), Path.TrimEndingDirectorySeparator(gitDirectory), Path.TrimEndingDirectorySeparator(common));
        }

        // Like git's is_git_directory, minus its refs check: HEAD here, objects here or in the common folder.
        private static bool IsGitDirectory(string directory) =>
            File.Exists(Path.Combine(directory, "HEAD"))
            && (Directory.Exists(Path.Combine(directory, "objects")) || File.Exists(Path.Combine(directory, "commondir")));

        private static string CheckedPath(ReadOnlySpan<byte> bytes, string what)
        {
            var path = Encoding.UTF8.GetString(bytes);
            foreach (var c in path)
            {
                if (c < 0x20)
                {
                    throw new GitFormatException($"{what} holds a path with control characters");
                }
            }

            return path;
        }
    }
}
