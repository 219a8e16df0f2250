namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>An object's kind and its content (without the <c>type size\0</c> header that loose objects carry).</summary>
    internal readonly record struct GitObject(GitObjectType Type, byte[] Data);
}
