using System;
using System.Collections.Generic;
using MlopsGuard.Tasks.Lock.Storage;

namespace MlopsGuard.Tasks.Lock
{
    /// <summary>One way the artifacts on disk differ from the lock file.</summary>
    /// <param name="Locked">The entry in the lock, or null when the artifact is new.</param>
    /// <param name="Actual">The entry the artifact has now, or null when it is no longer declared.</param>
    internal sealed record ArtifactChange(string Path, LockedArtifact? Locked, LockedArtifact? Actual);

    /// <summary>Compares the locked artifacts with the ones computed in this build, path by path.</summary>
    internal static class LockDifference
    {
        public static List<ArtifactChange> Compare(IReadOnlyList<LockedArtifact> locked, IReadOnlyList<LockedArtifact> actual)
        {
            var changes = new List<ArtifactChange>();
            var before = new Dictionary<string, LockedArtifact>(StringComparer.Ordinal);
            foreach (var entry in locked)
            {
                before[entry.Path] = entry;
            }

            foreach (var entry in actual)
            {
                if (!before.TryGetValue(entry.Path, out var old))
                {
                    changes.Add(new ArtifactChange(entry.Path, null, entry));
                }
                else
                {
                    if (old != entry)
                    {
                        changes.Add(new ArtifactChange(entry.Path, old, entry));
                    }

                    before.Remove(entry.Path);
                }
            }

            foreach (var gone in before.Values)
            {
                changes.Add(new ArtifactChange(gone.Path, gone, null));
            }

            changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return changes;
        }
    }
}
