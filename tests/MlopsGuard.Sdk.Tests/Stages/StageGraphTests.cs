using System.Collections.Generic;
using System.Linq;
using MlopsGuard.Tasks.Stages;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Stages
{
    public class StageGraphTests
    {
        [Fact]
        public void A_stage_that_reads_another_stages_out_runs_after_it_whatever_the_declaration_order()
        {
            var order = Order(
                Stage("evaluate", deps: new[] { "models/model.zip", "data/test.csv" }, outs: new[] { "metrics.json" }),
                Stage("train", deps: new[] { "data/train.csv" }, outs: new[] { "models/model.zip" }),
                Stage("prepare", deps: new[] { "raw/heart.csv" }, outs: new[] { "data/train.csv", "data/test.csv" }));

            Assert.Equal(new[] { "prepare", "train", "evaluate" }, order);
        }

        [Fact]
        public void Independent_stages_keep_their_declaration_order()
        {
            var order = Order(
                Stage("b", deps: new[] { "x.csv" }, outs: new[] { "b.out" }),
                Stage("a", deps: new[] { "y.csv" }, outs: new[] { "a.out" }),
                Stage("c", deps: new[] { "b.out" }, outs: new[] { "c.out" }));

            Assert.Equal(new[] { "b", "a", "c" }, order);
        }

        [Theory]
        [InlineData("data/prepared", "data/prepared/*.csv")]
        [InlineData("data/prepared", "data/prepared/part1.csv")]
        [InlineData("data/prepared/part1.csv", "data")]
        [InlineData("data/prepared/part1.csv", "data/**/*.csv")]
        [InlineData("data/prepared", "data/**/*.csv")]
        public void Folders_and_patterns_connect_stages(string output, string dep)
        {
            var order = Order(
                Stage("train", deps: new[] { dep }, outs: new[] { "model.zip" }),
                Stage("prepare", deps: new[] { "raw.csv" }, outs: new[] { output }));

            Assert.Equal(new[] { "prepare", "train" }, order);
        }

        [Theory]
        [InlineData("data/prepared.csv", "data/prepared.json")]
        [InlineData("data/prepared", "data/prepared2/*.csv")]
        [InlineData("data/a.csv", "data/*.json")]
        [InlineData("data/a.csv", "**/*.json")]
        public void Unrelated_paths_do_not_connect_stages(string output, string dep)
        {
            var order = Order(
                Stage("train", deps: new[] { dep }, outs: new[] { "model.zip" }),
                Stage("prepare", deps: new[] { "raw.csv" }, outs: new[] { output }));

            Assert.Equal(new[] { "train", "prepare" }, order);
        }

        [Fact]
        public void A_parameters_file_written_by_a_stage_orders_like_a_dep()
        {
            var tune = Stage("tune", deps: new[] { "data.csv" }, outs: new[] { "best.params.json" });
            var train = new StageDefinition("train", "x", new[] { "data.csv" }, new[] { "model.zip" }, new[] { new ParamsReference("best.params.json", new[] { "lr" }) }, ".");

            Assert.Equal(new[] { "tune", "train" }, Order(train, tune));
        }

        [Fact]
        public void A_cycle_is_an_error_naming_the_stages_in_run_direction()
        {
            var problems = new List<string>();
            var order = StageGraph.Order(
                new[]
                {
                    Stage("a", deps: new[] { "c.out" }, outs: new[] { "a.out" }),
                    Stage("b", deps: new[] { "a.out" }, outs: new[] { "b.out" }),
                    Stage("c", deps: new[] { "b.out" }, outs: new[] { "c.out" }),
                    Stage("free", deps: new[] { "raw.csv" }, outs: new[] { "free.out" }),
                },
                problems);

            Assert.Null(order);
            var problem = Assert.Single(problems);
            Assert.Contains("the stages form a cycle: 'a' -> 'b' -> 'c' -> 'a'", problem);
        }

        [Fact]
        public void Two_stages_writing_one_out_is_an_error_naming_both()
        {
            var problems = new List<string>();
            var order = StageGraph.Order(
                new[]
                {
                    Stage("train", deps: new[] { "data.csv" }, outs: new[] { "models/model.zip" }),
                    Stage("retrain", deps: new[] { "more.csv" }, outs: new[] { "models/model.zip", "other.zip" }),
                },
                problems);

            Assert.Null(order);
            Assert.Equal("stages 'train' and 'retrain' both write 'models/model.zip': every out belongs to one stage, or the build could not tell which result is current.", Assert.Single(problems));
        }

        [Fact]
        public void An_out_inside_another_stages_out_folder_is_shared_too()
        {
            var problems = new List<string>();
            StageGraph.Order(
                new[]
                {
                    Stage("a", deps: new[] { "x" }, outs: new[] { "models" }),
                    Stage("b", deps: new[] { "y" }, outs: new[] { "models/b.zip" }),
                },
                problems);

            Assert.Contains("'models' and 'models/b.zip'", Assert.Single(problems));
        }

        [Fact]
        public void A_stage_reading_its_own_out_is_an_error()
        {
            var problems = new List<string>();
            Assert.Null(StageGraph.Order(new[] { Stage("train", deps: new[] { "data", "models/model.zip" }, outs: new[] { "models/model.zip" }) }, problems));
            Assert.Contains("stage 'train' depends on its own out", Assert.Single(problems));
        }

        [Fact]
        public void Patterns_match_like_msbuild_globs()
        {
            Assert.True(StagePaths.Matches("src/**/*.cs", "src/a/b/C.cs"));
            Assert.True(StagePaths.Matches("src/**/*.cs", "src/C.cs"));
            Assert.True(StagePaths.Matches("data/?.csv", "data/a.csv"));
            Assert.False(StagePaths.Matches("data/*.csv", "data/sub/a.csv"));
            Assert.False(StagePaths.Matches("data/*.csv", "data/a.csv.bak"));
        }

        private static string[] Order(params StageDefinition[] stages)
        {
            var problems = new List<string>();
            var order = StageGraph.Order(stages, problems);
            Assert.Empty(problems);
            return order!.Select(s => s.Name).ToArray();
        }

        private static StageDefinition Stage(string name, string[] deps, string[] outs) =>
            new StageDefinition(name, "echo " + name, deps, outs, new ParamsReference[0], ".");
    }
}
