using System;
using System.Buffers.Binary;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// A pack (<c>.pack</c>): <c>PACK</c>, version 2 or 3, an object count, then objects each with a variable-length
    /// header (kind and size) and zlib data, then a checksum. Reads one entry's header or data at a given offset.
    /// </summary>
    internal sealed class GitPackFile
    {
        private const int HeaderBytes = 12;

        // Type-and-size (at most 10 bytes for a 64-bit size) plus the longest base reference.
        private const int MaxEntryHeader = 10 + GitObjectId.Sha256Length;

        private readonly GitByteSource source;
        private readonly int hashLength;
        private readonly string name;

        private GitPackFile(GitByteSource source, int hashLength, long count, string name)
        {
            this.source = source;
            this.hashLength = hashLength;
            Count = count;
            this.name = name;
        }

        public long Count { get; }

        public string Name => name;

        public static GitPackFile Open(GitByteSource source, int hashLength, string name)
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            source.ReadExactly(0, header, $"header of pack {name}");
            if (!header.Slice(0, 4).SequenceEqual("PACK"u8))
            {
                throw new GitFormatException($"pack {name} does not start with PACK");
            }

            var version = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4));
            if (version != 2 && version != 3)
            {
                throw new GitFormatException($"pack {name} has version {version}; only versions 2 and 3 exist");
            }

            if (source.Length < HeaderBytes + hashLength)
            {
                throw new GitFormatException($"pack {name} is cut short");
            }

            return new GitPackFile(source, hashLength, BinaryPrimitives.ReadUInt32BigEndian(header.Slice(8)), name);
        }

        /// <summary>Parses the entry header at <paramref name="offset"/> (as the index or a delta gave it).</summary>
        public GitPackEntry ReadEntry(long offset)
        {
            var dataEnd = source.Length - hashLength;
            if (offset < HeaderBytes || offset >= dataEnd)
            {
                throw new GitFormatException($"pack {name} has no object at offset {offset}");
            }

            Span<byte> buffer = stackalloc byte[MaxEntryHeader];
            buffer = buffer.Slice(0, (int)Math.Min(MaxEntryHeader, dataEnd - offset));
            source.ReadExactly(offset, buffer, $"object header in pack {name}");

            var position = 0;
            var b = buffer[position++];
            var type = (GitObjectType)((b >> 4) & 7);
            long size = b & 0x0F;
            var shift = 4;
            while ((b & 0x80) != 0)
            {
                if (position >= buffer.Length || shift > 53)
                {
                    throw new GitFormatException($"pack {name} has a malformed object header at offset {offset}");
                }

                b = buffer[position++];
                size |= (long)(b & 0x7F) << shift;
                shift += 7;
            }

            long baseOffset = 0;
            byte[]? baseId = null;
            switch (type)
            {
                case GitObjectType.Commit:
                case GitObjectType.Tree:
                case GitObjectType.Blob:
                case GitObjectType.Tag:
                    break;
                case GitObjectType.OffsetDelta:
                    baseOffset = offset - ReadBaseDistance(buffer, ref position, offset);
                    if (baseOffset < HeaderBytes)
                    {
                        throw new GitFormatException($"pack {name} has a delta at offset {offset} whose base lies before the first object");
                    }

                    break;
                case GitObjectType.ReferenceDelta:
                    if (position + hashLength > buffer.Length)
                    {
                        throw new GitFormatException($"pack {name} has a delta at offset {offset} cut short");
                    }

                    baseId = buffer.Slice(position, hashLength).ToArray();
                    position += hashLength;
                    break;
                default:
                    throw new GitFormatException($"pack {name} has an object of unknown type {(int)type} at offset {offset}");
            }

            return new GitPackEntry(offset, type, size, offset + position, baseOffset, baseId);
        }

        /// <summary>The inflated data of <paramref name="entry"/>: an object's content or a delta's instructions.</summary>
        public byte[] Inflate(GitPackEntry entry, int maxBytes)
        {
            if (entry.Size > maxBytes)
            {
                throw new GitFormatException($"pack {name} has a {entry.Size}-byte object at offset {entry.Offset}, more than the {maxBytes} bytes a reader accepts");
            }

            var available = source.Length - hashLength - entry.DataOffset;
            using var compressed = source.OpenStream(entry.DataOffset, Math.Min(available, GitZlib.CompressedBound(entry.Size)));
            return GitZlib.InflateExactly(compressed, (int)entry.Size, $"object at offset {entry.Offset} of pack {name}");
        }

        // The distance back to an OFS_DELTA base: big-endian 7-bit groups where each continuation also adds one, so
        // every length has its own range (git's encode_in_pack_object_header counterpart).
        private long ReadBaseDistance(ReadOnlySpan<byte> buffer, ref int position, long offset)
        {
            if (position >= buffer.Length)
            {
                throw new GitFormatException($"pack {name} has a delta at offset {offset} cut short");
            }

            var b = buffer[position++];
            long distance = b & 0x7F;
            while ((b & 0x80) != 0)
            {
                if (position >= buffer.Length || distance > (long.MaxValue >> 8))
                {
                    throw new GitFormatException($"pack {name} has a malformed delta base at offset {offset}");
                }

                b = buffer[position++];
                distance = ((distance + 1) << 7) | (long)(b & 0x7F);
            }

            if (distance <= 0 || distance > offset)
            {
                throw new GitFormatException($"pack {name} has a delta at offset {offset} whose base is not before it");
            }

            return distance;
        }
    }
}
