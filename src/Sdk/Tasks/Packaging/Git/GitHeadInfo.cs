using System;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// What a model package records about its source: the commit checked out, its committer time (the reproducible
    /// timestamp, like SOURCE_DATE_EPOCH), the remote URL without credentials, the branch, and the work tree root.
    /// </summary>
    /// <param name="Commit">Lower-case hex object id of HEAD: 40 digits (SHA-1), or 64 in a SHA-256 repository.</param>
    /// <param name="CommitTime">Committer time of the HEAD commit, with the committer's time zone offset.</param>
    /// <param name="RepositoryUrl"><c>remote.origin.url</c> (else the first remote's URL) with user info removed from http(s) URLs.</param>
    /// <param name="Branch">Short branch name when HEAD is on a branch (<c>refs/heads/x</c> gives <c>x</c>); null when detached.</param>
    /// <param name="RepositoryRoot">The folder that holds <c>.git</c> (the work tree root).</param>
    internal sealed record GitHeadInfo(string Commit, DateTimeOffset CommitTime, string? RepositoryUrl, string? Branch, string RepositoryRoot);
}
