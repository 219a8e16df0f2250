using System;
using System.Buffers.Binary;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// A pack index (<c>.idx</c>), version 2 (<c>\377tOc</c>, fan-out, sorted ids, CRCs, 31-bit offsets with a 64-bit
    /// table for packs over 2 GiB) or the old version 1 (fan-out, then offset and id pairs). Opening checks the header,
    /// the fan-out and the length; a lookup is a binary search reading one id per step.
    /// </summary>
    internal sealed class GitPackIndex
    {
        private const int FanoutEntries = 256;
        private const int FanoutBytes = FanoutEntries * 4;
        private const int V2Header = 8;

        private readonly GitByteSource source;
        private readonly int hashLength;
        private readonly int version;
        private readonly uint[] fanout;
        private readonly long largeOffsetCount;
        private readonly string name;

        private GitPackIndex(GitByteSource source, int hashLength, int version, uint[] fanout, long largeOffsetCount, string name)
        {
            this.source = source;
            this.hashLength = hashLength;
            this.version = version;
            this.fanout = fanout;
            this.largeOffsetCount = largeOffsetCount;
            this.name = name;
        }

        /// <summary>Version 2 starts with <c>\377tOc</c>, which no version 1 fan-out can start with.</summary>
        private static ReadOnlySpan<byte> V2Magic => new byte[] { 0xFF, (byte)'t', (byte)'O', (byte)'c' };

        public long Count => fanout[FanoutEntries - 1];

        public static GitPackIndex Open(GitByteSource source, int hashLength, string name)
        {
            Span<byte> header = stackalloc byte[V2Header];
            source.ReadExactly(0, header, $"header of pack index {name}");
            var version = 1;
            if (header.Slice(0, 4).SequenceEqual(V2Magic))
            {
                version = (int)BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4));
                if (version != 2)
                {
                    throw new GitFormatException($"pack index {name} has version {version}; only versions 1 and 2 are supported");
                }
            }

            var fanoutStart = version == 2 ? V2Header : 0;
            var fanoutBytes = new byte[FanoutBytes];
            source.ReadExactly(fanoutStart, fanoutBytes, $"fan-out table of pack index {name}");
            var fanout = new uint[FanoutEntries];
            for (var i = 0; i < FanoutEntries; i++)
            {
                fanout[i] = BinaryPrimitives.ReadUInt32BigEndian(fanoutBytes.AsSpan(i * 4));
                if (i > 0 && fanout[i] < fanout[i - 1])
                {
                    throw new GitFormatException($"pack index {name} has a fan-out table that is not ascending");
                }
            }

            long count = fanout[FanoutEntries - 1];
            long largeOffsets = 0;
            if (version == 2)
            {
                // Header, fan-out, ids, CRC32s, 4-byte offsets, 8-byte large offsets, then the pack's and the index's checksums.
                var fixedPart = V2Header + FanoutBytes + (count * (hashLength + 8)) + (2L * hashLength);
                var extra = source.Length - fixedPart;
                if (extra < 0 || extra % 8 != 0)
                {
                    throw new GitFormatException($"pack index {name} is {source.Length} bytes, which does not fit its {count} objects");
                }

                largeOffsets = extra / 8;
            }
            else if (source.Length != FanoutBytes + (count * (hashLength + 4)) + (2L * hashLength))
            {
                throw new GitFormatException($"pack index {name} is {source.Length} bytes, which does not fit its {count} objects");
            }

            return new GitPackIndex(source, hashLength, version, fanout, largeOffsets, name);
        }

        /// <summary>The offset of <paramref name="id"/> in the pack, or false when this pack does not hold it.</summary>
        public bool TryFind(ReadOnlySpan<byte> id, out long packOffset)
        {
            packOffset = 0;
            if (id.Length != hashLength)
            {
                return false;
            }

            long low = id[0] == 0 ? 0 : fanout[id[0] - 1];
            long high = fanout[id[0]];
            Span<byte> candidate = stackalloc byte[GitObjectId.Sha256Length];
            candidate = candidate.Slice(0, hashLength);
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                source.ReadExactly(IdOffset(middle), candidate, $"object id {middle} of pack index {name}");
                var order = candidate.SequenceCompareTo(id);
                if (order == 0)
                {
                    packOffset = ReadOffset(middle);
                    return true;
                }

                if (order < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return false;
        }

        private long IdOffset(long index) => version == 2
            ? V2Header + FanoutBytes + (index * hashLength)
            : FanoutBytes + (index * (hashLength + 4)) + 4;

        private long ReadOffset(long index)
        {
            Span<byte> field = stackalloc byte[8];
            if (version == 1)
            {
                source.ReadExactly(FanoutBytes + (index * (hashLength + 4)), field.Slice(0, 4), $"offset {index} of pack index {name}");
                return BinaryPrimitives.ReadUInt32BigEndian(field);
            }

            var offsetsStart = V2Header + FanoutBytes + (Count * (hashLength + 4));
            source.ReadExactly(offsetsStart + (index * 4), field.Slice(0, 4), $"offset {index} of pack index {name}");
            var small = BinaryPrimitives.ReadUInt32BigEndian(field);
            if ((small & 0x80000000u) == 0)
            {
                return small;
            }

            // The high bit marks an index into the 64-bit offset table that follows.
            var large = small & 0x7FFFFFFFu;
            if (large >= largeOffsetCount)
            {
                throw new GitFormatException($"pack index {name} points object {index} at large offset {large}, past its {largeOffsetCount} entries");
            }

            source.ReadExactly(offsetsStart + (Count * 4) + (large * 8), field, $"large offset {large} of pack index {name}");
            var value = BinaryPrimitives.ReadUInt64BigEndian(field);
            if (value > long.MaxValue)
            {
                throw new GitFormatException($"pack index {name} has an impossible offset for object {index}");
            }

            return (long)value;
        }
    }
}
