using System.Collections.Generic;
using System.Text.Json;

namespace MlopsGuard.Tasks.Lock.Storage
{
    /// <summary>One entry of <c>artifacts</c> in mlops.lock.json (CONTRACT §6).</summary>
    internal sealed record LockedArtifact(string Path, string Kind, string Sha256, long Size);

    /// <summary>
    /// The content of mlops.lock.json. <see cref="Stages"/> are kept as read: the stage runner owns them, and the lock
    /// writer carries them over untouched.
    /// </summary>
    internal sealed class LockFile
    {
        public const int CurrentVersion = 1;

        public LockFile(IReadOnlyList<LockedArtifact> artifacts, IReadOnlyList<JsonElement>? stages)
        {
            Artifacts = artifacts;
            Stages = stages;
        }

        /// <summary>Sorted by path (ordinal), one entry per path.</summary>
        public IReadOnlyList<LockedArtifact> Artifacts { get; }

        /// <summary>The <c>stages</c> array's elements, or null when the file has none.</summary>
        public IReadOnlyList<JsonElement>? Stages { get; }

        public static LockFile Empty { get; } = new LockFile(new LockedArtifact[0], null);
    }
}
