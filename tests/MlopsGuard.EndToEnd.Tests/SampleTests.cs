using System;
using System.Collections.Generic;
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
    }
}
