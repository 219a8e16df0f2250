namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>What a ref file holds: either another ref's name (<c>ref: refs/heads/main</c>) or an object id.</summary>
    internal readonly record struct GitReferenceValue(string? SymbolicTarget, byte[]? Id);
}
