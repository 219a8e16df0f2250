using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Linq;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>The samples build and run with the package exactly as a user's repository does.</summary>
    [Collection(EndToEndCollection.Name)]
    public class SampleTests
    {
        private readonly PackageFeed _feed;

        public SampleTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void Level0_experiment_shows_its_rules_and_still_trains()
        {
            var sample = Samples.Copy(_feed, "level0-experiment", "Level0Experiment.csproj");
            var build = sample.Build();
            Assert.True(build.Succeeded, build.ToString());

            // What stands between this Level 0 code and Level 1: unseeded, monolithic, training in Main, evaluated on
            // its training data, saved without schema to an undeclared path, a shared engine, no telemetry.
            var rules = new HashSet<string>(build.MlopsGuard.Select(d => d.Id));
            var expected = new[] { "MLG2005", "MLG3001", "MLG3002", "MLG3101", "MLG3102", "MLG4001", "MLG4002", "MLG6001", "MLG8001" };
            Assert.All(expected, id => Assert.Contains(id, rules));
            Assert.True(rules.Count >= 8, string.Join(", ", rules));
            Assert.All(build.MlopsGuard, d => Assert.Equal("warning", d.Severity));

            var run = sample.Run();
            Assert.True(run.Succeeded, run.ToString());
            Assert.Contains("Accuracy:", run.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void Level2_sentiment_builds_clean_in_ci_its_quality_tests_pass_and_only_model_packaging_is_short()
        {
            var sample = Samples.Copy(_feed, "level2-sentiment", "Sentiment.sln");
            var solution = Path.Combine(sample.Directory, "Sentiment.sln");

            // CI mode: every rule is an error at Level 2, the lock is checked and no stage retrains.
            var build = sample.DotnetOn(solution, "build", "-p:ContinuousIntegrationBuild=true");
            var reportPath = Path.Combine(sample.Directory, "pipeline", "bin", "Debug", "net10.0", "mlops", "maturity.json");
            Assert.True(File.Exists(reportPath), build.ToString());
            var report = File.ReadAllText(reportPath);
            Assert.DoesNotContain("[train]", build.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(build.MlopsGuard, d => d.Id != "MLG5004");

            // Every parameter is at Level 2 but model release, which needs the packaged manifest (MlopsPackModel, issue 7).
            using (var json = JsonDocument.Parse(report))
            {
                var levels = json.RootElement.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetInt32(), p => p.GetProperty("level").GetInt32());
                Assert.Equal(new[] { 2, 2, 2, 1, 2, 2, 2, 2 }, Enumerable.Range(1, 8).Select(id => levels[id]));
            }

            var gate = Assert.Single(build.MlopsGuard);
            Assert.Contains("Model release", gate.Message, StringComparison.Ordinal);

            var tests = sample.DotnetOn(solution, "test", "-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(tests.Succeeded, tests.ToString());
            Assert.Contains("Passed!", tests.Output, StringComparison.Ordinal);
        }
    }
}
