using System;
using System.Globalization;
using System.IO;

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
        private const int MaxNameBytes = 4096;

        // A name (with its length), a scalar type, a rank and MaxRank dimensions, each number at most 10 LEB128 bytes.
        private const int MaxHeaderBytes = MaxNameBytes + 10 + 10 + 10 + (MaxRank * 10);
        private const int SmallHeaderBytes = 512;

        public static ModelDescription Read(byte[] bytes)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return Read(stream);
        }

        public static ModelDescription Read(Stream stream)
        {
            var file = new Cursor(stream);
            var head = file.Next();
            var count = (long)head.ReadLeb128(MaxEntries);
            if (count == 0)
            {
                throw new InvalidModelException("the TorchSharp state file holds no tensors");
            }

            file.Advance(head.Position);
            long elements = 0;
            for (var i = 0; i < count; i++)
            {
                TensorHeader tensor;
                try
                {
                    tensor = ReadHeader(file.Next(), i, file.Remaining);
                }
                catch (InvalidModelException) when (file.HasMoreThanASmallBlock)
                {
                    // Cut short by the small block, or really broken: the full-size block tells.
                    tensor = ReadHeader(file.NextLarge(), i, file.Remaining);
                }

                var elementSize = tensor.ElementSize;
                var tensorElements = tensor.Elements;
                var name = tensor.Name;
                file.Advance(tensor.Length);
                if (tensorElements > file.Remaining / elementSize)
                {
                    throw file.Fail($"tensor '{name}' declares more elements than the file holds (truncated or corrupt)");
                }

                file.Skip(tensorElements * elementSize);
                elements += tensorElements;
            }

            if (!file.AtEnd)
            {
                throw file.Fail($"{file.Remaining} bytes follow the last tensor");
            }

            var description = new ModelDescription(ModelFormat.TorchSharp)
            {
                SchemaNote = "a TorchSharp state file holds weights, not inputs or outputs",
            };
            description.Properties["tensors"] = count.ToString(CultureInfo.InvariantCulture);
            description.Properties["parameters"] = elements.ToString(CultureInfo.InvariantCulture);
            return description;
        }

        /// <summary>A tensor's name, bytes per element, element count, and the bytes of the header itself.</summary>
        private readonly record struct TensorHeader(string Name, int ElementSize, long Elements, int Length);

        /// <summary>One tensor's header: its name, scalar type, rank and dimensions; <paramref name="remaining"/> bounds the elements.</summary>
        private static TensorHeader ReadHeader(BoundedBinaryReader header, int index, long remaining)
        {
            var name = header.ReadString(MaxNameBytes);
            if (name.Length == 0)
            {
                throw header.Fail($"tensor #{index + 1} has no name");
            }

            var scalarType = (int)header.ReadLeb128(64);
            var elementSize = ElementSize(scalarType);
            if (elementSize == 0)
            {
                throw header.Fail($"tensor '{name}' has unknown scalar type {scalarType}");
            }

            var rank = (int)header.ReadLeb128(MaxRank);
            long elements = 1;
            for (var d = 0; d < rank; d++)
            {
                var size = (long)header.ReadLeb128(int.MaxValue);

                // The product stays within the bytes left (checked before multiplying, so a lying shape cannot overflow).
                var left = remaining - header.Position;
                if (size != 0 && elements != 0 && size > left / elements)
                {
                    throw header.Fail($"tensor '{name}' declares more elements than the file holds (truncated or corrupt)");
                }

                elements = size == 0 ? 0 : elements * size;
            }

            return new TensorHeader(name, elementSize, elements, header.Position);
        }

        /// <summary>
        /// The file as a seekable stream: each header (a name, a type, a rank and dimensions: at most
        /// <see cref="MaxHeaderBytes"/>) is read into memory and parsed by <see cref="BoundedBinaryReader"/>; the tensors'
        /// elements between the headers are skipped by position, never read.
        /// </summary>
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

            /// <summary>
            /// A reader over the next bytes: a small block, which holds nearly every header; <see cref="NextLarge"/> when
            /// the header did not fit (a long name, many dimensions).
            /// </summary>
            public BoundedBinaryReader Next() => Read(SmallHeaderBytes);

            public BoundedBinaryReader NextLarge() => Read(MaxHeaderBytes);

            /// <summary>True when a header read from <see cref="Next"/> may have been cut short by the block, not by the file.</summary>
            public bool HasMoreThanASmallBlock => Remaining > SmallHeaderBytes;

            private BoundedBinaryReader Read(int most)
            {
                var buffer = new byte[(int)Math.Min(most, Remaining)];
                _stream.Position = _position;
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = _stream.Read(buffer, read, buffer.Length - read);
                    if (n <= 0)
                    {
                        throw Fail("the file ended while it was read (it changed, or is corrupt)");
                    }

                    read += n;
                }

                return new BoundedBinaryReader(buffer, $"the TorchSharp state file, from byte {_position}");
            }

            public void Advance(int count) => _position += count;

            public void Skip(long count)
            {
                if (count < 0 || count > Remaining)
                {
                    throw Fail($"{count} bytes are needed but only {Remaining} remain (truncated or corrupt data)");
                }

                _position += count;
            }

            public InvalidModelException Fail(string message) => new($"{message} (in the TorchSharp state file, at byte {_position})");
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
