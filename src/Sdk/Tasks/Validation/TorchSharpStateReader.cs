using System;
using System.Globalization;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Validates a TorchSharp state file (Module.save / the exportsd.py format): a LEB128 entry count, then per entry
    /// a LEB128-length UTF-8 name, the tensor's LEB128 scalar type and rank, its LEB128 dimensions, and its raw
    /// elements. The whole file must be consumed exactly. A state dictionary has weights, not inputs or outputs.
    /// </summary>
    internal static class TorchSharpStateReader
    {
        private const int MaxEntries = 1_000_000;
        private const int MaxRank = 64;

        public static ModelDescription Read(ReadOnlySpan<byte> bytes)
        {
            var reader = new BoundedBinaryReader(bytes, "the TorchSharp state file");
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

                reader.Take(tensorElements * elementSize);
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
