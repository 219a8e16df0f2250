using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
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
    public sealed class ValidateModelsTests : IDisposable
    {
        private readonly string project = Directory.CreateTempSubdirectory("mlopsguard-validate-").FullName;
        private readonly RecordingBuildEngine engine = new();

        public ValidateModelsTests()
        {
            Directory.CreateDirectory(Path.Combine(project, "models"));
            File.Copy(RealModels.Get.Onnx, Path.Combine(project, "models", "heart.onnx"));
            File.Copy(RealModels.Get.MlNetZip, Path.Combine(project, "models", "heart.zip"));
            File.Copy(RealModels.Get.MetricsJson, Path.Combine(project, "models", "metrics.json"));
        }

        public void Dispose() => Directory.Delete(project, recursive: true);

        private string Summary => Path.Combine(project, "obj", "mlops.validation.json");

        private string SchemaFile => Path.Combine(project, "obj", "MlopsGuard.ModelSchema.txt");

        private string Stamp => Path.Combine(project, "obj", "mlops.validation.stamp");

        private static TaskItem Model(string path, string name, params (string Key, string Value)[] metadata)
        {
            var item = new TaskItem(path);
            item.SetMetadata("Name", name);
            foreach (var (key, value) in metadata)
            {
                item.SetMetadata(key, value);
            }

            return item;
        }

        private static TaskItem Gate(string metric, string model, string? min = null, string? max = null)
        {
            var item = new TaskItem(metric);
            item.SetMetadata("Model", model);
            if (min is not null)
            {
                item.SetMetadata("Min", min);
            }

            if (max is not null)
            {
                item.SetMetadata("Max", max);
            }

            return item;
        }

        private bool Run(ITaskItem[] models, ITaskItem[]? gates = null, bool enforce = false, int level = 1)
        {
            var task = new ValidateModels
            {
                BuildEngine = engine,
                Models = models,
                MetricGates = gates ?? Array.Empty<ITaskItem>(),
                ProjectDirectory = project,
                SummaryFile = Summary,
                SchemaRecordsFile = SchemaFile,
                StampFile = Stamp,
                MlopsEnforce = enforce,
                MlopsLevel = level,
            };
            return task.Execute();
        }

        private string Message(string code) => string.Join("\n", engine.Warnings.Where(w => w.Code == code).Select(w => w.Message)
            .Concat(engine.Errors.Where(e => e.Code == code).Select(e => e.Message)));

        [Fact]
        public void Valid_models_with_matching_schema_and_met_gates_pass_and_are_summarized()
        {
            var accuracy = RealModels.Get.Accuracy;
            var passed = Run(
                new ITaskItem[]
                {
                    Model("models/heart.onnx", "heart-onnx",
                        ("Inputs", "Features:Single[-1,13];Label:Boolean[-1,1]"),
                        ("Outputs", "Features.output:Single;Label.output:Boolean;PredictedLabel.output:Boolean[1];Score.output:Single[1];Probability.output:Single[1]")),
                    Model("models/heart.zip", "heart", ("Inputs", "Features:Single[13];Label:Boolean"), ("MetricsFile", "models/metrics.json")),
                },
                new ITaskItem[] { Gate("Accuracy", "heart", min: (accuracy - 0.01).ToString(CultureInfo.InvariantCulture)), Gate("AreaUnderRocCurve", "heart", min: "0", max: "1") },
                enforce: true);

            Assert.True(passed, string.Join("\n", engine.Errors.Select(e => e.Code + ": " + e.Message)));
            Assert.Empty(engine.Codes);
            Assert.True(File.Exists(Stamp));

            using var summary = JsonDocument.Parse(File.ReadAllBytes(Summary));
            Assert.Equal("mlopsguard/validation/1", summary.RootElement.GetProperty("schema").GetString());
            var models = summary.RootElement.GetProperty("models").EnumerateArray().ToList();
            Assert.Equal(new[] { "heart", "heart-onnx" }, models.Select(m => m.GetProperty("name").GetString()));
            var zip = models[0];
            Assert.Equal("mlnet", zip.GetProperty("format").GetString());
            Assert.Equal("models/heart.zip", zip.GetProperty("path").GetString());
            Assert.True(zip.GetProperty("passed").GetBoolean());
            Assert.Equal(accuracy, zip.GetProperty("metrics").GetProperty("test.Accuracy").GetDouble());
            Assert.Equal(JsonValueKind.Null, zip.GetProperty("outputs").ValueKind);
            var gate = zip.GetProperty("gates")[0];
            Assert.Equal(accuracy, gate.GetProperty("value").GetDouble());
            Assert.True(gate.GetProperty("passed").GetBoolean());
            var onnx = models[1];
            Assert.Equal("onnx", onnx.GetProperty("format").GetString());
            Assert.Equal("Features", onnx.GetProperty("inputs")[0].GetProperty("name").GetString());
            Assert.Equal(13, onnx.GetProperty("inputs")[0].GetProperty("shape")[1].GetInt32());

            var records = File.ReadAllLines(SchemaFile);
            Assert.Contains("schema\theart\tinput\tFeatures\tSingle\t[13]", records);
            Assert.Contains("schema\theart\tinput\tLabel\tBoolean\t[]", records);
            Assert.Contains("schema\theart-onnx\toutput\tScore.output\tSingle\t[-1,1]", records);
        }

        [Fact]
        public void A_gate_above_the_real_metric_is_MLG4004_with_value_and_bound()
        {
            Run(new ITaskItem[] { Model("models/heart.zip", "heart", ("MetricsFile", "models/metrics.json")) }, new ITaskItem[] { Gate("Accuracy", "heart", min: "0.999") });

            var warning = Assert.Single(engine.Warnings);
            Assert.Equal("MLG4004", warning.Code);
            var value = RealModels.Get.Accuracy.ToString(CultureInfo.InvariantCulture);
            Assert.Equal($"Metric 'Accuracy' of model 'heart' (gate: Min 0.999) is {value}, below the minimum 0.999.", warning.Message);
            Assert.EndsWith("metrics.json", warning.File, StringComparison.Ordinal);
            Assert.False(File.Exists(Stamp));
        }

        [Fact]
        public void In_ci_mode_a_failed_gate_fails_the_build()
        {
            Assert.False(Run(new ITaskItem[] { Model("models/heart.zip", "heart", ("MetricsFile", "models/metrics.json")) }, new ITaskItem[] { Gate("Accuracy", "heart", min: "0.999") }, enforce: true));
            Assert.Equal("MLG4004", Assert.Single(engine.Errors).Code);
        }

        [Fact]
        public void A_missing_metric_or_metrics_file_is_MLG4004()
        {
            Run(
                new ITaskItem[] { Model("models/heart.zip", "heart", ("MetricsFile", "models/metrics.json")), Model("models/heart.onnx", "onnx") },
                new ITaskItem[] { Gate("LogLoss", "heart", max: "0.5"), Gate("Accuracy", "onnx", min: "0.5") });

            Assert.Equal(new[] { "MLG4004", "MLG4004" }, engine.Codes);
            var messages = Message("MLG4004");
            Assert.Contains("Metric 'LogLoss' of model 'heart' (gate: Max 0.5) cannot be checked: it is not in models/metrics.json", messages, StringComparison.Ordinal);
            Assert.Contains("Metric 'Accuracy' of model 'onnx' (gate: Min 0.5) cannot be checked: the model has no MetricsFile", messages, StringComparison.Ordinal);
        }

        [Fact]
        public void An_invalid_metrics_file_is_MLG4004_even_without_gates()
        {
            File.WriteAllText(Path.Combine(project, "models", "metrics.json"), "{ \"Accuracy\": ");
            Run(new ITaskItem[] { Model("models/heart.zip", "heart", ("MetricsFile", "models/metrics.json")) });
            Assert.Contains("not valid JSON", Message("MLG4004"), StringComparison.Ordinal);
        }

        [Fact]
        public void A_declared_input_the_model_lacks_is_MLG4006()
        {
            Run(new ITaskItem[] { Model("models/heart.onnx", "heart", ("Inputs", "Features:Single[-1,13];Label:Boolean;Age:Single")) });

            var warning = Assert.Single(engine.Warnings);
            Assert.Equal("MLG4006", warning.Code);
            Assert.StartsWith("Model 'heart' (models/heart.onnx): declared input 'Age' is missing from the model; its inputs are: Features:Single[-1,13]", warning.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Each_schema_problem_is_its_own_MLG4006()
        {
            Run(new ITaskItem[] { Model("models/heart.zip", "heart", ("Inputs", "Features:Double[13];Text:String")) });
            Assert.Equal(new[] { "MLG4006", "MLG4006", "MLG4006" }, engine.Codes);
        }

        [Fact]
        public void A_malformed_declaration_is_MLG5005_not_a_model_finding()
        {
            Run(new ITaskItem[] { Model("models/heart.zip", "heart", ("Inputs", "Features Single")) });
            Assert.Equal("MLG5005", Assert.Single(engine.Warnings).Code);
        }

        [Fact]
        public void Outputs_of_an_ml_net_model_are_not_checked_but_said_so()
        {
            Run(new ITaskItem[] { Model("models/heart.zip", "heart", ("Outputs", "Score:Single")) });
            Assert.Empty(engine.Codes);
            Assert.Contains(engine.Messages, m => m.Message!.Contains("no output schema", StringComparison.Ordinal));
        }

        public static IEnumerable<object[]> BrokenModels() => new[]
        {
            new object[] { "truncated.onnx", "truncated" },
            new object[] { "text.onnx", "text file" },
            new object[] { "bomb.zip", "zip bomb" },
            new object[] { "traversal.zip", "path traversal" },
            new object[] { "missing.onnx", "does not exist" },
            new object[] { "folder.onnx", "is a folder" },
        };

        [Theory]
        [MemberData(nameof(BrokenModels))]
        public void Broken_models_are_MLG4003_within_seconds_and_fail_ci(string file, string expected)
        {
            var path = Path.Combine(project, "models", file);
            switch (file)
            {
                case "truncated.onnx":
                    var onnx = File.ReadAllBytes(RealModels.Get.Onnx);
                    File.WriteAllBytes(path, onnx.AsSpan(0, onnx.Length * 2 / 3).ToArray());
                    break;
                case "text.onnx":
                    File.WriteAllText(path, "this is not a model\n");
                    break;
                case "bomb.zip":
                    File.WriteAllBytes(path, TestZips.WithDeclaredSize(TestZips.ZerosBomb(4, 1 << 20), 0xF0000000));
                    break;
                case "folder.onnx":
                    Directory.CreateDirectory(path);
                    break;
                case "traversal.zip":
                    File.WriteAllBytes(path, TestZips.Create(("TransformerChain/Model.key", TestZips.Text("ML\0MODEL")), ("../../evil.sh", TestZips.Text("rm -rf"))));
                    break;
            }

            var watch = Stopwatch.StartNew();
            Assert.False(Run(new ITaskItem[] { Model("models/" + file, "broken") }, enforce: true));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");

            var error = Assert.Single(engine.Errors);
            Assert.Equal("MLG4003", error.Code);
            Assert.StartsWith("Model 'broken' (models/" + file + ") is not a valid ", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.EndsWith(file, error.File, StringComparison.Ordinal);
            Assert.True(File.Exists(Summary));
            Assert.False(File.Exists(Stamp));
        }

        [Fact]
        public void At_level_zero_findings_are_suggestions()
        {
            File.WriteAllText(Path.Combine(project, "models", "text.onnx"), "nope");
            Assert.True(Run(new ITaskItem[] { Model("models/text.onnx", "t") }, level: 0));
            Assert.Empty(engine.Codes);
            Assert.Contains(engine.Messages, m => m.Message!.Contains("MLG4003", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("sentiment", "0.9", null, "names model 'sentiment', but no MlModel has that Name")]
        [InlineData("heart", "high", null, "bounds must be numbers")]
        [InlineData("heart", null, null, "has neither Min nor Max")]
        public void Unusable_gates_are_MLG5005(string model, string? min, string? max, string expected)
        {
            Run(new ITaskItem[] { Model("models/heart.zip", "heart", ("MetricsFile", "models/metrics.json")) }, new ITaskItem[] { Gate("Accuracy", model, min, max) });
            Assert.Contains(expected, Message("MLG5005"), StringComparison.Ordinal);
        }

        [Fact]
        public void A_gate_without_Model_applies_to_the_only_model()
        {
            var gate = new TaskItem("Accuracy");
            gate.SetMetadata("Min", "0.999");
            Run(new ITaskItem[] { Model("models/heart.zip", "heart", ("MetricsFile", "models/metrics.json")) }, new ITaskItem[] { gate });
            Assert.Equal("MLG4004", Assert.Single(engine.Warnings).Code);
        }

        [Fact]
        public void The_schema_file_is_rewritten_only_when_it_changes()
        {
            var models = new ITaskItem[] { Model("models/heart.onnx", "heart") };
            Run(models);
            var first = File.GetLastWriteTimeUtc(SchemaFile);
            File.SetLastWriteTimeUtc(SchemaFile, first.AddHours(-1));
            Run(models);
            Assert.Equal(first.AddHours(-1), File.GetLastWriteTimeUtc(SchemaFile));
        }

        [Fact]
        public void The_summary_is_deterministic()
        {
            var models = new ITaskItem[] { Model("models/heart.onnx", "b"), Model("models/heart.zip", "a", ("MetricsFile", "models/metrics.json")) };
            Run(models);
            var first = File.ReadAllBytes(Summary);
            Run(models.Reverse().ToArray());
            Assert.Equal(first, File.ReadAllBytes(Summary));
        }

        [Fact]
        public void Output_paths_are_relative_to_the_project()
        {
            var task = new ValidateModels
            {
                BuildEngine = engine,
                Models = new ITaskItem[] { Model("models/heart.onnx", "heart") },
                ProjectDirectory = project,
                SummaryFile = "obj/Release/net10.0/mlops.validation.json",
                SchemaRecordsFile = "obj/Release/net10.0/MlopsGuard.ModelSchema.txt",
                StampFile = "obj/Release/net10.0/mlops.validation.stamp",
            };
            Assert.True(task.Execute());
            Assert.True(File.Exists(Path.Combine(project, "obj", "Release", "net10.0", "mlops.validation.json")));
            Assert.True(File.Exists(Path.Combine(project, "obj", "Release", "net10.0", "MlopsGuard.ModelSchema.txt")));
            Assert.True(File.Exists(Path.Combine(project, "obj", "Release", "net10.0", "mlops.validation.stamp")));
        }

        [Fact]
        public void Two_models_with_one_name_are_a_configuration_error()
        {
            Run(new ITaskItem[] { Model("models/heart.onnx", "heart"), Model("models/heart.zip", "Heart") });
            Assert.Contains("Two MlModel items are named", Message("MLG5005"), StringComparison.Ordinal);
        }

        [Fact]
        public void Model_name_defaults_to_the_file_name()
        {
            Run(new ITaskItem[] { new TaskItem("models/heart.onnx") });
            using var summary = JsonDocument.Parse(File.ReadAllBytes(Summary));
            Assert.Equal("heart", summary.RootElement.GetProperty("models")[0].GetProperty("name").GetString());
        }
    }
}
