using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Validates a TorchSharp state file (Module.save / the exportsd.py format): a LEB128 entry count, then per entry
    /// a LEB128-length UTF-8 name, the tensor's LEB128 scalar type and rank, its LEB128 dimensions, and its raw
    /// elements. The whole file must be consumed exactly. A state dictionary has weights, not inputs or outputs.
    /// The file is read as a stream and the elements are skipped by seeking, so a state of any size (a large language
    /// model's is well over 2 GiB, which no span can hold) costs the reading of its headers only.
    /// </summary>
    internal static class TorchSharpStateReader
    {
        private const int MaxEntries = 1_000_000;
        private const int MaxRank = 64;

        public static ModelDescription Read(byte[] bytes)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return Read(stream);
        }

        public static ModelDescription Read(Stream stream)
        {
            var reader = new Cursor(stream);
            var count = (long)reader.ReadLeb128(MaxEntries);
            if (count == 0)
            {
                throw new InvalidModelException("the TorchSharp state file holds no tensors");
            }

            long elements = 0;
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString(4096);
                if (name.Length == 0)
                {
                    throw reader.Fail($"tensor #{i + 1} has no name");
                }

                var scalarType = (int)reader.ReadLeb128(64);
                var elementSize = ElementSize(scalarType);
                if (elementSize == 0)
                {
                    throw reader.Fail($"tensor '{name}' has unknown scalar type {scalarType}");
                }

                var rank = (int)reader.ReadLeb128(MaxRank);
                long tensorElements = 1;
                for (var d = 0; d < rank; d++)
                {
                    var size = (long)reader.ReadLeb128(int.MaxValue);

                    // The product is bounded by the bytes left, so a lying shape fails here instead of overflowing.
                    tensorElements = size == 0 ? 0 : tensorElements * size;
                    if (tensorElements > reader.Remaining)
                    {
                        throw reader.Fail($"tensor '{name}' declares more elements than the file holds (truncated or corrupt)");
                    }
                }

                reader.Skip(tensorElements * elementSize);
                elements += tensorElements;
            }

            if (!reader.AtEnd)
            {
                throw reader.Fail($"{reader.Remaining} bytes follow the last tensor");
            }

            var description = new ModelDescription(ModelFormat.TorchSharp)
            {
                SchemaNote = "a TorchSharp state file holds weights, not inputs or outputs",
            };
            description.Properties["tensors"] = count.ToString(CultureInfo.InvariantCulture);
            description.Properties["parameters"] = elements.ToString(CultureInfo.InvariantCulture);
            return description;
        }

        /// <summary>A forward reader over a seekable stream, with the checks of <see cref="BoundedBinaryReader"/>.</summary>
        private sealed class Cursor
        {
            private readonly Stream _stream;
            private readonly long _length;
            private long _position;

            public Cursor(Stream stream)
            {
                _stream = stream;
                _length = stream.Length;
                _position = stream.Position;
            }

            public long Remaining => _length - _position;

            public bool AtEnd => _position >= _length;

            public ulong ReadLeb128(ulong max)
            {
                var start = _position;
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
                            _position = start;
                            throw Fail($"the number {result} is larger than the {max} allowed");
                        }

                        return result;
                    }
                }

                _position = start;
                throw Fail("a LEB128 number is longer than 64 bits");
            }

            public string ReadString(int maxBytes)
            {
                var length = (int)ReadLeb128((ulong)maxBytes);
                if (length > Remaining)
                {
                    throw Fail($"{length} bytes are needed but only {Remaining} remain (truncated or corrupt data)");
                }

                var bytes = new byte[length];
                _stream.Position = _position;
                var read = 0;
                while (read < length)
                {
                    var n = _stream.Read(bytes, read, length - read);
                    if (n <= 0)
                    {
                        throw Fail("the file ended early (truncated or corrupt data)");
                    }

                    read += n;
                }

                _position += length;
                return Encoding.UTF8.GetString(bytes);
            }

            public void Skip(long count)
            {
                if (count < 0 || count > Remaining)
                {
                    throw Fail($"{count} bytes are needed but only {Remaining} remain (truncated or corrupt data)");
                }

                _position += count;
            }

            public InvalidModelException Fail(string message) => new($"{message} (in the TorchSharp state file, at byte {_position})");

            private byte ReadByte()
            {
                if (_position >= _length)
                {
                    throw Fail($"1 bytes are needed but only 0 remain (truncated or corrupt data)");
                }

                _stream.Position = _position;
                var b = _stream.ReadByte();
                if (b < 0)
                {
                    throw Fail("the file ended early (truncated or corrupt data)");
                }

                _position++;
                return (byte)b;
            }
        }

        /// <summary>Bytes per element of TorchSharp's ScalarType codes; 0 for codes it never saves.</summary>
        private static int ElementSize(int scalarType) => scalarType switch
        {
            0 => 1,  // Byte
            1 => 1,  // Int8
            2 => 2,  // Int16
            3 => 4,  // Int32
            4 => 8,  // Int64
            5 => 2,  // Float16
            6 => 4,  // Float32
            7 => 8,  // Float64
            8 => 4,  // ComplexFloat16
            9 => 8,  // ComplexFloat32
            10 => 16, // ComplexFloat64
            11 => 1, // Bool
            15 => 2, // BFloat16
            _ => 0,
        };
    }
}
