using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlopsGuard.Tasks.Validation;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Validation
{
    public class OnnxModelReaderTests
    {
        private static byte[] HandBuilt() => OnnxTestWriter.Model(
            new[] { OnnxTestWriter.Tensor("text", 8, "batch", 1), OnnxTestWriter.Tensor("features", 1, -1, 13) },
            new[] { OnnxTestWriter.Tensor("score", 1, "batch", 1), OnnxTestWriter.Tensor("label", 9, "batch") });

        [Fact]
        public void Reads_inputs_outputs_types_shapes_and_facts_of_a_hand_built_model()
        {
            var model = OnnxModelReader.Read(HandBuilt());

            Assert.Equal(ModelFormat.Onnx, model.Format);
            Assert.Equal(new[] { "text:String[batch,1]", "features:Single[-1,13]" }, model.Inputs!.Select(t => t.ToString()));
            Assert.Equal(new[] { "score:Single[batch,1]", "label:Boolean[batch]" }, model.Outputs!.Select(t => t.ToString()));
            Assert.Equal("8", model.Properties["ir_version"]);
            Assert.Equal("ai.onnx:17", model.Properties["opset_import"]);
            Assert.Equal("mlopsguard-tests", model.Properties["producer_name"]);
            Assert.Equal("1.0", model.Properties["producer_version"]);
            Assert.Equal("tests", model.Properties["metadata.author"]);
        }

        [Fact]
        public void Initializers_listed_as_inputs_are_not_inputs()
        {
            var model = OnnxModelReader.Read(HandBuilt());
            Assert.DoesNotContain(model.Inputs!, t => t.Name == "W");
        }

        [Fact]
        public void The_real_onnx_export_reads_as_onnx_runtime_sees_it()
        {
            var bytes = File.ReadAllBytes(RealModels.Get.Onnx);
            using var session = new InferenceSession(bytes);
            var model = OnnxModelReader.Read(bytes);

            AssertSame(session.InputMetadata, model.Inputs!);
            AssertSame(session.OutputMetadata, model.Outputs!);
            Assert.Contains("ML.NET", model.Properties["producer_name"], StringComparison.OrdinalIgnoreCase);

            static void AssertSame(System.Collections.Generic.IReadOnlyDictionary<string, NodeMetadata> expected, System.Collections.Generic.IReadOnlyList<ModelTensor> actual)
            {
                Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), actual.Select(t => t.Name).OrderBy(k => k, StringComparer.Ordinal));
                foreach (var tensor in actual)
                {
                    var metadata = expected[tensor.Name];
                    Assert.Equal(metadata.ElementType.Name, tensor.Type);
                    Assert.Equal(metadata.Dimensions.Select(d => (long)d), tensor.Shape.Select(d => d.Size));
                    Assert.Equal(metadata.SymbolicDimensions, tensor.Shape.Select(d => d.Symbol ?? string.Empty));
                }
            }
        }

        [Fact]
        public void A_model_without_a_graph_is_invalid()
        {
            var bytes = OnnxTestWriter.Model(new[] { OnnxTestWriter.Tensor("x", 1, 1) }, new[] { OnnxTestWriter.Tensor("y", 1, 1) }, withGraph: false);
            Assert.Contains("no graph", Assert.Throws<InvalidModelException>(() => OnnxModelReader.Read(bytes)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_graph_whose_only_input_is_a_weight_has_no_inputs()
        {
            var bytes = OnnxTestWriter.Model(Array.Empty<OnnxTestWriter>(), new[] { OnnxTestWriter.Tensor("y", 1, 1) });
            Assert.Contains("no inputs", Assert.Throws<InvalidModelException>(() => OnnxModelReader.Read(bytes)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_graph_without_outputs_is_invalid()
        {
            var bytes = OnnxTestWriter.Model(new[] { OnnxTestWriter.Tensor("x", 1, 1) }, Array.Empty<OnnxTestWriter>());
            Assert.Contains("no outputs", Assert.Throws<InvalidModelException>(() => OnnxModelReader.Read(bytes)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Without_ir_version_it_is_not_a_model_proto()
        {
            var bytes = OnnxTestWriter.Model(new[] { OnnxTestWriter.Tensor("x", 1, 1) }, new[] { OnnxTestWriter.Tensor("y", 1, 1) }, irVersion: 0);
            Assert.Contains("ir_version", Assert.Throws<InvalidModelException>(() => OnnxModelReader.Read(bytes)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Every_truncation_of_the_real_model_is_invalid_or_keeps_the_whole_graph()
        {
            // Protobuf cannot see a cut that falls exactly between two trailing fields (an opset, a metadata entry);
            // every other cut must be reported, and no cut may throw anything else.
            var bytes = File.ReadAllBytes(RealModels.Get.Onnx);
            var full = OnnxModelReader.Read(bytes);
            var invalid = 0;
            for (var length = 0; length < bytes.Length; length++)
            {
                var truncated = bytes.AsSpan(0, length).ToArray();
                try
                {
                    var model = OnnxModelReader.Read(truncated);
                    Assert.Equal(full.Inputs!.Select(t => t.ToString()), model.Inputs!.Select(t => t.ToString()));
                    Assert.Equal(full.Outputs!.Select(t => t.ToString()), model.Outputs!.Select(t => t.ToString()));
                }
                catch (InvalidModelException)
                {
                    invalid++;
                }
            }

            Assert.True(invalid > bytes.Length * 9 / 10, $"only {invalid} of {bytes.Length} truncations were reported");
        }

        [Fact]
        public void A_wrong_wire_type_names_the_field()
        {
            var bytes = new OnnxTestWriter().String(1, "eight").ToArray();
            var message = Assert.Throws<InvalidModelException>(() => OnnxModelReader.Read(bytes)).Message;
            Assert.Contains("ModelProto.ir_version has wire type length-delimited, expected varint", message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_length_past_the_end_is_reported_with_its_offset()
        {
            var bytes = new byte[] { 0x08, 0x08, 0x3A, 0xFF, 0xFF, 0x03, 0x01, 0x02 }; // graph declares 65535 bytes
            var message = Assert.Throws<InvalidModelException>(() => OnnxModelReader.Read(bytes)).Message;
            Assert.Contains("declares 65535 bytes but only 2 remain", message, StringComparison.Ordinal);
            Assert.Contains("at byte 3", message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_varint_longer_than_ten_bytes_is_invalid()
        {
            var bytes = new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 };
            Assert.Contains("varint", Assert.Throws<InvalidModelException>(() => OnnxModelReader.Read(bytes)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Groups_are_rejected()
        {
            var bytes = new byte[] { 0x08, 0x08, 0x0B }; // field 1, wire type 3 (start group)
            Assert.Contains("wire type 3", Assert.Throws<InvalidModelException>(() => OnnxModelReader.Read(bytes)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Types_nested_too_deep_are_rejected_not_recursed()
        {
            var type = new OnnxTestWriter().Message(1, new OnnxTestWriter().Varint(1, 1));
            for (var i = 0; i < 40; i++)
            {
                type = new OnnxTestWriter().Message(4, new OnnxTestWriter().Message(1, type)); // sequence of ...
            }

            var input = new OnnxTestWriter().String(1, "x").Message(2, type);
            var bytes = OnnxTestWriter.Model(new[] { input }, new[] { OnnxTestWriter.Tensor("y", 1, 1) });
            Assert.Contains("nested more than", Assert.Throws<InvalidModelException>(() => OnnxModelReader.Read(bytes)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Sequences_and_maps_are_named()
        {
            var sequence = new OnnxTestWriter().String(1, "seq").Message(2,
                new OnnxTestWriter().Message(4, new OnnxTestWriter().Message(1, new OnnxTestWriter().Message(1, new OnnxTestWriter().Varint(1, 1)))));
            var map = new OnnxTestWriter().String(1, "map").Message(2,
                new OnnxTestWriter().Message(5, new OnnxTestWriter().Varint(1, 7).Message(2, new OnnxTestWriter().Message(1, new OnnxTestWriter().Varint(1, 1)))));
            var model = OnnxModelReader.Read(OnnxTestWriter.Model(new[] { OnnxTestWriter.Tensor("x", 1, 1) }, new[] { sequence, map }));
            Assert.Equal(new[] { "Sequence<Single>", "Map<Int64,Single>" }, model.Outputs!.Select(t => t.Type));
        }

        [Fact]
        public void Unknown_fields_of_every_wire_type_are_skipped()
        {
            var inner = OnnxTestWriter.Model(new[] { OnnxTestWriter.Tensor("x", 1, 1) }, new[] { OnnxTestWriter.Tensor("y", 1, 1) });
            var extra = new OnnxTestWriter().Varint(99, 5).Fixed32(98, 7).String(97, "future").ToArray();
            var model = OnnxModelReader.Read(inner.Concat(extra).ToArray());
            Assert.Single(model.Inputs!);
        }

        [Fact]
        public void The_test_model_is_real_ONNX_Runtime_loads_its_external_weights()
        {
            var folder = Path.Combine(Path.GetTempPath(), "mlopsguard-external-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var model = Path.Combine(folder, "model.onnx");
            File.WriteAllBytes(model, OnnxTestWriter.ModelWithExternalWeights("model.onnx.data"));
            File.WriteAllBytes(Path.Combine(folder, "model.onnx.data"), OnnxTestWriter.ExternalWeights());
            using var session = new InferenceSession(model);
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("X", new DenseTensor<float>(new[] { 10f, 20f }, new[] { 2 })) });
            Assert.Equal(new[] { 11f, 22f }, results.Single().AsTensor<float>().ToArray());
            session.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}
