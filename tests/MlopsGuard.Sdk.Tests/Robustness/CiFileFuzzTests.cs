using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using MlopsGuard.Tasks.Maturity;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Robustness
{
    /// <summary>
    /// The maturity assessment scans CI pipeline files (CI and CD parameters) and CODEOWNERS line by line: whatever they
    /// hold, scanning throws nothing and takes bounded time, including the inputs that make backtracking regexes slow.
    /// </summary>
    public class CiFileFuzzTests
    {
        private const string Workflow = @"name: ci # the build
on: [push, pull_request]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: dotnet restore --locked-mode
      - run: dotnet build -c Release -p:ContinuousIntegrationBuild=true
      - run: dotnet test -c Release --no-build
      - run: dotnet pack src/Sentiment -c Release -o out
      - uses: actions/upload-artifact@v4
      - run: dotnet nuget push out/*.nupkg --source ""https://nuget.example.com""
";

        private const string Azure = @"trigger: [main]
steps:
- task: DotNetCoreCLI@2
  inputs:
    command: 'test'
    arguments: '-p:MlopsEnforce=false'
- task: PublishPipelineArtifact@1
- script: docker push registry/model:1 && kubectl apply -f k8s.yml
deployment: prod
";

        private const string Owners = @"# owners
*       @org/ml-platform
/data/  @org/data-team @alice
models/**/*.zip  @org/ml
docs/*  @bob # docs
\#notacomment  @x
/src/Sentiment\ Model/  @y
!negated @z
[Section]
^[Optional]
/untouched
";

        private static readonly string[] Probes = { "models/a/b/model.zip", "docs/a/b.md", "src/Sentiment Model/x", "data/\u0001", "" };

        private readonly ITestOutputHelper output;

        public CiFileFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void One_hundred_thousand_mutated_pipeline_files_are_scanned_without_exception()
        {
            // Windows of a few lines: each regex still sees every kind of line, and 100k files stay a few seconds.
            var seeds = Windows(Workflow).Concat(Windows(Azure)).ToList();
            var builds = 0;
            Fuzz.Run(output, "CI pipeline scan", 100_000, seeds, bytes =>
            {
                var pipeline = Pipeline.Scan("ci.yml", "GitHub Actions", Lines(bytes));
                builds += pipeline.Builds ? 1 : 0;
                _ = pipeline.Describe();
            }, TimeSpan.FromSeconds(30), Fuzz.B("- ["));
            output.WriteLine($"{builds} inputs still build");
        }

        [Fact]
        public void One_hundred_thousand_mutated_codeowners_files_are_parsed_and_matched_without_exception()
        {
            var seeds = Windows(Owners).ToList();
            var owned = 0;
            Fuzz.Run(output, "CODEOWNERS", 100_000, seeds, bytes =>
            {
                var owners = CodeOwners.Parse("CODEOWNERS", Lines(bytes));
                foreach (var probe in Probes)
                {
                    owned += owners.OwnersOf(probe).Count;
                }
            }, TimeSpan.FromSeconds(30), Fuzz.B("**/"));
            output.WriteLine($"{owned} owners matched");
        }

        [Fact]
        public void Lines_built_to_make_regexes_backtrack_are_scanned_in_bounded_time()
        {
            var hostile = new[]
            {
                new string(' ', 1_000_000) + "x",
                "-" + new string(' ', 500_000) + new string('\t', 500_000) + "x",
                string.Concat(Enumerable.Repeat("dotnet ", 140_000)),
                string.Concat(Enumerable.Repeat("az ", 300_000)),
                string.Concat(Enumerable.Repeat("ContinuousIntegrationBuild = ", 30_000)),
                string.Concat(Enumerable.Repeat("-t:", 300_000)) + "MlopsPackModelx",
                new string('"', 1_000_000),
                string.Concat(Enumerable.Repeat("' #", 300_000)),
            };
            var watch = Stopwatch.StartNew();
            foreach (var line in hostile)
            {
                var pipeline = Pipeline.Scan("ci.yml", "GitHub Actions", new[] { line, "  " + line });
                _ = pipeline.Describe();
            }

            output.WriteLine($"hostile pipeline lines: {watch.Elapsed.TotalSeconds:F2} s");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        }

        [Fact]
        public void Patterns_built_to_make_regexes_backtrack_are_matched_in_bounded_time()
        {
            var lines = new[]
            {
                string.Concat(Enumerable.Repeat("*a", 40)) + "*b @team",
                string.Concat(Enumerable.Repeat("**a", 40)) + "b @team",
                string.Concat(Enumerable.Repeat("?*", 200)) + "! @team",
                string.Concat(Enumerable.Repeat("**/a", 100)) + "/c @team",
                new string('*', 4000) + "x @team",
            };
            var paths = new[] { new string('a', 5000), string.Join("/", Enumerable.Repeat("a", 2000)), new string('a', 200) + "/" + new string('a', 200) };
            var watch = Stopwatch.StartNew();
            var owners = CodeOwners.Parse("CODEOWNERS", lines);
            foreach (var path in paths)
            {
                Assert.Empty(owners.OwnersOf(path));
            }

            output.WriteLine($"hostile CODEOWNERS patterns: {watch.Elapsed.TotalSeconds:F2} s");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        }

        [Fact]
        public void Project_files_and_test_sources_built_to_make_regexes_backtrack_are_read_in_bounded_time()
        {
            using var repo = new MlopsGuard.Sdk.Tests.Lock.TempRepository();
            var project = repo.Write("App.csproj", string.Concat(Enumerable.Repeat("<PackageReference Include=", 20_000)) + string.Concat(Enumerable.Repeat("<ContinuousIntegrationBuild ", 20_000)));
            var source = repo.Write("ModelTests.cs", "Assert." + new string('a', 500_000));
            var watch = Stopwatch.StartNew();
            var facts = ProjectFileFacts.Read(repo.Root, project, () => new[] { source });
            Assert.False(ModelQualityTests.AssertsOnAMetric(source));
            _ = facts.References.Count;
            output.WriteLine($"hostile project file and test source: {watch.Elapsed.TotalSeconds:F2} s");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        }

        /// <summary>The seed split into overlapping windows of one to five lines.</summary>
        private static IEnumerable<byte[]> Windows(string text)
        {
            var lines = text.Split('\n');
            for (var start = 0; start < lines.Length; start++)
            {
                for (var length = 1; length <= 5 && start + length <= lines.Length; length += 2)
                {
                    yield return Fuzz.B(string.Join("\n", lines, start, length));
                }
            }
        }

        /// <summary>The lines as BoundedText gives them: UTF-8 without BOM stripping or exceptions, split by StringReader.</summary>
        private static List<string> Lines(byte[] bytes)
        {
            var text = new UTF8Encoding(false, false).GetString(bytes);
            var lines = new List<string>();
            using var reader = new StringReader(text);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                lines.Add(line);
            }

            return lines;
        }
    }
}
