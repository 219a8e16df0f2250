using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>One entry of a zip that passed the bounded read.</summary>
    internal sealed class ZipEntryContent
    {
        public ZipEntryContent(string name, long length, byte[]? content)
        {
            Name = name;
            Length = length;
            Content = content;
        }

        /// <summary>The entry name with '/' separators.</summary>
        public string Name { get; }

        /// <summary>Uncompressed bytes actually read.</summary>
        public long Length { get; }

        /// <summary>The content, when the caller asked for it (and it was within the inspection limit).</summary>
        public byte[]? Content { get; }
    }

    /// <summary>
    /// Reads a zip archive with <see cref="System.IO.Compression"/> under <see cref="ZipLimits"/>: entry count, total
    /// size (declared and actual), per-entry compression ratio, and entry names (no '..', no absolute paths). Every
    /// entry is decompressed into a scratch buffer, never to disk, so corruption and CRC errors surface; the content of
    /// entries the caller selects is kept.
    /// </summary>
    internal static class BoundedZipReader
    {
        public static List<ZipEntryContent> Read(Stream stream, ZipLimits limits, Func<string, bool> keepContent)
        {
            try
            {
                using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                return ReadEntries(archive, limits, keepContent);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidModelException("not a readable zip archive: " + ex.Message);
            }
            catch (NotSupportedException ex)
            {
                throw new InvalidModelException("the zip archive uses a feature that cannot be read: " + ex.Message);
            }
            catch (IOException ex)
            {
                throw new InvalidModelException("the zip archive cannot be read: " + ex.Message);
            }
        }

        /// <summary>Why an entry name is unsafe to honour, or null when it is a plain relative path.</summary>
        public static string? UnsafeNameReason(string name)
        {
            if (name.Length == 0)
            {
                return "an entry has an empty name";
            }

            if (name.IndexOf('\0') >= 0)
            {
                return "an entry name contains a NUL character";
            }

            if (name[0] == '/' || name[0] == '\\')
            {
                return $"entry '{name}' has an absolute path";
            }

            if (name.Length >= 2 && name[1] == ':')
            {
                return $"entry '{name}' has a drive-rooted path";
            }

            foreach (var segment in name.Split('/', '\\'))
            {
                if (segment == "..")
                {
                    return $"entry '{name}' climbs out of the archive with '..' (path traversal)";
                }
            }

            return null;
        }

        private static List<ZipEntryContent> ReadEntries(ZipArchive archive, ZipLimits limits, Func<string, bool> keepContent)
        {
            var entries = archive.Entries;
            if (entries.Count > limits.MaxEntries)
            {
                throw new InvalidModelException($"the zip archive has {entries.Count} entries, more than the {limits.MaxEntries} allowed");
            }

            // First the cheap checks on what the central directory declares, before any decompression.
            long declaredTotal = 0;
            foreach (var entry in entries)
            {
                var unsafeReason = UnsafeNameReason(entry.FullName);
                if (unsafeReason is not null)
                {
                    throw new InvalidModelException(unsafeReason);
                }

                if (entry.Length < 0 || entry.CompressedLength < 0)
                {
                    throw new InvalidModelException($"entry '{entry.FullName}' declares a negative size");
                }

                declaredTotal += entry.Length;
                if (declaredTotal > limits.MaxTotalUncompressedBytes || declaredTotal < 0)
                {
                    throw new InvalidModelException(
                        $"the entries declare more than {Size(limits.MaxTotalUncompressedBytes)} uncompressed (zip bomb?)");
                }

                CheckRatio(entry.FullName, entry.Length, entry.CompressedLength, limits, "declares");
            }

            // Then the real bytes: a header can lie, so every entry is read, counting, and stopped at its limits.
            var result = new List<ZipEntryContent>(entries.Count);
            var buffer = new byte[81920];
            long actualTotal = 0;
            foreach (var entry in entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                var keep = keepContent(name) && entry.Length <= limits.MaxInspectedEntryBytes;
                using var kept = keep ? new MemoryStream((int)entry.Length) : null;
                long read = 0;
                using (var content = entry.Open())
                {
                    int n;
                    while ((n = content.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        read += n;
                        actualTotal += n;
                        if (read > entry.Length)
                        {
                            throw new InvalidModelException(
                                $"entry '{entry.FullName}' holds more data than the {entry.Length} bytes it declares (zip bomb or corrupt archive)");
                        }

                        if (actualTotal > limits.MaxTotalUncompressedBytes)
                        {
                            throw new InvalidModelException(
                                $"the entries hold more than {Size(limits.MaxTotalUncompressedBytes)} uncompressed (zip bomb?)");
                        }

                        kept?.Write(buffer, 0, n);
                    }
                }

                if (read != entry.Length)
                {
                    throw new InvalidModelException(
                        $"entry '{entry.FullName}' holds {read} bytes but declares {entry.Length} (truncated or corrupt archive)");
                }

                CheckRatio(entry.FullName, read, entry.CompressedLength, limits, "holds");
                result.Add(new ZipEntryContent(name, read, kept?.ToArray()));
            }

            return result;
        }

        private static void CheckRatio(string name, long uncompressed, long compressed, ZipLimits limits, string verb)
        {
            if (uncompressed < limits.RatioCheckMinimumBytes)
            {
                return;
            }

            var ratio = uncompressed / (double)Math.Max(compressed, 1);
            if (ratio > limits.MaxCompressionRatio)
            {
                throw new InvalidModelException(string.Format(
                    CultureInfo.InvariantCulture,
                    "entry '{0}' {1} {2} uncompressed from {3} compressed, a ratio of {4:0} over the limit of {5:0} (zip bomb?)",
                    name, verb, Size(uncompressed), Size(compressed), ratio, limits.MaxCompressionRatio));
            }
        }

        private static string Size(long bytes) => bytes switch
        {
            >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB",
            >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
            >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
            _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        };
    }
}
