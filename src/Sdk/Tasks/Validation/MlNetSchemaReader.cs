using System;
using System.Collections.Generic;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Reads the input schema ML.NET stores in a model zip (the "Schema" entry written by MLContext.Model.Save with an
    /// input schema): an empty binary data view ("IDV" format, docs/code/IdvFileFormat.md in dotnet/machinelearning):
    /// a 256-byte header, then one table-of-contents entry per column with its name and value codec.
    /// Only the column names, types and vector sizes are read; no rows, no annotations.
    /// </summary>
    internal static class MlNetSchemaReader
    {
        private const ulong Signature = 0x00425644004C4D43;      // "CML\0DVB\0"
        private const ulong FirstMetadataVersion = 0x0001000100010004; // 1.1.1.4: the column TOC ends with the metadata offset
        private const int MaxColumns = 100_000;
        private const int MaxCodecNesting = 8;

        public static List<ModelTensor> Read(ReadOnlySpan<byte> bytes)
        {
            var reader = new BoundedBinaryReader(bytes, "the ML.NET Schema entry");
            if (bytes.Length < 256 || reader.ReadUInt64() != Signature)
            {
                throw new InvalidModelException("the ML.NET Schema entry is not a binary data view (bad signature or shorter than its header)");
            }

            reader.ReadUInt64(); // version
            var compatibleVersion = reader.ReadUInt64();
            var tocOffset = reader.ReadInt64();
            reader.ReadInt64(); // tail offset
            reader.ReadInt64(); // row count
            var columnCount = reader.ReadInt32();
            if (compatibleVersion < FirstMetadataVersion)
            {
                throw new InvalidModelException("the ML.NET Schema entry uses a data view version older than 1.1.1.4, which MlopsGuard does not read");
            }

            if (columnCount < 0 || columnCount > MaxColumns)
            {
                throw reader.Fail($"the schema declares {columnCount} columns");
            }

            reader.Seek(tocOffset);
            var columns = new List<ModelTensor>(Math.Min(columnCount, 1024));
            for (var i = 0; i < columnCount; i++)
            {
                var name = reader.ReadString();
                var (type, shape) = ReadCodec(ref reader, 0);
                reader.ReadByte(); // compression kind
                reader.ReadLeb128(); // rows per block
                reader.ReadInt64(); // lookup table offset
                reader.ReadInt64(); // metadata table of contents offset
                columns.Add(new ModelTensor(name, type, shape));
            }

            return columns;
        }

        /// <summary>Reads a codec (load name, LEB128 length, parameterization) and returns the .NET type it holds.</summary>
        private static (string Type, List<ModelDimension> Shape) ReadCodec(ref BoundedBinaryReader reader, int depth)
        {
            if (depth > MaxCodecNesting)
            {
                throw reader.Fail("value codecs are nested too deep");
            }

            var loadName = reader.ReadString(1024);
            var length = reader.ReadLeb128(int.MaxValue);
            var parameters = reader.Take((long)length);
            switch (loadName)
            {
                case "VBuffer":
                {
                    // The item codec, then the dimensions (0 means a vector of variable size).
                    var inner = new BoundedBinaryReader(parameters, "the ML.NET Schema vector codec");
                    var (itemType, _) = ReadCodec(ref inner, depth + 1);
                    var rank = inner.ReadInt32();
                    if (rank < 0 || rank > 64)
                    {
                        throw inner.Fail($"a vector declares {rank} dimensions");
                    }

                    var shape = new List<ModelDimension>(rank);
                    for (var d = 0; d < rank; d++)
                    {
                        var size = inner.ReadInt32();
                        shape.Add(size > 0 ? ModelDimension.Fixed(size) : ModelDimension.Unknown);
                    }

                    return (itemType, shape);
                }

                case "Key":
                case "Key2":
                {
                    // A key codec wraps the codec of its raw unsigned type.
                    var inner = new BoundedBinaryReader(parameters, "the ML.NET Schema key codec");
                    var (rawType, _) = ReadCodec(ref inner, depth + 1);
                    return (rawType, new List<ModelDimension>());
                }

                default:
                    return (DotNetName(loadName), new List<ModelDimension>());
            }
        }

        private static string DotNetName(string loadName) => loadName switch
        {
            "TextSpan" => "String",
            "DateTimeZone" => "DateTimeOffset",
            "UInt128" => "DataViewRowId",
            _ => loadName, // Single, Double, Boolean, Int32, Int64, Byte, ..., DateTime, TimeSpan: already .NET names
        };
    }
}
