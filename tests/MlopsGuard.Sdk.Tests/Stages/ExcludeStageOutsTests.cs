using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Tasks.Stages;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Stages
{
    public class ExcludeStageOutsTests
    {
        [Fact]
        public void Artifacts_a_stage_writes_are_left_to_the_stage_and_the_others_kept_with_their_metadata()
        {
            var stage = new TaskItem("train");
            stage.SetMetadata("Outs", "models/model.zip; reports ");
            var task = new ExcludeStageOuts
            {
                BuildEngine = new RecordingBuildEngine(),
                Stages = new ITaskItem[] { stage },
                Artifacts = new[] { Artifact("data/train.csv", "data"), Artifact("models/model.zip", "model"), Artifact("reports/a.json", "data"), Artifact("reports2/b.json", "data") },
                ProjectDirectory = "/repo/app",
            };

            Assert.True(task.Execute());

            Assert.Equal(new[] { "data/train.csv", "reports2/b.json" }, task.Remaining.Select(r => r.GetMetadata("RelativePath")));
            Assert.Equal("data", task.Remaining[0].GetMetadata("Kind"));
        }

        private static ITaskItem Artifact(string relative, string kind)
        {
            var item = new TaskItem("/repo/app/" + relative);
            item.SetMetadata("RelativePath", relative);
            item.SetMetadata("Kind", kind);
            return item;
        }
    }
}
