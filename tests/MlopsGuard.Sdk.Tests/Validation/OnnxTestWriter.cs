using System.Collections.Generic;
using System.IO;
using System.Text;

namespace MlopsGuard.Sdk.Tests.Validation
{
    /// <summary>
    /// A tiny protobuf writer for hand-built ONNX models in tests (test-only): just the ModelProto, GraphProto,
    /// ValueInfoProto and TypeProto fields the reader looks at, plus an initializer and a node to skip.
    /// </summary>
    public sealed class OnnxTestWriter
    {
        private readonly MemoryStream stream = new();

        public byte[] ToArray() => stream.ToArray();

        public OnnxTestWriter Varint(int field, ulong value)
        {
            Tag(field, 0);
            WriteVarint(value);
            return this;
        }

        public OnnxTestWriter Bytes(int field, byte[] value)
        {
            Tag(field, 2);
            WriteVarint((ulong)value.Length);
            stream.Write(value, 0, value.Length);
            return this;
        }

        public OnnxTestWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public OnnxTestWriter Message(int field, OnnxTestWriter message) => Bytes(field, message.ToArray());

        public OnnxTestWriter Fixed32(int field, uint value)
        {
            Tag(field, 5);
            stream.Write(System.BitConverter.GetBytes(value), 0, 4);
            return this;
        }

        /// <summary>A dimension: a number for dim_value, a string for dim_param.</summary>
        public static OnnxTestWriter Tensor(string name, int elementType, params object[] dims)
        {
            var shape = new OnnxTestWriter();
            foreach (var dim in dims)
            {
                var d = new OnnxTestWriter();
                if (dim is string symbol)
                {
                    d.String(2, symbol);
                }
                else
                {
                    d.Varint(1, (ulong)System.Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
                }

                shape.Message(1, d);
            }

            var tensorType = new OnnxTestWriter().Varint(1, (ulong)elementType).Message(2, shape);
            var type = new OnnxTestWriter().Message(1, tensorType);
            return new OnnxTestWriter().String(1, name).Message(2, type);
        }

        /// <summary>A small valid model: inputs and outputs as given, one weight initializer "W" also listed as an input (IR 3 style).</summary>
        public static byte[] Model(IEnumerable<OnnxTestWriter> inputs, IEnumerable<OnnxTestWriter> outputs, bool withGraph = true, long irVersion = 8)
        {
            var graph = new OnnxTestWriter()
                .Message(1, new OnnxTestWriter().String(1, "x").String(2, "y").String(4, "Identity"))
                .String(2, "test-graph")
                .Message(5, new OnnxTestWriter().Varint(1, 2).Varint(2, 1).String(8, "W").Bytes(9, new byte[8]));
            foreach (var input in inputs)
            {
                graph.Message(11, input);
            }

            graph.Message(11, Tensor("W", 1, 2));
            foreach (var output in outputs)
            {
                graph.Message(12, output);
            }

            var model = new OnnxTestWriter().Varint(1, (ulong)irVersion).String(2, "mlopsguard-tests").String(3, "1.0");
            if (withGraph)
            {
                model.Message(7, graph);
            }

            model.Message(8, new OnnxTestWriter().String(1, string.Empty).Varint(2, 17));
            model.Message(14, new OnnxTestWriter().String(1, "author").String(2, "tests"));
            return model.ToArray();
        }

        /// <summary>
        /// Y = X + W for float[2] tensors, with the initializer W stored outside the model in <paramref name="location"/>
        /// (data_location EXTERNAL, as exporters write weights past 2 GiB). The matching data file holds W = [1, 2].
        /// </summary>
        public static byte[] ModelWithExternalWeights(string location)
        {
            var weights = new OnnxTestWriter().Varint(1, 2).Varint(2, 1).String(8, "W")
                .Message(13, new OnnxTestWriter().String(1, "location").String(2, location))
                .Message(13, new OnnxTestWriter().String(1, "offset").String(2, "0"))
                .Message(13, new OnnxTestWriter().String(1, "length").String(2, "8"))
                .Varint(14, 1);
            var graph = new OnnxTestWriter()
                .Message(1, new OnnxTestWriter().String(1, "X").String(1, "W").String(2, "Y").String(4, "Add"))
                .String(2, "external-weights")
                .Message(5, weights)
                .Message(11, Tensor("X", 1, 2))
                .Message(12, Tensor("Y", 1, 2));
            return new OnnxTestWriter().Varint(1, 8).String(2, "mlopsguard-tests").Message(7, graph)
                .Message(8, new OnnxTestWriter().String(1, string.Empty).Varint(2, 13)).ToArray();
        }

        /// <summary>The data file of <see cref="ModelWithExternalWeights"/>: W = [1, 2] as little-endian floats.</summary>
        public static byte[] ExternalWeights()
        {
            var bytes = new byte[8];
            System.BitConverter.GetBytes(1f).CopyTo(bytes, 0);
            System.BitConverter.GetBytes(2f).CopyTo(bytes, 4);
            return bytes;
        }

        private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            stream.WriteByte((byte)value);
        }
    }
}
