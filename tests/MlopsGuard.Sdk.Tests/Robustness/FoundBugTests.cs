using System.IO;
using System.Linq;
using System.Text;
using MlopsGuard.Tasks.Lock.Dvc;
using MlopsGuard.Tasks.Lock.Storage;
using MlopsGuard.Tasks.Maturity;
using MlopsGuard.Tasks.Stages;
using MlopsGuard.Tasks.Validation;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Robustness
{
    /// <summary>The smallest inputs of the bugs the fuzz tests found, kept as plain regression tests.</summary>
    public class FoundBugTests
    {
        private static readonly byte[] InvalidUtf8Name = { (byte)'{', (byte)'"', (byte)'A', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}' };

        [Fact]
        public void Invalid_UTF8_in_a_metrics_file_is_a_MetricsFileException()
        {
            var ex = Assert.Throws<MetricsFileException>(() => MetricsFile.Parse(InvalidUtf8Name));
            Assert.Contains("UTF-8", ex.Message);
        }

        [Theory]
        [InlineData("{\"version\":1,\"artifacts\":[{\"path\":\"\\ud800\",\"kind\":\"data\",\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"size\":1}]}")]
        [InlineData("{\"version\":1,\"artifacts\":[],\"stages\":[{\"name\":\"\\udc00\"}]}")]
        [InlineData("{\"version\":1,\"\\ud800\":0}")]
        public void An_escaped_lone_surrogate_in_the_lock_is_a_LockFileFormatException(string json)
        {
            var ex = Assert.Throws<LockFileFormatException>(() => LockFileReader.Parse(Encoding.UTF8.GetBytes(json)));
            Assert.Contains("surrogate", ex.Message);
        }

        [Fact]
        public void Invalid_UTF8_in_the_lock_is_a_LockFileFormatException_and_a_BOM_is_accepted()
        {
            Assert.Throws<LockFileFormatException>(() => LockFileReader.Parse(InvalidUtf8Name));
            var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"version\":1,\"artifacts\":[]}")).ToArray();
            Assert.Empty(LockFileReader.Parse(withBom).Artifacts);
        }

        [Fact]
        public void Invalid_text_in_a_parameters_file_is_an_InvalidDataException_that_says_why()
        {
            var ex = Assert.Throws<InvalidDataException>(() => ParamsFile.Parse(InvalidUtf8Name, "train.params.json", new[] { "A" }));
            Assert.Contains("UTF-8", ex.Message);
        }

        [Fact]
        public void Validation_records_and_manifests_with_broken_strings_are_no_evidence()
        {
            Assert.Null(ModelReleaseCollector.ParseJson(Encoding.UTF8.GetBytes("{\"status\":\"\\ud800\"}")));
            Assert.Null(ModelReleaseCollector.ParseJson(InvalidUtf8Name));
        }

        [Fact]
        public void A_NUL_in_a_dvc_path_gives_no_record_instead_of_an_ArgumentException()
        {
            var root = DvcYamlReader.Parse("outs:\n- md5: 0b6b4a1a2e0b6f1d8a4c9f0e1d2c3b4a\n  path: \"train\\0.csv\"\n");
            var entry = ((YamlSequence)root!["outs"]!).Items[0];
            Assert.Null(DvcTracking.ToRecord(entry, Path.GetTempPath(), "train.csv.dvc"));
        }

        [Fact]
        public void A_dvc_file_with_a_NUL_in_a_path_does_not_crash_the_lock_check()
        {
            using var repo = new MlopsGuard.Sdk.Tests.Lock.TempRepository();
            repo.Write("data/train.csv", "a\n");
            repo.Write("data/train.csv.dvc", "outs:\n- md5: 0b6b4a1a2e0b6f1d8a4c9f0e1d2c3b4a\n  path: \"train\\0.csv\"\n");
            var runner = new MlopsGuard.Sdk.Tests.Lock.TaskRunner(repo) { Data = new[] { "data/train.csv" } };
            Assert.True(runner.Run());
            Assert.DoesNotContain(runner.Engine.Errors, e => e.Message!.IndexOf("failed unexpectedly", System.StringComparison.Ordinal) >= 0);
            Assert.Single(LockFileReader.Read(repo.LockPath).Artifacts);
        }

        [Theory]
        [InlineData("run: dotnet build -p:ContinuousIntegrationBuild=true", true)]
        [InlineData("run: dotnet build -p:ContinuousIntegrationBuild=false", false)]
        [InlineData("run: dotnet build -p:ContinuousIntegrationBuild = 'false' -p:MlopsEnforce=true", true)]
        [InlineData("run: dotnet restore --locked-mode && dotnet build /p:RestoreLockedMode=false", true)]
        public void CI_mode_still_ignores_settings_turned_off_without_lookaheads(string line, bool on)
        {
            var pipeline = Pipeline.Scan("ci.yml", "GitHub Actions", new[] { line });
            Assert.Equal(on, line.Contains("locked") ? pipeline.LockedRestore : pipeline.CiMode);
        }
    }
}
