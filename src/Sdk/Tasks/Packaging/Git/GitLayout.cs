namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Where a repository's parts are: the work tree root (holding <c>.git</c>), the git folder with this work tree's
    /// HEAD, and the common folder with objects, refs, packed-refs and config. The two git folders differ only in a
    /// linked worktree (<c>.git/worktrees/name</c> and <c>.git</c>).
    /// </summary>
    internal sealed record GitLayout(string WorkTree, string GitDirectory, string CommonDirectory);
}
