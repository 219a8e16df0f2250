using System;
using System.IO;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Provenance of a build from its git repository, read from the files alone: MlopsGuard tasks run no process but
    /// declared stage commands, so there is no <c>git</c> to ask. Read-only, no network, bounded work.
    /// </summary>
    internal static class GitRepository
    {
        /// <summary>
        /// Reads HEAD of the repository that holds <paramref name="startDirectory"/> (walks up to find <c>.git</c>, a
        /// folder, or a <c>.git</c> file with <c>gitdir: ...</c> as in worktrees and submodules, honoring
        /// <c>commondir</c>). Returns null with a one-line human-readable reason in <paramref name="problem"/> when there
        /// is no repository, HEAD is unborn, or anything is unreadable or corrupt. Never throws (except
        /// <see cref="OutOfMemoryException"/>); bounded work and memory on corrupt input.
        /// </summary>
        public static GitHeadInfo? TryReadHead(string startDirectory, out string? problem)
        {
            problem = null;
            GitLayout? layout = null;
            try
            {
                if (string.IsNullOrWhiteSpace(startDirectory))
                {
                    problem = "no start folder was given to look for a git repository";
                    return null;
                }

                layout = GitDirectory.Find(startDirectory);
                if (layout == null)
                {
                    problem = $"no git repository at or above {Path.GetFullPath(startDirectory)}";
                    return null;
                }

                return ReadHead(layout, out problem);
            }
            catch (OutOfMemoryException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // GitFormatException carries its own reason; IO and access errors say what failed. Anything else would be
                // a bug here, and still must not fail the build that asked for provenance.
                var where = layout == null ? "reading the git repository" : $"reading the git repository at {layout.WorkTree}";
                var detail = ex is GitFormatException || ex is IOException || ex is UnauthorizedAccessException
                    ? ex.Message
                    : $"{ex.GetType().Name}: {ex.Message}";
                problem = OneLine($"{where}: {detail}");
                return null;
            }
        }

        private static GitHeadInfo? ReadHead(GitLayout layout, out string? problem)
        {
            problem = null;
            var configBytes = GitFile.ReadBounded(Path.Combine(layout.CommonDirectory, "config"), GitLimits.MaxConfigBytes, "config");
            var config = configBytes == null ? GitConfig.Empty : GitConfig.Parse(configBytes);
            var hashLength = HashLength(config);

            var head = GitReferences.ResolveHead(layout, hashLength);
            var branch = head.Branch != null && head.Branch.StartsWith("refs/heads/", StringComparison.Ordinal)
                ? head.Branch.Substring("refs/heads/".Length)
                : null;
            if (head.Id == null)
            {
                problem = OneLine($"HEAD of the git repository at {layout.WorkTree} is on {GitReferences.Printable(branch ?? head.Branch!)}, which has no commit yet");
                return null;
            }

            using var store = GitObjectStore.Open(Path.Combine(layout.CommonDirectory, "objects"), hashLength);
            var commitObject = store.Read(head.Id, GitLimits.MaxCommitBytes);
            if (commitObject.Type != GitObjectType.Commit)
            {
                throw new GitFormatException($"HEAD names a {GitObjectId.TypeName(commitObject.Type)}, not a commit");
            }

            var commit = GitCommit.Parse(commitObject.Data, hashLength);
            var url = config.RemoteUrl();
            return new GitHeadInfo(
                GitObjectId.ToHex(head.Id),
                commit.CommitTime,
                url == null ? null : GitRemoteUrl.StripCredentials(url),
                branch,
                layout.WorkTree);
        }

        // Repository format 0 or 1 with SHA-1 or SHA-256 objects and files refs: everything else git itself would refuse
        // or this reader does not know (reftable).
        private static int HashLength(GitConfig config)
        {
            var version = config.Get("core", null, "repositoryformatversion")?.Trim();
            if (version != null && version != "0" && version != "1")
            {
                throw new GitFormatException($"repository format version {GitReferences.Printable(version)} is not supported");
            }

            var refStorage = config.Get("extensions", null, "refstorage");
            if (refStorage != null && !refStorage.Equals("files", StringComparison.OrdinalIgnoreCase))
            {
                throw new GitFormatException($"ref storage '{GitReferences.Printable(refStorage)}' is not supported; only loose files and packed-refs are");
            }

            var format = config.Get("extensions", null, "objectformat");
            if (format == null || format.Equals("sha1", StringComparison.OrdinalIgnoreCase))
            {
                return GitObjectId.Sha1Length;
            }

            if (format.Equals("sha256", StringComparison.OrdinalIgnoreCase))
            {
                return GitObjectId.Sha256Length;
            }

            throw new GitFormatException($"object format '{GitReferences.Printable(format)}' is not supported");
        }

        private static string OneLine(string text)
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsControl(chars[i]))
                {
                    chars[i] = ' ';
                }
            }

            var line = new string(chars);
            return line.Length <= 400 ? line : line.Substring(0, 400) + "…";
        }
    }
}
