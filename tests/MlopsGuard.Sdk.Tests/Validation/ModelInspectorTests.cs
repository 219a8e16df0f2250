using System;
using System.IO;
using System.Linq;
using MlopsGuard.Tasks.Validation;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Validation
{
    public sealed class ModelInspectorTests : IDisposable
    {
        private readonly string directory = Directory.CreateTempSubdirectory("mlopsguard-inspect-").FullName;

        public void Dispose() => Directory.Delete(directory, recursive: true);

        private string Write(string name, byte[] bytes)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static ModelDescription Inspect(string path, ModelFormat? format = null) => ModelInspector.Inspect(path, format, ZipLimits.Default);

        [Fact]
        public void A_text_file_named_onnx_is_reported_as_text()
        {
            var path = Write("model.onnx", TestZips.Text("version https://git-lfs.github.com/spec/v1\noid sha256:abc\n"));
            var message = Assert.Throws<InvalidModelException>(() => Inspect(path)).Message;
            Assert.Contains("extension '.onnx' says ONNX, but the file is a text file", message, StringComparison.Ordinal);
            Assert.Contains("git-lfs", message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_zip_named_onnx_is_reported_as_a_zip()
        {
            var path = Write("model.onnx", File.ReadAllBytes(RealModels.Get.MlNetZip));
            Assert.Contains("is a zip archive", Assert.Throws<InvalidModelException>(() => Inspect(path)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_onnx_file_named_zip_is_not_an_ml_net_model()
        {
            var path = Write("model.zip", File.ReadAllBytes(RealModels.Get.Onnx));
            Assert.Contains("says ML.NET model zip, but the file is binary data", Assert.Throws<InvalidModelException>(() => Inspect(path)).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_format_metadata_wins_over_the_extension()
        {
            var path = Write("model.bin", File.ReadAllBytes(RealModels.Get.Onnx));
            Assert.Equal(ModelFormat.Onnx, Inspect(path, ModelFormat.Onnx).Format);
            Assert.Contains("Format metadata says ML.NET", Assert.Throws<InvalidModelException>(() => Inspect(path, ModelFormat.MlNet)).Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("model.bin", "onnx")]
        [InlineData("model.dat", "torchsharp")]
        [InlineData("model.pkg", "mlnet")]
        [InlineData("notes.txt", "other")]
        public void Without_a_telling_extension_the_content_decides(string name, string expected)
        {
            var bytes = expected switch
            {
                "onnx" => File.ReadAllBytes(RealModels.Get.Onnx),
                "torchsharp" => TestZips.TorchSharpLinear(),
                "mlnet" => File.ReadAllBytes(RealModels.Get.MlNetZip),
                _ => TestZips.Text("just some notes"),
            };
            Assert.Equal(expected, Inspect(Write(name, bytes)).Format.Name());
        }

        [Fact]
        public void An_empty_file_is_invalid()
        {
            Assert.Contains("empty", Assert.Throws<InvalidModelException>(() => Inspect(Write("m.onnx", Array.Empty<byte>()))).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_bomb_with_an_unknown_extension_is_still_read_safely()
        {
            var bomb = TestZips.WithDeclaredSize(TestZips.ZerosBomb(entries: 3, zerosPerEntry: 1 << 20), declaredSize: 0xF0000000);
            Assert.Throws<InvalidModelException>(() => Inspect(Write("model.pkg", bomb)));
        }
    }
}

namespace MlopsGuard.Sdk.Tests.Validation
{
    public class MappedFileTests
    {
        [Fact]
        public void A_mapped_file_reads_the_same_as_a_copied_one()
        {
            using var file = new System.IO.FileStream(RealModels.Get.Onnx, System.IO.FileMode.Open, System.IO.FileAccess.Read);
            var mapped = MappedFile.Read(file, bytes => OnnxModelReader.Read(bytes), maxCopiedBytes: 0);
            var copied = MappedFile.Read(file, bytes => OnnxModelReader.Read(bytes));
            Assert.Equal(copied.Inputs!.Select(t => t.ToString()), mapped.Inputs!.Select(t => t.ToString()));
            Assert.Equal(copied.Outputs!.Select(t => t.ToString()), mapped.Outputs!.Select(t => t.ToString()));
        }
    }
}
