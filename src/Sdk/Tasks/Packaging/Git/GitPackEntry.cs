namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// The header of one object in a pack: its kind, its inflated size, where its zlib data starts and, for deltas,
    /// the base (an earlier offset in the same pack for <see cref="GitObjectType.OffsetDelta"/>, an id for
    /// <see cref="GitObjectType.ReferenceDelta"/>).
    /// </summary>
    internal readonly record struct GitPackEntry(long Offset, GitObjectType Type, long Size, long DataOffset, long BaseOffset, byte[]? BaseId);
}
