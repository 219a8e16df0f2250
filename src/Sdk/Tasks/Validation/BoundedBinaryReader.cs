using System;
using System.Buffers.Binary;
using System.Text;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Little-endian fields and LEB128 numbers over a span, for the ML.NET schema and TorchSharp state formats: every read
    /// is checked against what remains, and a failure names the structure and offset.
    /// </summary>
    internal ref struct BoundedBinaryReader
    {
        private readonly ReadOnlySpan<byte> data;
        private readonly string context;

        public BoundedBinaryReader(ReadOnlySpan<byte> data, string context)
        {
            this.data = data;
            this.context = context;
            Position = 0;
        }

        public int Position { get; private set; }

        public int Remaining => data.Length - Position;

        public bool AtEnd => Position >= data.Length;

        public void Seek(long offset)
        {
            if (offset < 0 || offset > data.Length)
            {
                throw Fail($"offset {offset} lies outside the {data.Length} bytes of data");
            }

            Position = (int)offset;
        }

        public byte ReadByte() => Take(1)[0];

        public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        /// <summary>An unsigned LEB128 number (also .NET's 7-bit encoded int), at most <paramref name="max"/>.</summary>
        public ulong ReadLeb128(ulong max = long.MaxValue)
        {
            var start = Position;
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = ReadByte();
                if (shift == 63 && b > 1)
                {
                    break;
                }

                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    if (result > max)
                    {
                        Position = start;
                        throw Fail($"the number {result} is larger than the {max} allowed");
                    }

                    return result;
                }
            }

            Position = start;
            throw Fail("a LEB128 number is longer than 64 bits");
        }

        /// <summary>A string as .NET's BinaryWriter writes it: 7-bit encoded byte length, then UTF-8.</summary>
        public string ReadString(int maxBytes = 64 * 1024)
        {
            var length = (int)ReadLeb128((ulong)maxBytes);
            return Encoding.UTF8.GetString(Take(length));
        }

        public ReadOnlySpan<byte> Take(long count)
        {
            if (count < 0 || count > Remaining)
            {
                throw Fail($"{count} bytes are needed but only {Remaining} remain (truncated or corrupt data)");
            }

            var slice = data.Slice(Position, (int)count);
            Position += (int)count;
            return slice;
        }

        public InvalidModelException Fail(string message) => new($"{message} (in {context}, at byte {Position})");
    }
}
