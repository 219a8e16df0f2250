using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using MlopsGuard.Tasks.Lock.Paths;

namespace MlopsGuard.Tasks.Packaging
{
    using RepositoryRootPath = MlopsGuard.Tasks.Lock.Paths.RepositoryRoot;

    /// <summary>
    /// The source-control properties of the build, as the .NET SDK leaves them after <c>InitializeSourceControlInformation</c>
    /// (SourceLink, built into the SDK since .NET 8, reads them from git) or as the project or command line sets them.
    /// </summary>
    internal sealed record SourceControlProperties(
        string? RepositoryUrl = null,
        string? PrivateRepositoryUrl = null,
        string? PublishRepositoryUrl = null,
        string? RepositoryCommit = null,
        string? SourceRevisionId = null,
        string? RepositoryBranch = null,
        string? SourceBranchName = null);

    /// <summary>The provenance of a release, or the reason it has none, and what the build should be told.</summary>
    internal sealed class ProvenanceResult
    {
        public Provenance? Provenance { get; set; }

        public string? Problem { get; set; }

        public List<string> Notes { get; } = new();
    }

    /// <summary>
    /// Where a release comes from, by the rules NuGet's pack applies to the project's own package, so the model packages
    /// and the project's package say the same: the commit is <c>RepositoryCommit</c>, else <c>SourceRevisionId</c>; the
    /// URL is the project's own <c>RepositoryUrl</c>, else, only when the project sets <c>PublishRepositoryUrl=true</c>,
    /// the <c>PrivateRepositoryUrl</c> SourceLink found (an internal URL is never published by accident); the branch is
    /// <c>RepositoryBranch</c>, else, under the same rule, <c>SourceBranchName</c>. Credentials never leave a URL.
    /// The release's date is <see cref="ReleaseDate"/>'s. Nothing here reads git or starts a process.
    /// </summary>
    internal static class ProvenanceResolver
    {
        private const string BranchPrefix = "refs/heads/";

        public static string BuiltWith { get; } = "MlopsGuard " + OwnVersion();

        public static ProvenanceResult Resolve(
            SourceControlProperties sourceControl,
            string? sourceDateEpoch,
            string? releaseDate,
            string projectDirectory,
            string? projectFile,
            string? repositoryRoot,
            int mlopsLevel)
        {
            var result = new ProvenanceResult();
            if (!ReleaseDate.TryResolve(sourceDateEpoch, releaseDate, out var date, out var origin, out var dateProblem))
            {
                result.Problem = dateProblem;
                return result;
            }

            if (origin == ReleaseDate.FromNothing)
            {
                result.Notes.Add($"neither SOURCE_DATE_EPOCH nor MlopsReleaseDate is set: the release is dated {ReleaseDate.Fixed:yyyy-MM-dd}");
            }

            var published = string.Equals(Given(sourceControl.PublishRepositoryUrl), "true", StringComparison.OrdinalIgnoreCase);
            var url = Pick(result, ("RepositoryUrl", sourceControl.RepositoryUrl), ("PrivateRepositoryUrl", published ? sourceControl.PrivateRepositoryUrl : null));
            var commit = Pick(result, ("RepositoryCommit", sourceControl.RepositoryCommit), ("SourceRevisionId", sourceControl.SourceRevisionId));
            var branch = Pick(result, ("RepositoryBranch", sourceControl.RepositoryBranch), ("SourceBranchName", published ? sourceControl.SourceBranchName : null));
            if (result.Problem is not null)
            {
                return result;
            }

            if (url is null && !published && Given(sourceControl.PrivateRepositoryUrl) is not null)
            {
                result.Notes.Add("the repository URL is not recorded: the project does not publish it (set PublishRepositoryUrl to true, as for its own package)");
            }

            result.Provenance = new Provenance(
                url is null ? null : RepositoryUrls.WithoutCredentials(url),
                commit is null ? null : NormalizeCommit(commit),
                branch is null ? null : ShortBranch(branch),
                date,
                origin,
                ProjectPath(projectDirectory, projectFile, repositoryRoot),
                BuiltWith,
                mlopsLevel);
            return result;
        }

        /// <summary>The first value that is set; a value with a control character is a problem (it would break the nuspec's XML).</summary>
        private static string? Pick(ProvenanceResult result, params (string Property, string? Value)[] candidates)
        {
            foreach (var (property, value) in candidates)
            {
                if (Given(value) is not string text)
                {
                    continue;
                }

                foreach (var c in text)
                {
                    if (char.IsControl(c))
                    {
                        // The value itself is not repeated: a URL may hold a credential.
                        result.Problem ??= $"{property} holds a control character (U+{(int)c:X4}); it must be one line of text";
                        return null;
                    }
                }

                return text;
            }

            return null;
        }

        /// <summary>A git object id (SHA-1 or SHA-256) in lower case, as git prints it; any other revision id (TFVC's) as given.</summary>
        private static string NormalizeCommit(string commit)
        {
            if (commit.Length != 40 && commit.Length != 64)
            {
                return commit;
            }

            foreach (var c in commit)
            {
                if (!Uri.IsHexDigit(c))
                {
                    return commit;
                }
            }

            return commit.ToLowerInvariant();
        }

        /// <summary>SourceLink names the branch as a ref (<c>refs/heads/main</c>); a release names it as people do (<c>main</c>).</summary>
        private static string ShortBranch(string branch) =>
            branch.StartsWith(BranchPrefix, StringComparison.Ordinal) && branch.Length > BranchPrefix.Length ? branch.Substring(BranchPrefix.Length) : branch;

        /// <summary>The project file relative to the repository root, with '/'; its file name when it lies outside.</summary>
        private static string? ProjectPath(string projectDirectory, string? projectFile, string? repositoryRoot)
        {
            if (string.IsNullOrEmpty(projectFile))
            {
                return null;
            }

            var full = Path.GetFullPath(Path.Combine(projectDirectory, projectFile!));
            var root = Path.GetFullPath(RepositoryRootPath.Resolve(repositoryRoot, projectDirectory));
            if (!PathContainment.IsLexicallyInside(root, full))
            {
                return Path.GetFileName(full);
            }

            var separators = new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };
            var relative = full.Substring(root.TrimEnd(separators).Length).TrimStart(separators).Replace('\\', '/');
            return relative.Length == 0 ? Path.GetFileName(full) : relative;
        }

        private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

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
