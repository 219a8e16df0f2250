using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Reads what validation needs from an ONNX ModelProto (onnx.proto field numbers): ir_version, opset_import,
    /// producer, metadata_props, and the graph's inputs (initializers excluded) and outputs with their element types
    /// and shapes. Everything else is skipped without being decoded. Bounded: see <see cref="ProtobufReader"/>;
    /// nested types are followed at most <see cref="MaxTypeDepth"/> levels deep.
    /// </summary>
    internal static class OnnxModelReader
    {
        /// <summary>Deepest nesting of sequence/map/optional types followed; real models use two or three.</summary>
        public const int MaxTypeDepth = 16;

        /// <summary>Most graph inputs or outputs accepted (a guard for the summary, far above real models).</summary>
        public const int MaxValueInfos = 100_000;
        public const int MaxExternalFiles = 10_000;

        public static ModelDescription Read(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length == 0)
            {
                throw new InvalidModelException("the file is empty");
            }

            var model = new ProtobufReader(bytes, 0, "ModelProto");
            long irVersion = 0;
            var opsets = new List<string>();
            var metadata = new List<KeyValuePair<string, string>>();
            string? producerName = null, producerVersion = null;
            GraphInfo? graph = null;

            while (model.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 1: // ir_version
                        model.Expect(wire, WireType.Varint, "ir_version");
                        irVersion = (long)model.ReadVarint();
                        break;
                    case 2: // producer_name
                        model.Expect(wire, WireType.LengthDelimited, "producer_name");
                        producerName = model.ReadString();
                        break;
                    case 3: // producer_version
                        model.Expect(wire, WireType.LengthDelimited, "producer_version");
                        producerVersion = model.ReadString();
                        break;
                    case 7: // graph
                        model.Expect(wire, WireType.LengthDelimited, "graph");
                        if (graph is not null)
                        {
                            throw model.Fail(model.Offset, "the model has more than one graph");
                        }

                        var graphReader = model.ReadMessage("GraphProto");
                        graph = ReadGraph(ref graphReader);
                        break;
                    case 8: // opset_import
                        model.Expect(wire, WireType.LengthDelimited, "opset_import");
                        var opsetReader = model.ReadMessage("OperatorSetIdProto");
                        opsets.Add(ReadOpset(ref opsetReader));
                        break;
                    case 14: // metadata_props
                        model.Expect(wire, WireType.LengthDelimited, "metadata_props");
                        var entryReader = model.ReadMessage("StringStringEntryProto");
                        metadata.Add(ReadEntry(ref entryReader));
                        break;
                    default:
                        model.Skip(wire);
                        break;
                }
            }

            if (irVersion <= 0)
            {
                throw new InvalidModelException("the model has no ir_version: this is not an ONNX ModelProto");
            }

            if (irVersion >= 3 && opsets.Count == 0)
            {
                throw new InvalidModelException("the model has no opset_import, which every ONNX model since IR version 3 must have");
            }

            if (graph is null)
            {
                throw new InvalidModelException("the model has no graph");
            }

            if (graph.Inputs.Count == 0)
            {
                throw new InvalidModelException("the graph has no inputs (other than initializers)");
            }

            if (graph.Outputs.Count == 0)
            {
                throw new InvalidModelException("the graph has no outputs");
            }

            var description = new ModelDescription(ModelFormat.Onnx)
            {
                Inputs = graph.Inputs,
                Outputs = graph.Outputs,
                ExternalData = graph.ExternalData.ToList(),
            };
            description.Properties["ir_version"] = irVersion.ToString(CultureInfo.InvariantCulture);
            if (opsets.Count > 0)
            {
                description.Properties["opset_import"] = string.Join(",", opsets);
            }

            if (!string.IsNullOrEmpty(producerName))
            {
                description.Properties["producer_name"] = producerName!;
            }

            if (!string.IsNullOrEmpty(producerVersion))
            {
                description.Properties["producer_version"] = producerVersion!;
            }

            foreach (var entry in metadata)
            {
                description.Properties["metadata." + entry.Key] = entry.Value;
            }

            return description;
        }

        private sealed class GraphInfo
        {
            public List<ModelTensor> Inputs { get; } = new();

            public List<ModelTensor> Outputs { get; } = new();

            /// <summary>The external data files the initializers name, as written in the model (relative to its folder).</summary>
            public SortedSet<string> ExternalData { get; } = new(StringComparer.Ordinal);
        }

        private static GraphInfo ReadGraph(ref ProtobufReader graph)
        {
            var info = new GraphInfo();
            var declaredInputs = new List<ModelTensor>();
            var outputs = new List<ModelTensor>();
            var initializers = new HashSet<string>(StringComparer.Ordinal);

            while (graph.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 5: // initializer (TensorProto)
                        graph.Expect(wire, WireType.LengthDelimited, "initializer");
                        var tensor = graph.ReadMessage("TensorProto");
                        AddIfNamed(initializers, ReadTensor(ref tensor, info.ExternalData));
                        break;
                    case 15: // sparse_initializer (SparseTensorProto; its name is values.name)
                        graph.Expect(wire, WireType.LengthDelimited, "sparse_initializer");
                        var sparse = graph.ReadMessage("SparseTensorProto");
                        AddIfNamed(initializers, ReadSparseTensorName(ref sparse));
                        break;
                    case 11: // input
                        graph.Expect(wire, WireType.LengthDelimited, "input");
                        var input = graph.ReadMessage("ValueInfoProto");
                        Add(declaredInputs, ReadValueInfo(ref input, "input", declaredInputs.Count), ref graph);
                        break;
                    case 12: // output
                        graph.Expect(wire, WireType.LengthDelimited, "output");
                        var output = graph.ReadMessage("ValueInfoProto");
                        Add(outputs, ReadValueInfo(ref output, "output", outputs.Count), ref graph);
                        break;
                    default:
                        graph.Skip(wire);
                        break;
                }
            }

            foreach (var input in declaredInputs)
            {
                // Before IR version 4 initializers were also listed as inputs; they are weights, not what a caller feeds.
                if (!initializers.Contains(input.Name))
                {
                    info.Inputs.Add(input);
                }
            }

            info.Outputs.AddRange(outputs);
            return info;
        }

        private static void Add(List<ModelTensor> list, ModelTensor tensor, ref ProtobufReader graph)
        {
            if (list.Count >= MaxValueInfos)
            {
                throw graph.Fail(graph.Offset, $"the graph declares more than {MaxValueInfos} inputs or outputs");
            }

            list.Add(tensor);
        }

        private static void AddIfNamed(HashSet<string> names, string? name)
        {
            if (!string.IsNullOrEmpty(name))
            {
                names.Add(name!);
            }
        }

        /// <summary>
        /// A tensor's name; and, for an initializer whose data lies outside the model (data_location EXTERNAL), the file
        /// named by its external_data "location" entry, added to <paramref name="externalData"/>.
        /// </summary>
        private static string? ReadTensor(ref ProtobufReader tensor, SortedSet<string>? externalData)
        {
            string? name = null;
            string? location = null;
            var external = false;
            while (tensor.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 8: // name
                        tensor.Expect(wire, WireType.LengthDelimited, "name");
                        name = tensor.ReadString();
                        break;
                    case 13: // external_data (StringStringEntryProto)
                        tensor.Expect(wire, WireType.LengthDelimited, "external_data");
                        var entry = tensor.ReadMessage("StringStringEntryProto");
                        var (key, value) = ReadEntry(ref entry);
                        if (key == "location")
                        {
                            location = value;
                        }

                        break;
                    case 14: // data_location: 1 = EXTERNAL
                        tensor.Expect(wire, WireType.Varint, "data_location");
                        external = tensor.ReadVarint() == 1;
                        break;
                    default:
                        tensor.Skip(wire);
                        break;
                }
            }

            if (external && externalData is not null)
            {
                if (string.IsNullOrEmpty(location))
                {
                    throw new InvalidModelException($"the initializer '{name}' keeps its data outside the model but names no location");
                }

                if (externalData.Count >= MaxExternalFiles && !externalData.Contains(location!))
                {
                    throw new InvalidModelException($"the model names more than {MaxExternalFiles} external data files");
                }

                externalData.Add(location!);
            }

            return name;
        }

        private static string? ReadSparseTensorName(ref ProtobufReader sparse)
        {
            string? name = null;
            while (sparse.TryReadTag(out var field, out var wire))
            {
                if (field == 1)
                {
                    sparse.Expect(wire, WireType.LengthDelimited, "values");
                    var values = sparse.ReadMessage("TensorProto");
                    name = ReadTensor(ref values, null);
                }
                else
                {
                    sparse.Skip(wire);
                }
            }

            return name;
        }

        private static ModelTensor ReadValueInfo(ref ProtobufReader valueInfo, string role, int index)
        {
            var start = valueInfo.Offset;
            string? name = null;
            TypeInfo? type = null;
            while (valueInfo.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 1:
                        valueInfo.Expect(wire, WireType.LengthDelimited, "name");
                        name = valueInfo.ReadString();
                        break;
                    case 2:
                        valueInfo.Expect(wire, WireType.LengthDelimited, "type");
                        var typeReader = valueInfo.ReadMessage("TypeProto");
                        type = ReadType(ref typeReader, 1);
                        break;
                    default:
                        valueInfo.Skip(wire);
                        break;
                }
            }

            if (string.IsNullOrEmpty(name))
            {
                throw valueInfo.Fail(start, $"graph {role} #{index + 1} has no name");
            }

            return new ModelTensor(name!, type?.Name ?? "Undefined", type?.Shape);
        }

        private sealed class TypeInfo
        {
            public TypeInfo(string name, List<ModelDimension>? shape)
            {
                Name = name;
                Shape = shape;
            }

            public string Name { get; }

            public List<ModelDimension>? Shape { get; }
        }

        private static TypeInfo ReadType(ref ProtobufReader type, int depth)
        {
            if (depth > MaxTypeDepth)
            {
                throw type.Fail(type.Offset, $"types are nested more than {MaxTypeDepth} levels deep");
            }

            TypeInfo? result = null;
            while (type.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 1: // tensor_type
                        type.Expect(wire, WireType.LengthDelimited, "tensor_type");
                        var tensor = type.ReadMessage("TypeProto.Tensor");
                        result = ReadTensorType(ref tensor, sparse: false);
                        break;
                    case 8: // sparse_tensor_type
                        type.Expect(wire, WireType.LengthDelimited, "sparse_tensor_type");
                        var sparse = type.ReadMessage("TypeProto.SparseTensor");
                        result = ReadTensorType(ref sparse, sparse: true);
                        break;
                    case 4: // sequence_type
                        type.Expect(wire, WireType.LengthDelimited, "sequence_type");
                        var sequence = type.ReadMessage("TypeProto.Sequence");
                        result = new TypeInfo("Sequence<" + ReadWrappedElement(ref sequence, depth) + ">", null);
                        break;
                    case 9: // optional_type
                        type.Expect(wire, WireType.LengthDelimited, "optional_type");
                        var optional = type.ReadMessage("TypeProto.Optional");
                        result = new TypeInfo("Optional<" + ReadWrappedElement(ref optional, depth) + ">", null);
                        break;
                    case 5: // map_type
                        type.Expect(wire, WireType.LengthDelimited, "map_type");
                        var map = type.ReadMessage("TypeProto.Map");
                        result = ReadMapType(ref map, depth);
                        break;
                    default:
                        type.Skip(wire);
                        break;
                }
            }

            return result ?? new TypeInfo("Undefined", null);
        }

        private static string ReadWrappedElement(ref ProtobufReader wrapper, int depth)
        {
            var name = "Undefined";
            while (wrapper.TryReadTag(out var field, out var wire))
            {
                if (field == 1)
                {
                    wrapper.Expect(wire, WireType.LengthDelimited, "elem_type");
                    var inner = wrapper.ReadMessage("TypeProto");
                    name = ReadType(ref inner, depth + 1).Name;
                }
                else
                {
                    wrapper.Skip(wire);
                }
            }

            return name;
        }

        private static TypeInfo ReadMapType(ref ProtobufReader map, int depth)
        {
            var key = "Undefined";
            var value = "Undefined";
            while (map.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 1:
                        map.Expect(wire, WireType.Varint, "key_type");
                        key = OnnxElementTypes.ToDotNetName((long)map.ReadVarint());
                        break;
                    case 2:
                        map.Expect(wire, WireType.LengthDelimited, "value_type");
                        var inner = map.ReadMessage("TypeProto");
                        value = ReadType(ref inner, depth + 1).Name;
                        break;
                    default:
                        map.Skip(wire);
                        break;
                }
            }

            return new TypeInfo("Map<" + key + "," + value + ">", null);
        }

        private static TypeInfo ReadTensorType(ref ProtobufReader tensor, bool sparse)
        {
            long elementType = 0;
            List<ModelDimension>? shape = null;
            while (tensor.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 1:
                        tensor.Expect(wire, WireType.Varint, "elem_type");
                        elementType = (long)tensor.ReadVarint();
                        break;
                    case 2:
                        tensor.Expect(wire, WireType.LengthDelimited, "shape");
                        var shapeReader = tensor.ReadMessage("TensorShapeProto");
                        shape = ReadShape(ref shapeReader);
                        break;
                    default:
                        tensor.Skip(wire);
                        break;
                }
            }

            var name = OnnxElementTypes.ToDotNetName(elementType);
            return new TypeInfo(sparse ? "Sparse<" + name + ">" : name, shape);
        }

        private static List<ModelDimension> ReadShape(ref ProtobufReader shape)
        {
            var dims = new List<ModelDimension>();
            while (shape.TryReadTag(out var field, out var wire))
            {
                if (field == 1)
                {
                    shape.Expect(wire, WireType.LengthDelimited, "dim");
                    var dim = shape.ReadMessage("TensorShapeProto.Dimension");
                    dims.Add(ReadDimension(ref dim));
                }
                else
                {
                    shape.Skip(wire);
                }
            }

            return dims;
        }

        private static ModelDimension ReadDimension(ref ProtobufReader dim)
        {
            var result = ModelDimension.Unknown;
            while (dim.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 1:
                        dim.Expect(wire, WireType.Varint, "dim_value");
                        var value = (long)dim.ReadVarint();
                        result = value >= 0 ? ModelDimension.Fixed(value) : ModelDimension.Unknown;
                        break;
                    case 2:
                        dim.Expect(wire, WireType.LengthDelimited, "dim_param");
                        result = ModelDimension.Named(dim.ReadString(4096));
                        break;
                    default:
                        dim.Skip(wire);
                        break;
                }
            }

            return result;
        }

        private static string ReadOpset(ref ProtobufReader opset)
        {
            var domain = string.Empty;
            long version = 0;
            while (opset.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 1:
                        opset.Expect(wire, WireType.LengthDelimited, "domain");
                        domain = opset.ReadString(4096);
                        break;
                    case 2:
                        opset.Expect(wire, WireType.Varint, "version");
                        version = (long)opset.ReadVarint();
                        break;
                    default:
                        opset.Skip(wire);
                        break;
                }
            }

            return (domain.Length == 0 ? "ai.onnx" : domain) + ":" + version.ToString(CultureInfo.InvariantCulture);
        }

        private static KeyValuePair<string, string> ReadEntry(ref ProtobufReader entry)
        {
            string key = string.Empty, value = string.Empty;
            while (entry.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 1:
                        entry.Expect(wire, WireType.LengthDelimited, "key");
                        key = entry.ReadString(64 * 1024);
                        break;
                    case 2:
                        entry.Expect(wire, WireType.LengthDelimited, "value");
                        value = entry.ReadString(64 * 1024);
                        break;
                    default:
                        entry.Skip(wire);
                        break;
                }
            }

            return new KeyValuePair<string, string>(key, value);
        }
    }
}
