using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Storage;

namespace MlopsGuard.Tasks.Lock.Hashing
{
    /// <summary>
    /// Hashes remembered by full path, size and last-write time (like DVC's state database), kept under obj/ so that a
    /// build with unchanged data reads no data at all. Anything odd about the cache file means an empty cache, never an error.
    /// </summary>
    internal sealed class HashCache
    {
        private const int FormatVersion = 1;

        // A file written within this window of being hashed may change again within the same timestamp tick
        // ("racy clean" in git): its hash is used but not remembered.
        private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

        private readonly string? _file;
        private readonly Dictionary<string, Entry> _entries;
        private readonly Dictionary<string, Entry> _used = new(StringComparer.Ordinal);
        private readonly Func<string, HashAlgorithmName, string> _hasher;

        private HashCache(string? file, Dictionary<string, Entry> entries, Func<string, HashAlgorithmName, string>? hasher)
        {
            _file = file;
            _entries = entries;
            _hasher = hasher ?? ArtifactHasher.Hash;
        }

        /// <summary>Files read to compute a hash in this run.</summary>
        public int Misses { get; private set; }

        /// <summary>Hashes answered from the cache in this run.</summary>
        public int Hits { get; private set; }

        public long BytesHashed { get; private set; }

        /// <summary>Loads the cache from <paramref name="file"/> (null: a cache kept in memory only).</summary>
        public static HashCache Load(string? file, Func<string, HashAlgorithmName, string>? hasher = null)
        {
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            if (!string.IsNullOrEmpty(file) && File.Exists(file))
            {
                try
                {
                    using var document = JsonDocument.Parse(File.ReadAllBytes(file!));
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object
                        && root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == FormatVersion
                        && root.TryGetProperty("entries", out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in list.EnumerateArray())
                        {
                            var path = item.GetProperty("path").GetString()!;
                            entries[path] = new Entry(item.GetProperty("size").GetInt64(), item.GetProperty("mtime").GetInt64(), Optional(item, "sha256"), Optional(item, "md5"));
                        }
                    }
                }
                catch (Exception ex) when (ex is JsonException || ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException || ex is KeyNotFoundException || ex is FormatException)
                {
                    entries.Clear();
                }
            }

            return new HashCache(file, entries, hasher);
        }

        public string Sha256(string fullPath) => Get(fullPath, HashAlgorithmName.SHA256);

        public string Md5(string fullPath) => Get(fullPath, HashAlgorithmName.MD5);

        /// <summary>Whether <see cref="Get"/> would answer from the cache, without reading the file (its size and write time only).</summary>
        public bool Knows(string fullPath, HashAlgorithmName algorithm)
        {
            if (!_entries.TryGetValue(fullPath, out var known))
            {
                return false;
            }

            var file = new FileInfo(fullPath);
            return file.Exists && known.Size == file.Length && known.Ticks == file.LastWriteTimeUtc.Ticks
                && (algorithm == HashAlgorithmName.SHA256 ? known.Sha256 : known.Md5) != null;
        }

        /// <summary>The hash of a file, from the cache when its size and last-write time are those remembered.</summary>
        public string Get(string fullPath, HashAlgorithmName algorithm)
        {
            var before = new FileInfo(fullPath);
            var size = before.Length;
            var ticks = before.LastWriteTimeUtc.Ticks;
            var sha = algorithm == HashAlgorithmName.SHA256;
            if (_entries.TryGetValue(fullPath, out var known) && known.Size == size && known.Ticks == ticks)
            {
                var cached = sha ? known.Sha256 : known.Md5;
                if (cached != null)
                {
                    Hits++;
                    _used[fullPath] = known;
                    return cached;
                }
            }
            else
            {
                known = new Entry(size, ticks, null, null);
            }

            var hash = _hasher(fullPath, algorithm);
            Misses++;
            BytesHashed += size;

            var after = new FileInfo(fullPath);
            var stable = after.Exists && after.Length == size && after.LastWriteTimeUtc.Ticks == ticks;
            var settled = DateTime.UtcNow - new DateTime(ticks, DateTimeKind.Utc) > RacyWindow;
            if (stable && settled)
            {
                var entry = sha ? known with { Sha256 = hash } : known with { Md5 = hash };
                _entries[fullPath] = entry;
                _used[fullPath] = entry;
            }

            return hash;
        }

        /// <summary>Writes the entries used in this run (others are dropped) when they differ from the file; returns whether it wrote.</summary>
        public bool Save()
        {
            if (string.IsNullOrEmpty(_file))
            {
                return false;
            }

            var keys = new List<string>(_used.Keys);
            keys.Sort(StringComparer.Ordinal);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", FormatVersion);
                writer.WriteStartArray("entries");
                foreach (var key in keys)
                {
                    var entry = _used[key];
                    writer.WriteStartObject();
                    writer.WriteString("path", key);
                    writer.WriteNumber("size", entry.Size);
                    writer.WriteNumber("mtime", entry.Ticks);
                    if (entry.Sha256 != null)
                    {
                        writer.WriteString("sha256", entry.Sha256);
                    }

                    if (entry.Md5 != null)
                    {
                        writer.WriteString("md5", entry.Md5);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            try
            {
                return AtomicFile.WriteIfChanged(_file!, buffer.ToArray());
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A cache that cannot be saved costs time on the next build, not correctness.
                return false;
            }
        }

        private static string? Optional(JsonElement item, string name) =>
            item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private sealed record Entry(long Size, long Ticks, string? Sha256, string? Md5);
    }
}
