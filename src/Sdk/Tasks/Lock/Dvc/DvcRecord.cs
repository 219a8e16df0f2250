namespace MlopsGuard.Tasks.Lock.Dvc
{
    /// <summary>What DVC recorded for one file: its MD5, and its size when DVC wrote one.</summary>
    /// <param name="Source">The .dvc file or dvc.lock that holds the record (full path).</param>
    /// <param name="FullPath">The tracked file.</param>
    internal sealed record DvcRecord(string Source, string FullPath, string Md5, long? Size);
}
