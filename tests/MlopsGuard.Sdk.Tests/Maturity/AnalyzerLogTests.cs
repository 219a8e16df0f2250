using System.IO;
using System.Linq;
using MlopsGuard.Tasks.Maturity;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    public class AnalyzerLogTests
    {
        [Fact]
        public void Reads_mlopsguard_results_with_levels_from_the_descriptor_tags()
        {
            using var repo = new TestRepository();
            var path = repo.Write("obj/log.sarif", CompilerLogs.With(("MLG3001", 1, "/src/Program.cs"), ("MLG3201", 2, "/src/Train.cs"), ("CS0168", 1, "/src/Program.cs")));
            var log = AnalyzerLog.Read(path);
            Assert.True(log.Available);
            Assert.Equal(new[] { "MLG3001", "MLG3201" }, log.Findings.Select(f => f.RuleId));
            Assert.Equal(new[] { 1, 2 }, log.Findings.Select(f => f.RequiredLevel));
            Assert.Equal(3, log.Findings[0].Parameter);
            Assert.EndsWith("Program.cs", log.Findings[0].File);
            Assert.Equal("finding MLG3001", log.Findings[0].Message);
        }

        [Fact]
        public void Suppressed_results_and_level_none_are_not_findings()
        {
            using var repo = new TestRepository();
            var path = repo.Write("log.sarif", @"{ ""version"": ""2.1.0"", ""runs"": [ { ""results"": [
  { ""ruleId"": ""MLG3001"", ""level"": ""warning"", ""message"": { ""text"": ""a"" }, ""suppressions"": [ { ""kind"": ""inSource"" } ] },
  { ""ruleId"": ""MLG3002"", ""level"": ""none"", ""message"": { ""text"": ""b"" } },
  { ""ruleId"": ""MLG8001"", ""level"": ""note"", ""message"": { ""text"": ""c"" } } ] } ] }");
            var finding = Assert.Single(AnalyzerLog.Read(path).Findings);
            Assert.Equal("MLG8001", finding.RuleId);
            Assert.Equal(1, finding.RequiredLevel); // not in the log's rules: unknown to the catalog, read as Level 1
        }

        [Fact]
        public void Reads_sarif_1_logs_too()
        {
            using var repo = new TestRepository();
            var path = repo.Write("log.sarif", @"{ ""version"": ""1.0.0"", ""runs"": [ { ""results"": [
  { ""ruleId"": ""MLG3001"", ""level"": ""warning"", ""message"": ""seed it"", ""locations"": [ { ""resultFile"": { ""uri"": ""file:///src/P.cs"" } } ] } ],
  ""rules"": { ""MLG3001"": { ""id"": ""MLG3001"", ""properties"": { ""tags"": [ ""MlopsLevel1"" ] } } } } ] }");
            var finding = Assert.Single(AnalyzerLog.Read(path).Findings);
            Assert.Equal("seed it", finding.Message);
            Assert.EndsWith("P.cs", finding.File);
        }

        [Theory]
        [InlineData("{ not json")]
        [InlineData("")]
        [InlineData("[1, 2, 3]")]
        [InlineData("{ \"runs\": 5 }")]
        [InlineData("{ \"runs\": [ 1, { \"results\": [ 2, { \"ruleId\": 7 }, { \"ruleId\": \"MLG\" }, { \"ruleId\": \"MLG9001\" } ] } ] }")]
        public void Malformed_logs_never_throw(string content)
        {
            using var repo = new TestRepository();
            var log = AnalyzerLog.Read(repo.Write("log.sarif", content));
            Assert.Empty(log.Findings);
            if (!log.Available)
            {
                Assert.Contains("JSON", log.Problem);
            }
        }

        [Fact]
        public void Missing_and_oversized_logs_are_unavailable_with_a_reason()
        {
            using var repo = new TestRepository();
            Assert.False(AnalyzerLog.Read(null).Available);
            var missing = AnalyzerLog.Read(repo.Full("obj/none.sarif"));
            Assert.False(missing.Available);
            Assert.Contains("not written", missing.Problem);

            var huge = repo.Full("obj/huge.sarif");
            Directory.CreateDirectory(Path.GetDirectoryName(huge)!);
            using (var stream = File.Create(huge))
            {
                stream.SetLength(AnalyzerLog.MaxBytes + 1);
            }

            var log = AnalyzerLog.Read(huge);
            Assert.False(log.Available);
            Assert.Contains("larger than", log.Problem);
        }

        [Theory]
        [InlineData("obj/x.sarif,version=2.1", "obj/x.sarif")]
        [InlineData("obj/x.sarif", "obj/x.sarif")]
        [InlineData("\"obj/x y.sarif\",version=1", "obj/x y.sarif")]
        [InlineData("artifacts/sarif/Api.sarif%2Cversion=2.1", "artifacts/sarif/Api.sarif")]
        [InlineData("artifacts/sarif/Api.sarif,Version=2.1", "artifacts/sarif/Api.sarif")]
        [InlineData("", null)]
        public void Error_log_property_is_read_without_its_version(string property, string? expected) =>
            Assert.Equal(expected, AnalyzerLog.PathOf(property));
    }
}
