using System;
using System.Globalization;
using System.IO;
using System.Linq;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>
    /// Model validation in real builds (MLG4003, MLG4004, MLG4006): a model trained on the shared heart data set,
    /// saved by ML.NET and exported to ONNX, declared with its schema and gates in a project that uses the package.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public class ModelValidationTests
    {
        private readonly PackageFeed _feed;

        public ModelValidationTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void Valid_models_pass_in_ci_and_their_schema_reaches_the_analyzers()
        {
            var models = HeartModels.Get;
            var project = TestProject.Create(_feed, "valid-models", $@"<ItemGroup>
    <MlModel Include=""models/heart.zip"" Name=""heart"" MetricsFile=""models/metrics.json"" Inputs=""Features:Single[13];Label:Boolean"" />
    <MlModel Include=""models/heart.onnx"" Name=""heart-onnx"" Inputs=""Features:Single[-1,13];Label:Boolean[-1,1]""
             Outputs=""Features.output:Single;Label.output:Boolean;PredictedLabel.output:Boolean;Score.output:Single;Probability.output:Single"" />
    <MlMetricGate Include=""Accuracy"" Model=""heart"" Min=""{(models.Accuracy - 0.05).ToString(CultureInfo.InvariantCulture)}"" />
    <MlMetricGate Include=""test.AreaUnderRocCurve"" Model=""heart"" Min=""0"" Max=""1"" />
  </ItemGroup>", withMlNet: false);
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");
            models.CopyTo(project.Directory, "heart.zip", "heart.onnx", "metrics.json");

            // The models are versioned first (a CI build checks the lock), as a user commits mlops.lock.json with them.
            var locked = project.Build("-t:MlopsLock");
            Assert.True(locked.Succeeded, locked.ToString());

            var ci = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(ci.Succeeded, ci.ToString());
            Assert.Empty(ci.MlopsGuard);

            var summary = Assert.Single(Directory.GetFiles(Path.Combine(project.Directory, "obj"), "mlops.validation.json", SearchOption.AllDirectories));
            var json = File.ReadAllText(summary);
            Assert.Contains("\"format\": \"mlnet\"", json, StringComparison.Ordinal);
            Assert.Contains("\"format\": \"onnx\"", json, StringComparison.Ordinal);

            // The next build skips validation (nothing changed) and its compilation hands the real schema to the
            // analyzers through the artifacts file.
            var again = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false", "-v:d");
            Assert.True(again.Succeeded, again.ToString());
            Assert.Contains("Skipping target \"MlopsValidateModels\" because all output files are up-to-date", again.Output, StringComparison.Ordinal);
            var artifacts = File.ReadAllLines(Assert.Single(Directory.GetFiles(Path.Combine(project.Directory, "obj"), "MlopsGuard.Artifacts.txt", SearchOption.AllDirectories)));
            Assert.Contains("schema\theart\tinput\tFeatures\tSingle\t[13]", artifacts);
            Assert.Contains("schema\theart-onnx\toutput\tScore.output\tSingle\t[-1,1]", artifacts);
        }

        [Fact]
        public void Broken_models_warn_in_a_local_build_and_fail_the_ci_build()
        {
            var models = HeartModels.Get;
            var project = TestProject.Create(_feed, "broken-models", @"<ItemGroup>
    <MlModel Include=""models/truncated.onnx"" />
    <MlModel Include=""models/text.onnx"" />
    <MlModel Include=""models/bomb.zip"" />
    <MlModel Include=""models/traversal.zip"" />
    <MlModel Include=""models/heart.zip"" Name=""heart"" MetricsFile=""models/metrics.json"" />
    <MlModel Include=""models/heart.onnx"" Name=""heart-onnx"" Inputs=""Features:Single[-1,13];Label:Boolean;Age:Single"" />
    <MlMetricGate Include=""Accuracy"" Model=""heart"" Min=""1.01"" />
  </ItemGroup>", withMlNet: false);
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");
            models.CopyTo(project.Directory, "heart.zip", "heart.onnx", "metrics.json");
            var onnx = File.ReadAllBytes(Path.Combine(models.Directory, "heart.onnx"));
            File.WriteAllBytes(Path.Combine(project.Directory, "models", "truncated.onnx"), onnx.AsSpan(0, onnx.Length / 2).ToArray());
            project.WriteFile("models/text.onnx", "version https://git-lfs.github.com/spec/v1\n");
            File.WriteAllBytes(Path.Combine(project.Directory, "models", "bomb.zip"), HeartModels.Bomb());
            File.WriteAllBytes(Path.Combine(project.Directory, "models", "traversal.zip"), HeartModels.Traversal());

            var local = project.Build();
            Assert.True(local.Succeeded, local.ToString());
            AssertFindings(local, "warning");

            // The findings are repeated by the next build (validation stays out of date until they are fixed), as errors in CI.
            var ci = project.Build("-p:ContinuousIntegrationBuild=true");
            Assert.False(ci.Succeeded, ci.ToString());
            AssertFindings(ci, "error");
        }

        private static void AssertFindings(BuildResult result, string severity)
        {
            var findings = result.MlopsGuard.Where(d => d.Severity == severity).ToList();
            Assert.Equal(4, findings.Count(d => d.Id == "MLG4003"));
            Assert.Contains(findings, d => d.Id == "MLG4003" && d.File.EndsWith("truncated.onnx", StringComparison.Ordinal));
            Assert.Contains(findings, d => d.Id == "MLG4003" && d.File.EndsWith("text.onnx", StringComparison.Ordinal) && d.Message.Contains("text file", StringComparison.Ordinal));
            Assert.Contains(findings, d => d.Id == "MLG4003" && d.File.EndsWith("bomb.zip", StringComparison.Ordinal) && d.Message.Contains("zip bomb", StringComparison.Ordinal));
            Assert.Contains(findings, d => d.Id == "MLG4003" && d.File.EndsWith("traversal.zip", StringComparison.Ordinal) && d.Message.Contains("path traversal", StringComparison.Ordinal));
            Assert.Contains(findings, d => d.Id == "MLG4004" && d.Message.Contains("below the minimum 1.01", StringComparison.Ordinal));
            Assert.Contains(findings, d => d.Id == "MLG4006" && d.Message.Contains("declared input 'Age' is missing", StringComparison.Ordinal));
            Assert.Equal(6, findings.Count);
        }
    }
}
