using System.IO;
using System.Linq;
using System.Text;
using MlopsGuard.Tasks.Maturity;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    public class PipelineTests
    {
        [Fact]
        public void Github_workflow_that_builds_tests_packs_in_ci_mode_and_pushes()
        {
            var pipeline = Scan(TestRepository.FullWorkflow);
            Assert.True(pipeline.Builds);
            Assert.True(pipeline.Tests);
            Assert.True(pipeline.Packs);
            Assert.True(pipeline.CiMode);
            Assert.True(pipeline.LockedRestore);
            Assert.True(pipeline.Pushes);
            Assert.True(pipeline.Delivers);
        }

        [Fact]
        public void Build_only_workflow_neither_tests_nor_uses_ci_mode()
        {
            var pipeline = Scan("jobs:\n  b:\n    steps:\n      - run: dotnet build\n      - run: echo ContinuousIntegrationBuild=false\n");
            Assert.True(pipeline.Builds);
            Assert.False(pipeline.Tests);
            Assert.False(pipeline.CiMode);
            Assert.False(pipeline.Delivers);
            Assert.Contains("runs no", Scan("jobs: {}\n").Describe());
        }

        [Fact]
        public void Commented_out_steps_do_not_count()
        {
            var pipeline = Scan("steps:\n  # - run: dotnet test\n  - run: dotnet build # then dotnet test -p:ContinuousIntegrationBuild=true\n  - run: echo \"#1 tested\"\n");
            Assert.True(pipeline.Builds);
            Assert.False(pipeline.Tests);
            Assert.False(pipeline.CiMode);
            Assert.False(pipeline.Packs);
        }

        [Fact]
        public void Azure_pipelines_dotnet_task_commands_and_environment_ci_mode()
        {
            var pipeline = Scan(@"trigger: [main]
variables:
  ContinuousIntegrationBuild: true
steps:
- task: DotNetCoreCLI@2
  inputs:
    command: 'test'
- task: DotNetCoreCLI@2
  inputs:
    command: pack
- task: PublishPipelineArtifact@1
");
            Assert.True(pipeline.Tests);
            Assert.True(pipeline.CiMode);
            Assert.True(pipeline.Packs);
            Assert.True(pipeline.Uploads);
            Assert.True(pipeline.Delivers);
        }

        [Fact]
        public void Gitlab_pack_model_with_artifacts_delivers()
        {
            var pipeline = Scan("build:\n  script:\n    - dotnet build -t:MlopsPackModel -p:MlopsEnforce=true\n  artifacts:\n    paths: [out]\n");
            Assert.True(pipeline.Packs);
            Assert.True(pipeline.CiMode);
            Assert.True(pipeline.Delivers);
        }

        [Fact]
        public void Malformed_yaml_is_scanned_line_by_line_without_throwing()
        {
            var pipeline = Scan("jobs: [unclosed\n\t- run: 'dotnet test\n  : : :\n- run: dotnet build \"half\n\0\0binary\n");
            Assert.True(pipeline.Builds);
        }

        [Fact]
        public void Huge_files_are_read_only_up_to_the_bound()
        {
            using var repo = new TestRepository();
            var text = new StringBuilder("jobs:\n  b:\n    steps:\n      - run: dotnet build\n");
            while (text.Length < 3 * BoundedText.DefaultMaxBytes)
            {
                text.Append("      - run: echo ").Append('x', 200).Append('\n');
            }

            text.Append("      - run: dotnet test\n");
            repo.Write(".github/workflows/huge.yml", text.ToString());
            var pipeline = Assert.Single(Pipeline.FindAll(repo.Root));
            Assert.True(pipeline.Builds);
            Assert.False(pipeline.Tests);
        }

        [Fact]
        public void Finds_the_pipelines_of_each_system_in_a_stable_order()
        {
            using var repo = new TestRepository();
            repo.Write(".github/workflows/b.yaml", "x: 1\n");
            repo.Write(".github/workflows/a.yml", "x: 1\n");
            repo.Write(".github/workflows/notes.md", "dotnet test\n");
            repo.Write("azure-pipelines.yml", "x: 1\n");
            repo.Write(".azure-pipelines/release.yml", "x: 1\n");
            repo.Write(".gitlab-ci.yml", "x: 1\n");
            var found = Pipeline.FindAll(repo.Root).Select(p => p.RelativePath + "|" + p.System).ToList();
            Assert.Equal(new[]
            {
                ".github/workflows/a.yml|GitHub Actions", ".github/workflows/b.yaml|GitHub Actions", "azure-pipelines.yml|Azure Pipelines",
                ".azure-pipelines/release.yml|Azure Pipelines", ".gitlab-ci.yml|GitLab CI",
            }, found);
        }

        [Theory]
        [InlineData("run: dotnet test # comment", "run: dotnet test ")]
        [InlineData("run: echo '#not a comment'", "run: echo '#not a comment'")]
        [InlineData("# whole line", "")]
        [InlineData("url: http://x/#anchor", "url: http://x/#anchor")]
        public void Comments_are_removed_outside_quotes(string line, string expected) =>
            Assert.Equal(expected, Pipeline.WithoutComment(line));

        private static Pipeline Scan(string yaml) => Pipeline.Scan("ci.yml", "GitHub Actions", yaml.Split('\n'));
    }
}
