namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Upper bounds on everything read from a repository, so corrupt or hostile input costs bounded time and memory.
    /// Real repositories stay far below them: a commit is a few hundred bytes, HEAD a line.
    /// </summary>
    internal static class GitLimits
    {
        /// <summary>HEAD, a loose ref, a <c>.git</c> file or <c>commondir</c>: one line each.</summary>
        public const int MaxSmallFileBytes = 64 * 1024;

        public const int MaxConfigBytes = 1024 * 1024;

        public const int MaxPackedRefsBytes = 64 * 1024 * 1024;

        /// <summary>The commit object, and every object on its delta chain.</summary>
        public const int MaxCommitBytes = 1024 * 1024;

        /// <summary>
        /// Git's own cap on <c>pack.depth</c>. Chains that deep only occur after aggressive repacks; the work budget below
        /// is what bounds the cost of a corrupt or cyclic chain.
        /// </summary>
        public const int MaxDeltaDepth = 4095;

        /// <summary>Bytes inflated and produced while reading one object through its delta chain.</summary>
        public const long MaxWorkBytes = 64L * 1024 * 1024;

        public const int MaxSymbolicRefDepth = 5;

        public const int MaxPackCount = 4096;

        public const int MaxAlternateDepth = 5;

        public const int MaxObjectDirectories = 64;

        /// <summary>Folders walked up from the start directory while looking for <c>.git</c>.</summary>
        public const int MaxParentFolders = 256;
    }
}
