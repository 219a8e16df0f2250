using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MlopsGuard.Tasks.Validation;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Validation
{
    public class MlNetModelReaderTests
    {
        private static ModelDescription Read(byte[] zip, ZipLimits? limits = null)
        {
            using var stream = new MemoryStream(zip);
            return MlNetModelReader.Read(stream, limits ?? ZipLimits.Default);
        }

        private static string Fails(byte[] zip, ZipLimits? limits = null)
        {
            var watch = Stopwatch.StartNew();
            var message = Assert.Throws<InvalidModelException>(() => Read(zip, limits)).Message;
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
            return message;
        }

        [Fact]
        public void A_real_model_saved_with_its_schema_has_its_inputs()
        {
            var model = Read(File.ReadAllBytes(RealModels.Get.MlNetZip));

            Assert.Equal(ModelFormat.MlNet, model.Format);
            Assert.Equal(new[] { "Features:Single[13]", "Label:Boolean[]" }, model.Inputs!.Select(t => t.ToString()));
            Assert.Null(model.Outputs);
            Assert.StartsWith("5.0.1", model.Properties["mlnet_version"], StringComparison.Ordinal);
        }

        [Fact]
        public void A_real_model_saved_without_schema_is_valid_with_unknown_inputs()
        {
            var model = Read(File.ReadAllBytes(RealModels.Get.MlNetZipWithoutSchema));
            Assert.Null(model.Inputs);
            Assert.Contains("without an input schema", model.SchemaNote, StringComparison.Ordinal);
        }

        [Fact]
        public void A_zip_of_zeros_declaring_gigabytes_is_a_bomb()
        {
            var bomb = TestZips.WithDeclaredSize(TestZips.ZerosBomb(entries: 4, zerosPerEntry: 1 << 20), declaredSize: 0xF0000000);
            Assert.Contains("zip bomb", Fails(bomb), StringComparison.Ordinal);
        }

        [Fact]
        public void An_entry_compressed_a_thousand_to_one_is_a_bomb()
        {
            var bomb = TestZips.ZerosBomb(entries: 2, zerosPerEntry: 16 << 20);
            var message = Fails(bomb);
            Assert.Contains("ratio", message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_entry_holding_more_than_it_declares_is_stopped()
        {
            var lying = TestZips.WithDeclaredSize(TestZips.ZerosBomb(entries: 1, zerosPerEntry: 8 << 20), declaredSize: 1000);
            Fails(lying);
        }

        [Theory]
        [InlineData("../evil.txt")]
        [InlineData("TransformerChain/../../evil.txt")]
        [InlineData("..\\evil.txt")]
        [InlineData("/etc/passwd")]
        [InlineData("C:/Windows/evil.dll")]
        public void Path_traversal_and_absolute_entry_names_are_rejected(string name)
        {
            var zip = TestZips.Create(("TransformerChain/Model.key", TestZips.Text("ML\0MODEL")), (name, TestZips.Text("x")));
            var message = Fails(zip);
            Assert.Contains(name, message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_zip_without_model_entries_is_not_an_ml_net_model()
        {
            var zip = TestZips.Create(("readme.txt", TestZips.Text("hello")));
            Assert.Contains("no ML.NET model entry", Fails(zip), StringComparison.Ordinal);
        }

        [Fact]
        public void A_model_entry_without_the_model_header_is_corrupt()
        {
            var zip = TestZips.Create(("TransformerChain/Model.key", TestZips.Text("garbage")));
            Assert.Contains("model header", Fails(zip), StringComparison.Ordinal);
        }

        [Fact]
        public void Too_many_entries_are_refused()
        {
            var entries = Enumerable.Range(0, 20).Select(i => ($"e{i}", new byte[1])).ToArray();
            var message = Fails(TestZips.Create(entries), new ZipLimits { MaxEntries = 10 });
            Assert.Contains("20 entries, more than the 10 allowed", message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_truncated_zip_is_unreadable()
        {
            var bytes = File.ReadAllBytes(RealModels.Get.MlNetZip);
            Fails(bytes.AsSpan(0, bytes.Length / 2).ToArray());
        }

        [Fact]
        public void A_corrupt_schema_entry_is_reported()
        {
            var real = File.ReadAllBytes(RealModels.Get.MlNetZip);
            using var source = new MemoryStream(real);
            using var zip = new System.IO.Compression.ZipArchive(source);
            var entries = zip.Entries.Select(e =>
            {
                using var s = e.Open();
                using var copy = new MemoryStream();
                s.CopyTo(copy);
                var content = copy.ToArray();
                return (e.FullName, e.FullName == "Schema" ? content.AsSpan(0, 300).ToArray() : content);
            }).ToArray();

            Assert.Contains("Schema", Fails(TestZips.Create(entries)), StringComparison.Ordinal);
        }
    }

    public class TorchSharpStateReaderTests
    {
        [Fact]
        public void A_state_file_is_read_to_its_end()
        {
            var model = TorchSharpStateReader.Read(TestZips.TorchSharpLinear());
            Assert.Equal(ModelFormat.TorchSharp, model.Format);
            Assert.Equal("2", model.Properties["tensors"]);
            Assert.Equal("8", model.Properties["parameters"]);
            Assert.Null(model.Inputs);
        }

        [Fact]
        public void Truncated_or_padded_state_files_are_invalid()
        {
            var bytes = TestZips.TorchSharpLinear();
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.Throws<InvalidModelException>(() => TorchSharpStateReader.Read(bytes.Take(length).ToArray()));
            }

            Assert.Contains("follow the last tensor", Assert.Throws<InvalidModelException>(() => TorchSharpStateReader.Read(bytes.Concat(new byte[3]).ToArray())).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_header_longer_than_the_first_block_is_read_whole()
        {
            // A 3,000-byte name: more than the small block the reader tries first, less than a header may hold.
            var name = new string('w', 3000);
            var bytes = new System.Collections.Generic.List<byte> { 1, 0xB8, 0x17 }; // one tensor; name length 3000 as LEB128
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(name));
            bytes.AddRange(new byte[] { 6, 1, 2 }); // float32, rank 1, 2 elements
            bytes.AddRange(new byte[8]);
            var model = TorchSharpStateReader.Read(bytes.ToArray());
            Assert.Equal("2", model.Properties["parameters"]);
        }

        [Fact]
        public void Dimensions_whose_product_would_overflow_are_refused()
        {
            // rank 4, each 2^31-1: the product passes 2^63; the file holds a few bytes.
            var bytes = new byte[] { 1, 1, (byte)'w', 6, 4, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0x07 };
            Assert.Throws<InvalidModelException>(() => TorchSharpStateReader.Read(bytes));
        }

        [Fact]
        public void A_shape_larger_than_the_file_fails_before_any_allocation()
        {
            var bytes = new byte[] { 1, 1, (byte)'w', 6, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0x07 };
            Assert.Contains("more elements than the file holds", Assert.Throws<InvalidModelException>(() => TorchSharpStateReader.Read(bytes)).Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)] // no Format metadata and an extension that says nothing: the content decides
        public void A_state_file_larger_than_2_GiB_is_read_by_its_headers_without_MLG4003(bool declaredTorchSharp)
        {
            ModelFormat? declared = declaredTorchSharp ? ModelFormat.TorchSharp : null;
            // One float32 tensor of 600 million elements: 2.4 GB, written as a sparse file (no disk is used for the zeros).
            const long elements = 600_000_000;
            var header = new System.Collections.Generic.List<byte> { 1, 6 };
            header.AddRange(System.Text.Encoding.UTF8.GetBytes("weight"));
            header.AddRange(new byte[] { 6, 1 });
            for (var v = (ulong)elements; ; v >>= 7)
            {
                header.Add((byte)(v < 0x80 ? v : (v & 0x7F) | 0x80));
                if (v < 0x80)
                {
                    break;
                }
            }

            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mlopsguard-large-{Guid.NewGuid():N}.bin");
            try
            {
                using (var file = System.IO.File.Create(path))
                {
                    file.Write(header.ToArray(), 0, header.Count);
                    file.SetLength(header.Count + (elements * 4));
                }

                var model = ModelInspector.Inspect(path, declared, ZipLimits.Default);
                Assert.Equal(ModelFormat.TorchSharp, model.Format);
                Assert.Equal("600000000", model.Properties["parameters"]);

                // One byte short is still a truncated file.
                using (var file = System.IO.File.OpenWrite(path))
                {
                    file.SetLength(header.Count + (elements * 4) - 1);
                }

                if (declared is not null)
                {
                    Assert.Throws<InvalidModelException>(() => ModelInspector.Inspect(path, declared, ZipLimits.Default));
                }
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }
    }
}
