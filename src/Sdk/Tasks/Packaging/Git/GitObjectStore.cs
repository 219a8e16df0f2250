using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Reads objects from packs and loose files (and from alternate object folders), resolving delta chains of both
    /// kinds across packs. The result is checked against its id, so a corrupt pack cannot pass off another commit.
    /// </summary>
    internal sealed class GitObjectStore : IDisposable
    {
        private readonly int hashLength;
        private readonly IReadOnlyList<GitPack> packs;
        private readonly Func<byte[], int, byte[]?> readLoose;

        private GitObjectStore(int hashLength, IReadOnlyList<GitPack> packs, Func<byte[], int, byte[]?> readLoose)
        {
            this.hashLength = hashLength;
            this.packs = packs;
            this.readLoose = readLoose;
        }

        /// <summary>The store of an <c>objects</c> folder; packs are found now, but opened only when searched.</summary>
        public static GitObjectStore Open(string objectsDirectory, int hashLength)
        {
            var directories = ObjectDirectories(objectsDirectory);
            var packs = new List<GitPack>();
            foreach (var directory in directories)
            {
                var packDirectory = Path.Combine(directory, "pack");
                if (!Directory.Exists(packDirectory))
                {
                    continue;
                }

                foreach (var indexPath in Directory.EnumerateFiles(packDirectory, "pack-*.idx").OrderBy(p => p, StringComparer.Ordinal))
                {
                    var packPath = Path.ChangeExtension(indexPath, ".pack");
                    if (!File.Exists(packPath))
                    {
                        continue;
                    }

                    if (packs.Count == GitLimits.MaxPackCount)
                    {
                        throw new GitFormatException($"the repository has more than {GitLimits.MaxPackCount} packs");
                    }

                    packs.Add(new GitPack(() => GitByteSource.OpenFile(indexPath), () => GitByteSource.OpenFile(packPath), hashLength, Path.GetFileNameWithoutExtension(packPath)));
                }
            }

            return new GitObjectStore(hashLength, packs, (id, maxBytes) =>
            {
                foreach (var directory in directories)
                {
                    var path = GitLooseObject.PathOf(directory, id);
                    var bytes = GitFile.ReadBounded(path, (int)Math.Min(int.MaxValue, GitZlib.CompressedBound(maxBytes) + 64), $"loose object {GitObjectId.ToHex(id)}");
                    if (bytes != null)
                    {
                        return bytes;
                    }
                }

                return null;
            });
        }

        /// <summary>A store over in-memory packs (index and pack bytes) and loose objects keyed by hex id.</summary>
        public static GitObjectStore FromMemory(int hashLength, IEnumerable<(byte[] Index, byte[] Pack)> packs, IReadOnlyDictionary<string, byte[]> looseObjects)
        {
            var list = packs.Select((p, i) => new GitPack(() => GitByteSource.FromBytes(p.Index), () => GitByteSource.FromBytes(p.Pack), hashLength, $"pack-{i}")).ToList();
            return new GitObjectStore(hashLength, list, (id, _) => looseObjects.TryGetValue(GitObjectId.ToHex(id), out var bytes) ? bytes : null);
        }

        /// <summary>The object <paramref name="id"/>, at most <paramref name="maxBytes"/> long, as are all its delta bases.</summary>
        public GitObject Read(byte[] id, int maxBytes)
        {
            if (id.Length != hashLength)
            {
                throw new GitFormatException($"object id {GitObjectId.ToHex(id)} has the wrong length for this repository");
            }

            var chain = new List<(GitPack Pack, GitPackEntry Entry)>();
            long work = 0;
            GitObject baseObject;
            var (pack, offset, loose) = Locate(id, null, maxBytes);
            if (loose is { } found)
            {
                baseObject = found;
            }
            else
            {
                while (true)
                {
                    var entry = pack!.File.ReadEntry(offset);
                    if (entry.Type != GitObjectType.OffsetDelta && entry.Type != GitObjectType.ReferenceDelta)
                    {
                        baseObject = new GitObject(entry.Type, pack.File.Inflate(entry, maxBytes));
                        work += baseObject.Data.Length;
                        break;
                    }

                    if (chain.Count == GitLimits.MaxDeltaDepth)
                    {
                        throw new GitFormatException($"object {GitObjectId.ToHex(id)} has a delta chain deeper than {GitLimits.MaxDeltaDepth}");
                    }

                    chain.Add((pack, entry));
                    if (entry.Type == GitObjectType.OffsetDelta)
                    {
                        offset = entry.BaseOffset;
                        continue;
                    }

                    var next = Locate(entry.BaseId!, pack, maxBytes);
                    if (next.Loose is { } looseBase)
                    {
                        baseObject = looseBase;
                        break;
                    }

                    (pack, offset) = (next.Pack, next.Offset);
                }
            }

            var data = baseObject.Data;
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                var (deltaPack, entry) = chain[i];
                work += entry.Size;
                if (work > GitLimits.MaxWorkBytes)
                {
                    throw new GitFormatException($"object {GitObjectId.ToHex(id)} needs more than {GitLimits.MaxWorkBytes} bytes of delta work");
                }

                // A delta is rarely bigger than its result; twice the result plus slack covers every real one.
                var delta = deltaPack.File.Inflate(entry, (int)Math.Min(int.MaxValue, (2L * maxBytes) + 1024));
                data = GitDelta.Apply(data, delta, maxBytes);
                work += data.Length;
            }

            var computed = GitObjectId.Compute(baseObject.Type, data, hashLength);
            if (!computed.AsSpan().SequenceEqual(id))
            {
                throw new GitFormatException($"object {GitObjectId.ToHex(id)} is corrupt: its content hashes to {GitObjectId.ToHex(computed)}");
            }

            return new GitObject(baseObject.Type, data);
        }

        public void Dispose()
        {
            foreach (var pack in packs)
            {
                pack.Dispose();
            }
        }

        // Where an object lives: a pack and offset (the preferred pack first, as a delta's base is usually beside it),
        // or a loose object already parsed.
        private (GitPack? Pack, long Offset, GitObject? Loose) Locate(byte[] id, GitPack? preferred, int maxBytes)
        {
            // A pack whose index is unreadable is passed over, as git does; it only matters when nothing else has the object.
            string? unreadable = null;
            bool Search(GitPack pack, out long offset)
            {
                try
                {
                    return pack.TryFind(id, out offset);
                }
                catch (GitFormatException ex)
                {
                    unreadable ??= ex.Message;
                    offset = 0;
                    return false;
                }
            }

            if (preferred != null && Search(preferred, out var preferredOffset))
            {
                return (preferred, preferredOffset, null);
            }

            foreach (var pack in packs)
            {
                if (pack != preferred && Search(pack, out var offset))
                {
                    return (pack, offset, null);
                }
            }

            var compressed = readLoose(id, maxBytes);
            if (compressed != null)
            {
                return (null, 0, GitLooseObject.Parse(compressed, maxBytes, $"loose object {GitObjectId.ToHex(id)}"));
            }

            throw new GitFormatException($"object {GitObjectId.ToHex(id)} is in no pack and no loose object file" + (unreadable == null ? string.Empty : $" ({unreadable})"));
        }

        // The objects folder and those its info/alternates names (one path a line, relative to the objects folder),
        // followed a few levels deep; each folder once.
        private static List<string> ObjectDirectories(string objectsDirectory)
        {
            var result = new List<string>();
            void Add(string directory, int depth)
            {
                var full = Path.GetFullPath(directory);
                if (result.Count >= GitLimits.MaxObjectDirectories || result.Contains(full, StringComparer.Ordinal) || !Directory.Exists(full))
                {
                    return;
                }

                result.Add(full);
                if (depth >= GitLimits.MaxAlternateDepth)
                {
                    return;
                }

                var alternates = GitFile.ReadBounded(Path.Combine(full, "info", "alternates"), GitLimits.MaxSmallFileBytes, "objects/info/alternates");
                if (alternates == null)
                {
                    return;
                }

                foreach (var raw in Encoding.UTF8.GetString(alternates).Split('\n'))
                {
                    var line = raw.TrimEnd('\r');
                    // Quoted (C-escaped) paths are rare and not supported; comments and blanks are skipped.
                    if (line.Length == 0 || line[0] == '#' || line[0] == '"' || line.IndexOf('\0') >= 0)
                    {
                        continue;
                    }

                    Add(Path.GetFullPath(line, full), depth + 1);
                }
            }

            Add(objectsDirectory, 0);
            return result;
        }
    }
}
