using System;
using System.IO;
using System.Linq;
using MlopsGuard.Tasks.Maturity;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    public class RepositoryScanTests
    {
        private readonly ITestOutputHelper _output;

        public RepositoryScanTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void A_monorepo_is_walked_once_per_build_and_checked_by_its_stamp_across_builds()
        {
            using var repo = new TestRepository();
            for (var i = 0; i < 1500; i++)
            {
                repo.Write($"src/Area{i % 30:00}/Project{i:0000}/Project{i:0000}.csproj", "<Project><ItemGroup><PackageReference Include=\"Microsoft.ML\" /></ItemGroup></Project>");
                repo.Write($"src/Area{i % 30:00}/Project{i:0000}/Code.cs", "class C { }");
            }

            repo.Age();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var engine = new TaskObjectBuildEngine();
            var first = RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, engine, ScanLimits.Default, out var origin);
            var walk = clock.Elapsed;
            Assert.StartsWith("scanned", origin);
            Assert.Equal(1501, first.Projects.Count);

            // The other 1,500 projects of the same build.
            clock.Restart();
            for (var i = 0; i < 1500; i++)
            {
                Assert.Same(first, RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, engine, ScanLimits.Default, out origin));
            }

            var sameBuild = clock.Elapsed;

            // The next build: a new engine, the stamp is checked instead of walking and reading.
            clock.Restart();
            var next = RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, new TaskObjectBuildEngine(), ScanLimits.Default, out origin);
            var nextBuild = clock.Elapsed;
            Assert.Equal("cached scan still current", origin);
            Assert.Equal(1501, next.Projects.Count);
            _output.WriteLine($"1,501 projects: walk {walk.TotalMilliseconds:0} ms; 1,500 reuses in the build {sameBuild.TotalMilliseconds:0.0} ms; stamp check in the next build {nextBuild.TotalMilliseconds:0} ms");
        }

        private const string QualityTest = @"public class ModelTests
{
    [Fact]
    public void Accuracy_is_above_the_gate()
    {
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.Accuracy > 0.8);
    }
}
";

        [Fact]
        public void Finds_test_projects_their_references_and_model_quality_tests()
        {
            using var repo = new TestRepository();
            repo.Write("tests/Sentiment.Tests/Sentiment.Tests.csproj", TestRepository.TestProject);
            repo.Write("tests/Sentiment.Tests/ModelTests.cs", QualityTest);
            repo.Write("tests/Other.Tests/Other.Tests.csproj", "<Project><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>");
            repo.Write("tests/Other.Tests/SmokeTests.cs", "public class T { [Fact] public void Runs() => Assert.True(true); }");
            repo.Write("tools/Cli/Cli.csproj", "<Project><ItemGroup><PackageReference Include=\"TorchSharp\" /></ItemGroup></Project>");

            var scan = RepositoryScan.Walk(repo.Root, ScanLimits.Default);
            var byPath = scan.Projects.ToDictionary(p => p.RelativePath);
            Assert.Equal(new[] { "src/Sentiment/Sentiment.csproj", "tests/Other.Tests/Other.Tests.csproj", "tests/Sentiment.Tests/Sentiment.Tests.csproj", "tools/Cli/Cli.csproj" }, byPath.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var tests = byPath["tests/Sentiment.Tests/Sentiment.Tests.csproj"];
            Assert.True(tests.IsTest);
            Assert.Equal(new[] { TestRepository.ProjectRelative }, tests.References);
            Assert.True(tests.HasModelQualityTest);
            Assert.True(byPath["tests/Other.Tests/Other.Tests.csproj"].IsTest);
            Assert.False(byPath["tests/Other.Tests/Other.Tests.csproj"].HasModelQualityTest);
            Assert.True(byPath["src/Sentiment/Sentiment.csproj"].IsMl);
            Assert.True(byPath["tools/Cli/Cli.csproj"].IsMl);
            Assert.False(scan.Truncated);
        }

        [Theory]
        [InlineData("Assert.True(accuracy >= 0.8);", true)]
        [InlineData("metrics.RSquared.Should().BeGreaterThan(0.7);", true)]
        [InlineData("Assert.That(metrics.LogLoss, Is.LessThan(0.4));", true)]
        [InlineData("var accuracy = metrics.Accuracy;", false)]
        [InlineData("Assert.Equal(3, rows.Count);", false)]
        public void Model_quality_test_is_an_assertion_on_a_metric(string line, bool expected)
        {
            using var repo = new TestRepository();
            var source = repo.Write("tests/T/Tests.cs", "class T\n{\n    void M()\n    {\n        " + line + "\n    }\n}\n");
            Assert.Equal(expected, ModelQualityTests.AssertsOnAMetric(source));
        }

        [Fact]
        public void Skips_build_output_dependencies_and_dot_folders()
        {
            using var repo = new TestRepository();
            foreach (var skipped in new[] { "bin", "obj", "node_modules", ".git", ".vs" })
            {
                repo.Write($"src/Sentiment/{skipped}/Copy/Copy.Tests.csproj", TestRepository.TestProject);
            }

            var scan = RepositoryScan.Walk(repo.Root, ScanLimits.Default);
            Assert.Equal(new[] { TestRepository.ProjectRelative }, scan.Projects.Select(p => p.RelativePath));
        }

        [Fact]
        public void Stops_at_its_limits_and_says_so()
        {
            using var repo = new TestRepository();
            for (var i = 0; i < 30; i++)
            {
                repo.Write($"many/p{i:00}/P{i}.csproj", "<Project />");
            }

            var scan = RepositoryScan.Walk(repo.Root, new ScanLimits { MaxFolders = 10 });
            Assert.True(scan.Truncated);
            Assert.True(scan.Projects.Count < 30);

            var shallow = RepositoryScan.Walk(repo.Root, new ScanLimits { MaxDepth = 1 });
            Assert.True(shallow.Truncated);
            Assert.Empty(shallow.Projects);
        }

        [Fact]
        public void Project_files_with_unresolvable_or_broken_content_are_tolerated()
        {
            using var repo = new TestRepository();
            repo.Write("tests/T/T.csproj", "<Project><ItemGroup><PackageReference Include=\"xunit\" /><ProjectReference Include=\"$(RepoRoot)src/Sentiment/Sentiment.csproj\" /><ProjectReference Include=\"../../src/Sentiment/Sentiment.csproj\" /><ProjectRef");
            var tests = RepositoryScan.Walk(repo.Root, ScanLimits.Default).Projects.Single(p => p.RelativePath == "tests/T/T.csproj");
            Assert.True(tests.IsTest);
            Assert.Equal(new[] { TestRepository.ProjectRelative }, tests.References);
        }

        [Fact]
        public void Cache_is_reused_while_the_tree_is_unchanged_and_refreshed_when_a_project_appears()
        {
            using var repo = new TestRepository();
            var racy = RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, null, ScanLimits.Default, out _);
            Assert.False(File.Exists(RepositoryScanCache.FileFor(repo.CacheDirectory, repo.Root))); // just written: not trusted

            repo.Age();
            var first = RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, null, ScanLimits.Default, out var origin);
            Assert.StartsWith("scanned", origin);
            Assert.True(File.Exists(RepositoryScanCache.FileFor(repo.CacheDirectory, repo.Root)));

            var second = RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, null, ScanLimits.Default, out origin);
            Assert.Equal("cached scan still current", origin);
            Assert.Equal(first.Projects.Select(p => p.RelativePath), second.Projects.Select(p => p.RelativePath));

            repo.Write("tests/Sentiment.Tests/Sentiment.Tests.csproj", TestRepository.TestProject);
            var third = RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, null, ScanLimits.Default, out origin);
            Assert.StartsWith("scanned", origin);
            Assert.Contains(third.Projects, p => p.IsTest);
        }

        [Fact]
        public void Cache_notices_a_changed_test_source()
        {
            using var repo = new TestRepository();
            repo.Write("tests/Sentiment.Tests/Sentiment.Tests.csproj", TestRepository.TestProject);
            var source = repo.Write("tests/Sentiment.Tests/ModelTests.cs", "public class T { }");
            repo.Age();
            Assert.False(RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, null, ScanLimits.Default, out _).Projects.Single(p => p.IsTest).HasModelQualityTest);

            File.WriteAllText(source, QualityTest);
            Assert.True(RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, null, ScanLimits.Default, out var origin).Projects.Single(p => p.IsTest).HasModelQualityTest);
            Assert.StartsWith("scanned", origin);
        }

        [Fact]
        public void A_damaged_cache_file_means_a_new_scan()
        {
            using var repo = new TestRepository();
            Directory.CreateDirectory(repo.CacheDirectory);
            File.WriteAllText(RepositoryScanCache.FileFor(repo.CacheDirectory, repo.Root), "{ \"version\": 1, \"root\": 3 ");
            var scan = RepositoryScanCache.Get(repo.Root, repo.CacheDirectory, null, ScanLimits.Default, out var origin);
            Assert.StartsWith("scanned", origin);
            Assert.Single(scan.Projects);
        }

        [Fact]
        public void Within_one_build_the_scan_is_shared_through_the_build_engine()
        {
            using var repo = new TestRepository();
            var engine = new TaskObjectBuildEngine();
            var first = RepositoryScanCache.Get(repo.Root, null, engine, ScanLimits.Default, out _);
            repo.Write("tests/Sentiment.Tests/Sentiment.Tests.csproj", TestRepository.TestProject);
            var second = RepositoryScanCache.Get(repo.Root, null, engine, ScanLimits.Default, out var origin);
            Assert.Same(first, second);
            Assert.Equal("reused from this build", origin);
        }
    }
}
