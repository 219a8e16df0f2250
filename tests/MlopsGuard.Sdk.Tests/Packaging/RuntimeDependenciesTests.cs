using System.Text;
using MlopsGuard.Tasks.Packaging;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    public class RuntimeDependenciesTests
    {
        private const string Assets = @"{
  ""version"": 3,
  ""targets"": {
    ""net10.0"": {
      ""Microsoft.ML/5.0.1"": { ""type"": ""package"" },
      ""Microsoft.ML.OnnxRuntime/1.31.1"": { ""type"": ""package"" },
      ""System.Memory/4.6.0"": { ""type"": ""package"" },
      ""Contoso.Shared/1.0.0"": { ""type"": ""project"" },
      ""MlopsGuard/1.0.0"": { ""type"": ""package"" }
    },
    ""net10.0/linux-x64"": { ""Microsoft.ML/4.0.0"": { ""type"": ""package"" } }
  },
  ""project"": {
    ""frameworks"": {
      ""net10.0"": {
        ""dependencies"": {
          ""Microsoft.ML"": { ""target"": ""Package"", ""version"": ""[5.0.*, )"" },
          ""Microsoft.ML.OnnxRuntime"": { ""target"": ""Package"", ""version"": ""[1.31.1, )"" },
          ""System.Memory"": { ""target"": ""Package"", ""version"": ""[4.6.0, )"" },
          ""MlopsGuard"": { ""suppressParent"": ""All"", ""target"": ""Package"", ""version"": ""[1.0.0, )"" },
          ""Microsoft.NET.ILLink.Tasks"": { ""autoReferenced"": true, ""target"": ""Package"", ""version"": ""[10.0.0, )"" }
        }
      }
    }
  }
}";

        [Fact]
        public void Direct_ML_packages_are_recorded_at_their_resolved_versions()
        {
            var runtime = RuntimeDependencies.Parse(Encoding.UTF8.GetBytes(Assets), "net10.0");
            Assert.Equal(new[] { new RuntimePackage("Microsoft.ML", "5.0.1"), new RuntimePackage("Microsoft.ML.OnnxRuntime", "1.31.1") }, runtime.Packages);
        }

        [Theory]
        [InlineData("mlnet", "Microsoft.ML", "5.0.1")]
        [InlineData("onnx", "Microsoft.ML.OnnxRuntime", "1.31.1")]
        [InlineData("torchsharp", "TorchSharp", null)]
        public void The_framework_of_a_format_is_the_package_that_runs_it(string format, string name, string? version) =>
            Assert.Equal(new ModelFramework(name, version), RuntimeDependencies.Parse(Encoding.UTF8.GetBytes(Assets), "net10.0").FrameworkFor(format));

        [Fact]
        public void Other_formats_have_no_framework() =>
            Assert.Null(RuntimeDependencies.Empty.FrameworkFor("other"));

        [Fact]
        public void A_missing_assets_file_records_nothing_and_says_why()
        {
            var runtime = RuntimeDependencies.Read("/nonexistent/project.assets.json", "net10.0", out var problem);
            Assert.Empty(runtime.Packages);
            Assert.Contains("restore", problem, System.StringComparison.Ordinal);
        }
    }
}
