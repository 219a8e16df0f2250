namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// HEAD resolved: the ref it names (null when detached) and the commit id, which is null for an unborn branch
    /// (a new repository, or an orphan branch before its first commit).
    /// </summary>
    internal readonly record struct GitHeadReference(string? Branch, byte[]? Id);
}
