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
            // its training data, saved without schema to an undeclared path, a shared engine. It serves nobody, so no
            // telemetry or fallback finding (MLG8001, MLG6005).
            var rules = new HashSet<string>(build.MlopsGuard.Select(d => d.Id));
            var expected = new[] { "MLG2005", "MLG3001", "MLG3002", "MLG3101", "MLG3102", "MLG4001", "MLG4002", "MLG6001" };
            Assert.All(expected, id => Assert.Contains(id, rules));
            Assert.DoesNotContain("MLG8001", rules);
            Assert.DoesNotContain("MLG6005", rules);
            Assert.True(rules.Count >= 8, string.Join(", ", rules));
            Assert.All(build.MlopsGuard, d => Assert.Equal("warning", d.Severity));

            var run = sample.Run();
            Assert.True(run.Succeeded, run.ToString());
            Assert.Contains("Accuracy:", run.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void Level2_sentiment_passes_its_ci_build_tests_report_and_pack()
        {
            var sample = Samples.Copy(_feed, "level2-sentiment", "Sentiment.sln");
            var solution = Path.Combine(sample.Directory, "Sentiment.sln");

            // CI mode: every rule is an error at Level 2, the lock is checked, no stage retrains, and the level gate runs.
            var build = sample.DotnetOn(solution, "build", "-p:ContinuousIntegrationBuild=true");
            Assert.True(build.Succeeded, build.ToString());
            Assert.Empty(build.MlopsGuard);
            Assert.DoesNotContain("[train]", build.Output, StringComparison.Ordinal);
            // One report of the repository, beside the solution.
            Assert.Single(build.Output.Split('\n'), l => l.Contains("MlopsGuard: maturity Level 2 of declared 2", StringComparison.Ordinal));
            var reportPath = Path.Combine(sample.Directory, "artifacts", "mlops", "maturity.json");
            using (var json = JsonDocument.Parse(File.ReadAllText(reportPath)))
            {
                var levels = json.RootElement.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetInt32(), p => p.GetProperty("level").GetInt32());
                Assert.Equal(Enumerable.Repeat(2, 8), Enumerable.Range(1, 8).Select(id => levels[id]));
            }

            // What the CI templates upload to code scanning: each project's analyzers' log, SARIF 2.1 with regions (the
            // report read the same logs: Level 2 needs them), and maturity.sarif; maturity.md goes to the job summary.
            foreach (var project in CiTemplateTests.SolutionProjects())
            {
                using var log = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Directory, "artifacts", "sarif", project + ".sarif")));
                Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
                Assert.Equal(JsonValueKind.Array, log.RootElement.GetProperty("runs")[0].GetProperty("results").ValueKind);
            }

            Assert.True(File.Exists(Path.Combine(sample.Directory, "artifacts", "mlops", "maturity.sarif")));
            Assert.True(File.Exists(Path.Combine(sample.Directory, "artifacts", "mlops", "maturity.md")));

            var tests = sample.DotnetOn(solution, "test", "-p:ContinuousIntegrationBuild=true", "--no-build");
            Assert.True(tests.Succeeded, tests.ToString());
            Assert.Contains("Passed!", tests.Output, StringComparison.Ordinal);

            // The CI templates' pack step: the model package joins the pack output.
            var feed = Path.Combine(sample.Directory, "feed");
            var pack = sample.DotnetOn(Path.Combine(sample.Directory, "pipeline", "Sentiment.Pipeline.csproj"), "pack", "-c", "Debug", "--no-build", "-p:ContinuousIntegrationBuild=true", "-o", feed);
            Assert.True(pack.Succeeded, pack.ToString());
            Assert.Empty(pack.MlopsGuard);
            Assert.Equal(new[] { "Sentiment.Pipeline.Model.sentiment.1.0.0.nupkg" }, Directory.GetFiles(feed).Select(Path.GetFileName));
            var card = File.ReadAllText(Path.Combine(sample.Directory, "pipeline", "bin", "Debug", "net10.0", "mlops", "sentiment", "1.0.0", "MODEL_CARD.md"));
            Assert.Contains("Pre-screening English forum comments", card, StringComparison.Ordinal);
            Assert.Contains("| `../data/toxic-train.tsv` |", card, StringComparison.Ordinal);
        }
    }
}
