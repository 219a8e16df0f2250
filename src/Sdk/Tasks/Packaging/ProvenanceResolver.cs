using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using MlopsGuard.Tasks.Lock.Paths;
using MlopsGuard.Tasks.Packaging.Git;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// Where a release comes from: SourceLink's properties when the build has them, else the repository's own files
    /// (read, never by running git). The release's only time is the commit's (or SOURCE_DATE_EPOCH): two packs of one
    /// commit carry the same date, and a later commit a later one.
    /// </summary>
    internal static class ProvenanceResolver
    {
        /// <summary>The date of a release from outside any repository without SOURCE_DATE_EPOCH: fixed, so packs stay identical.</summary>
        public static readonly DateTimeOffset FallbackDate = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public static string BuiltWith { get; } = "MlopsGuard " + OwnVersion();

        public static Provenance Resolve(
            string projectDirectory,
            string? projectFile,
            string? repositoryRoot,
            string? repositoryUrl,
            string? repositoryCommit,
            string? sourceDateEpoch,
            int mlopsLevel,
            out string? note)
        {
            note = null;
            var git = GitRepository.TryReadHead(projectDirectory, out var gitProblem);
            var commit = Blank(repositoryCommit) ?? git?.Commit;
            var sameCommit = git is not null && string.Equals(git.Commit, commit, StringComparison.OrdinalIgnoreCase);
            // The git reader strips credentials from the remote it reads; a URL the build was given gets the same treatment.
            var repository = Blank(repositoryUrl) is string given ? GitRemoteUrl.StripCredentials(given) : git?.RepositoryUrl;

            DateTimeOffset date;
            string origin;
            if (Blank(sourceDateEpoch) is string epochText)
            {
                if (!long.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
                {
                    throw new FormatException($"SOURCE_DATE_EPOCH is '{epochText}'; it must be a number of seconds since 1970-01-01 UTC");
                }

                date = DateTimeOffset.FromUnixTimeSeconds(seconds);
                origin = "SOURCE_DATE_EPOCH";
            }
            else if (sameCommit)
            {
                date = git!.CommitTime;
                origin = "commit";
            }
            else
            {
                date = FallbackDate;
                origin = "none";
                note = $"no commit time ({gitProblem ?? "the commit SourceLink names is not the repository's HEAD"}) and no SOURCE_DATE_EPOCH: the release is dated {FallbackDate:yyyy-MM-dd}";
            }

            string? project = null;
            if (!string.IsNullOrEmpty(projectFile))
            {
                var root = !string.IsNullOrEmpty(repositoryRoot) ? repositoryRoot! : git?.RepositoryRoot;
                var full = Path.GetFullPath(projectFile!);
                project = root is not null && PathContainment.IsLexicallyInside(Path.GetFullPath(root), full)
                    ? Path.GetRelativePath(root, full).Replace('\\', '/')
                    : Path.GetFileName(full);
            }

            return new Provenance(repository, commit?.ToLowerInvariant(), sameCommit ? git!.Branch : null, date, origin, project, BuiltWith, mlopsLevel);
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static string OwnVersion()
        {
            var informational = typeof(ProvenanceResolver).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(ProvenanceResolver).Assembly.GetName().Version?.ToString()
                ?? "unknown";
            var plus = informational.IndexOf('+');
            return plus < 0 ? informational : informational.Substring(0, plus);
        }
    }
}
