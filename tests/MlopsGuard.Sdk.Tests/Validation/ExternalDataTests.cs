using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Tasks.Validation;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Validation
{
    /// <summary>
    /// ONNX models whose weights live in external data files: read, validated and summarized with them. (That the test
    /// model is one ONNX Runtime really runs is shown in OnnxModelReaderTests.)
    /// </summary>
    public sealed class ExternalDataTests : IDisposable
    {
        private readonly string project = Path.Combine(Path.GetTempPath(), "mlopsguard-external-" + Guid.NewGuid().ToString("N"));
        private readonly RecordingBuildEngine engine = new();

        public ExternalDataTests() => Directory.CreateDirectory(Path.Combine(project, "models"));

        public void Dispose() => Directory.Delete(project, recursive: true);

        private string Summary => Path.Combine(project, "obj", "mlops.validation.json");

        private string WriteModel(string location = "model.onnx.data", bool withData = true)
        {
            var model = Path.Combine(project, "models", "model.onnx");
            File.WriteAllBytes(model, OnnxTestWriter.ModelWithExternalWeights(location));
            if (withData)
            {
                File.WriteAllBytes(Path.Combine(project, "models", location), OnnxTestWriter.ExternalWeights());
            }

            return model;
        }

        private bool Validate()
        {
            var item = new TaskItem("models/model.onnx");
            item.SetMetadata("Name", "model");
            return new ValidateModels
            {
                BuildEngine = engine,
                Models = new ITaskItem[] { item },
                ProjectDirectory = project,
                SummaryFile = Summary,
                SchemaRecordsFile = Path.Combine(project, "obj", "schema.txt"),
                StampFile = Path.Combine(project, "obj", "stamp"),
                MlopsLevel = 1,
            }.Execute();
        }

        [Fact]
        public void The_reader_lists_the_external_data_files_the_initializers_name()
        {
            var description = OnnxModelReader.Read(OnnxTestWriter.ModelWithExternalWeights("weights/model.bin"));
            Assert.Equal(new[] { "weights/model.bin" }, description.ExternalData);
            Assert.Empty(OnnxModelReader.Read(OnnxTestWriter.Model(new[] { OnnxTestWriter.Tensor("x", 1, 1) }, new[] { OnnxTestWriter.Tensor("y", 1, 1) })).ExternalData);
        }

        [Fact]
        public void A_model_with_its_data_file_is_valid_and_the_summary_lists_the_file()
        {
            WriteModel();
            Assert.True(Validate());
            Assert.Empty(engine.Warnings);
            using var summary = JsonDocument.Parse(File.ReadAllBytes(Summary));
            var model = summary.RootElement.GetProperty("models")[0];
            Assert.True(model.GetProperty("valid").GetBoolean());
            Assert.Equal("model.onnx.data", model.GetProperty("externalData")[0].GetString());
            Assert.Equal(new[] { "model.onnx.data" }, ValidationSummaryReader.Read(Summary).Single().ExternalData);
        }

        [Fact]
        public void A_missing_data_file_is_MLG4003()
        {
            WriteModel(withData: false);
            Validate();
            var finding = Assert.Single(engine.Warnings, w => w.Code == "MLG4003");
            Assert.Contains("external data file 'model.onnx.data', which does not exist", finding.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("../outside.bin")]
        [InlineData("/etc/passwd")]
        [InlineData("a/../../outside.bin")]
        public void A_data_file_outside_the_models_folder_is_MLG4003_and_never_read(string location)
        {
            File.WriteAllBytes(Path.Combine(project, "outside.bin"), OnnxTestWriter.ExternalWeights());
            WriteModel(location, withData: false);
            Validate();
            var finding = Assert.Single(engine.Warnings, w => w.Code == "MLG4003");
            var message = finding.Message ?? string.Empty;
            Assert.True(message.Contains("outside the model's folder", StringComparison.Ordinal) || message.Contains("not a plain path relative", StringComparison.Ordinal), message);
        }
    }
}
