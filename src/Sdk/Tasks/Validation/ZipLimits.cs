namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Bounds on what a model zip may make validation read, so a zip bomb or a hostile archive costs seconds and a
    /// few megabytes, never a hang or a full disk. The defaults are far above any real ML.NET model.
    /// </summary>
    internal sealed class ZipLimits
    {
        public static ZipLimits Default { get; } = new();

        /// <summary>Most entries in the archive (an ML.NET pipeline of dozens of transforms has a few hundred).</summary>
        public int MaxEntries { get; init; } = 10_000;

        /// <summary>Most uncompressed bytes over all entries, declared or actually read.</summary>
        public long MaxTotalUncompressedBytes { get; init; } = 4L * 1024 * 1024 * 1024;

        /// <summary>Highest uncompressed/compressed ratio of one entry (deflate of zeros reaches about 1000).</summary>
        public double MaxCompressionRatio { get; init; } = 200;

        /// <summary>Entries smaller than this are not held to the ratio limit: a tiny, very compressible entry is harmless.</summary>
        public long RatioCheckMinimumBytes { get; init; } = 1024 * 1024;

        /// <summary>Largest entry whose content is kept in memory for inspection (the ML.NET schema, the version).</summary>
        public int MaxInspectedEntryBytes { get; init; } = 16 * 1024 * 1024;
    }
}
