using System;
using System.IO;
using System.Linq;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Tasks.Maturity;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    /// <summary>Which project of a build assesses the repository: one per solution, never one that another project needs.</summary>
    public class MaturityReporterTests
    {
        private static readonly string Root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "repo"));

        [Fact]
        public void In_a_solution_the_reporter_is_the_first_project_no_other_references()
        {
            var model = P("src/Model/Model.csproj");
            var api = P("src/Api/Api.csproj");
            var pipeline = P("pipeline/Pipeline.csproj");
            var tests = P("tests/Tests/Tests.csproj");
            var projects = new[]
            {
                (model, (System.Collections.Generic.IReadOnlyList<string>)Array.Empty<string>(), true),
                (api, new[] { model }, true),
                (pipeline, new[] { P("src/Training/Training.csproj") }, true),
                (tests, new[] { model, api, pipeline }, true),
            };

            // The same choice in every project of the build, whatever the order MSBuild returns them in.
            Assert.Equal(tests, ChooseMaturityReporter.Choose(projects));
            Assert.Equal(tests, ChooseMaturityReporter.Choose(Enumerable.Reverse(projects)));

            // Two tops: the first in path order; a project with MlopsGuard off is never the reporter.
            var tool = P("a-tools/Tool.csproj");
            Assert.Equal(tool, ChooseMaturityReporter.Choose(projects.Append((tool, Array.Empty<string>(), true))));
            Assert.Equal(tests, ChooseMaturityReporter.Choose(projects.Append((tool, Array.Empty<string>(), false))));
            Assert.Null(ChooseMaturityReporter.Choose(new[] { (tool, (System.Collections.Generic.IReadOnlyList<string>)Array.Empty<string>(), false) }));
        }

        [Fact]
        public void The_task_reads_the_solution_projects_references_and_answers_the_same_in_each_project()
        {
            var model = P("src/Model/Model.csproj");
            var tests = P("tests/Tests/Tests.csproj");
            var items = new[]
            {
                TestRepository.Item(model, ("ProjectReferences", string.Empty), ("Enabled", "true")),
                TestRepository.Item(tests, ("ProjectReferences", model + ";"), ("Enabled", "true")),
            };
            foreach (var self in new[] { model, tests })
            {
                var task = new ChooseMaturityReporter { BuildEngine = new RecordingBuildEngine(), ProjectFile = self, SolutionProjects = items };
                Assert.True(task.Execute());
                Assert.Equal(tests, task.Reporter);
            }
        }

        [Fact]
        public void Without_a_solution_the_project_reports_on_demand_and_in_ci_only_when_nothing_but_tests_references_it()
        {
            using var repo = new TestRepository();
            repo.Write("src/Api/Api.csproj", "<Project><ItemGroup><ProjectReference Include=\"../Sentiment/Sentiment.csproj\" /></ItemGroup></Project>");
            var onDemand = new ChooseMaturityReporter { BuildEngine = new RecordingBuildEngine(), ProjectFile = repo.ProjectFile };
            Assert.True(onDemand.Execute());
            Assert.Equal(repo.ProjectFile, onDemand.Reporter);

            var ci = new ChooseMaturityReporter { BuildEngine = new RecordingBuildEngine(), ProjectFile = repo.ProjectFile, OnlyTopProjects = true, ScanCacheDirectory = repo.CacheDirectory };
            Assert.True(ci.Execute());
            Assert.Equal(string.Empty, ci.Reporter);

            var top = new ChooseMaturityReporter { BuildEngine = new RecordingBuildEngine(), ProjectFile = repo.Full("src/Api/Api.csproj"), OnlyTopProjects = true, ScanCacheDirectory = repo.CacheDirectory };
            Assert.True(top.Execute());
            Assert.Equal(repo.Full("src/Api/Api.csproj"), top.Reporter);

            // A test project referencing the model project does not take the report from it.
            using var alone = new TestRepository();
            alone.Write("tests/Sentiment.Tests/Sentiment.Tests.csproj", TestRepository.TestProject);
            var tested = new ChooseMaturityReporter { BuildEngine = new RecordingBuildEngine(), ProjectFile = alone.ProjectFile, OnlyTopProjects = true, ScanCacheDirectory = alone.CacheDirectory };
            Assert.True(tested.Execute());
            Assert.Equal(alone.ProjectFile, tested.Reporter);
        }

        [Fact]
        public void Solution_configuration_gives_each_built_project_with_its_configuration()
        {
            var model = P("src/Model/Model.csproj");
            var skipped = P("src/Old/Old.csproj");
            var contents = $@"<SolutionConfiguration>
  <ProjectConfiguration Project=""{{25B3D569-79E6-41ED-AC87-B4B513487DA7}}"" AbsolutePath=""{model}"" BuildProjectInSolution=""True"">Release|AnyCPU<ProjectDependency Project=""{{72F64E85-E2AA-4A32-8549-B1CE3BBC1674}}"" /></ProjectConfiguration>
  <ProjectConfiguration Project=""{{72F64E85-E2AA-4A32-8549-B1CE3BBC1674}}"" AbsolutePath=""{skipped}"" BuildProjectInSolution=""False"">Debug|x64</ProjectConfiguration>
</SolutionConfiguration>";
            var task = new ListSolutionProjects { BuildEngine = new RecordingBuildEngine(), SolutionConfiguration = contents };
            Assert.True(task.Execute());
            var item = Assert.Single(task.Projects);
            Assert.Equal(model, item.ItemSpec);
            Assert.Equal("Configuration=Release;Platform=AnyCPU", item.GetMetadata("AdditionalProperties"));

            Assert.Empty(ListSolutionProjects.Parse("<not xml"));
            Assert.Empty(ListSolutionProjects.Parse(null));
        }

        private static string P(string relative) => Path.GetFullPath(Path.Combine(Root, relative));
    }
}
