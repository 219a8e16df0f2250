using System;
using System.Text;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>The protobuf wire types (the low three bits of a field tag).</summary>
    internal enum WireType
    {
        Varint = 0,
        Fixed64 = 1,
        LengthDelimited = 2,
        StartGroup = 3,
        EndGroup = 4,
        Fixed32 = 5,
    }

    /// <summary>
    /// A minimal, bounded reader of the protobuf wire format over a span: every length is checked against the bytes
    /// that remain before anything is sliced, varints longer than ten bytes are rejected, and nothing is allocated from
    /// an untrusted length. Errors throw <see cref="InvalidModelException"/> with the byte offset in the file.
    /// </summary>
    internal ref struct ProtobufReader
    {
        private readonly ReadOnlySpan<byte> data;
        private readonly int baseOffset;
        private readonly string context;
        private int position;

        /// <param name="data">The bytes of one message.</param>
        /// <param name="baseOffset">Where <paramref name="data"/> starts in the file, for messages.</param>
        /// <param name="context">The message being read, e.g. "ModelProto.graph", for messages.</param>
        public ProtobufReader(ReadOnlySpan<byte> data, int baseOffset, string context)
        {
            this.data = data;
            this.baseOffset = baseOffset;
            this.context = context;
            position = 0;
        }

        public bool AtEnd => position >= data.Length;

        /// <summary>The file offset of the next byte.</summary>
        public int Offset => baseOffset + position;

        public string Context => context;

        /// <summary>Reads the next field tag; false at the end of the message.</summary>
        public bool TryReadTag(out int fieldNumber, out WireType wireType)
        {
            if (AtEnd)
            {
                fieldNumber = 0;
                wireType = WireType.Varint;
                return false;
            }

            var tagOffset = Offset;
            var tag = ReadVarint();
            var number = tag >> 3;
            wireType = (WireType)(tag & 7);
            if (number == 0 || number > 536_870_911)
            {
                throw Fail(tagOffset, $"invalid field number {number}");
            }

            if (wireType == WireType.StartGroup || wireType == WireType.EndGroup || (int)wireType > 5)
            {
                throw Fail(tagOffset, $"field {number} uses wire type {(int)wireType}, which ONNX never writes");
            }

            fieldNumber = (int)number;
            return true;
        }

        public ulong ReadVarint()
        {
            var start = Offset;
            ulong result = 0;
            for (var shift = 0; shift < 70; shift += 7)
            {
                if (AtEnd)
                {
                    throw Fail(start, "a number is cut off by the end of the data (truncated file?)");
                }

                var b = data[position++];
                if (shift == 63 && b > 1)
                {
                    throw Fail(start, "a varint overflows 64 bits");
                }

                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }

            throw Fail(start, "a varint is longer than 10 bytes");
        }

        /// <summary>Reads a length-delimited field's bytes, checking the length against what remains.</summary>
        public ReadOnlySpan<byte> ReadLengthDelimited(out int startOffset)
        {
            var lengthOffset = Offset;
            var length = ReadVarint();
            var remaining = data.Length - position;
            if (length > (ulong)remaining)
            {
                throw Fail(lengthOffset, $"a field declares {length} bytes but only {remaining} remain (truncated or corrupt file)");
            }

            startOffset = Offset;
            var slice = data.Slice(position, (int)length);
            position += (int)length;
            return slice;
        }

        /// <summary>Reads a UTF-8 string field, at most <paramref name="maxBytes"/> long.</summary>
        public string ReadString(int maxBytes = 1 << 20)
        {
            var bytes = ReadLengthDelimited(out var start);
            if (bytes.Length > maxBytes)
            {
                throw Fail(start, $"a string of {bytes.Length} bytes is longer than the {maxBytes} bytes allowed");
            }

            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>Reads a nested message and returns a reader over it.</summary>
        public ProtobufReader ReadMessage(string nestedContext)
        {
            var bytes = ReadLengthDelimited(out var start);
            return new ProtobufReader(bytes, start, nestedContext);
        }

        public void Skip(WireType wireType)
        {
            switch (wireType)
            {
                case WireType.Varint:
                    ReadVarint();
                    break;
                case WireType.Fixed64:
                    Advance(8);
                    break;
                case WireType.Fixed32:
                    Advance(4);
                    break;
                case WireType.LengthDelimited:
                    ReadLengthDelimited(out _);
                    break;
                default:
                    throw Fail(Offset, $"cannot skip wire type {(int)wireType}");
            }
        }

        /// <summary>Checks a known field's wire type, naming the field when it is wrong.</summary>
        public void Expect(WireType actual, WireType expected, string fieldName)
        {
            if (actual != expected)
            {
                throw Fail(Offset, $"{context}.{fieldName} has wire type {Describe(actual)}, expected {Describe(expected)}");
            }
        }

        public InvalidModelException Fail(int offset, string message) =>
            new InvalidModelException($"{message} (in {context}, at byte {offset})");

        private void Advance(int count)
        {
            if (data.Length - position < count)
            {
                throw Fail(Offset, $"a {count}-byte field is cut off by the end of the data (truncated file?)");
            }

            position += count;
        }

        private static string Describe(WireType wireType) => wireType switch
        {
            WireType.Varint => "varint",
            WireType.Fixed64 => "fixed64",
            WireType.LengthDelimited => "length-delimited",
            WireType.Fixed32 => "fixed32",
            _ => ((int)wireType).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
