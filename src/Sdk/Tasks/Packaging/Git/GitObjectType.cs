namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>Object kinds with their numbers in the pack format; the two delta kinds only exist inside packs.</summary>
    internal enum GitObjectType
    {
        Commit = 1,
        Tree = 2,
        Blob = 3,
        Tag = 4,
        OffsetDelta = 6,
        ReferenceDelta = 7,
    }
}
