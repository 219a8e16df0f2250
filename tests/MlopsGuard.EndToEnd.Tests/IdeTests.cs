using System.Linq;
using System.Text.Json;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>What an IDE reads from a project that uses MlopsGuard: the item types it offers, and the inputs of its fast up-to-date check.</summary>
    [Collection(EndToEndCollection.Name)]
    public class IdeTests
    {
        private readonly PackageFeed _feed;

        public IdeTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void Declared_artifacts_parameters_and_stage_deps_are_inputs_of_the_fast_up_to_date_check()
        {
            var project = TestProject.Create(_feed, "ide", @"<ItemGroup>
    <MlData Include=""data/train.csv"" />
    <MlModel Include=""models/heart.zip"" Name=""heart"" MetricsFile=""models/metrics.json"" ParamsFile=""train.params.json"" />
    <MlStage Include=""train"" Command=""echo train"" Deps=""data/train.csv;src/Train.cs"" Params=""stage.params.json:trainer.learningRate,trainer.numberOfTrees"" Outs=""models/heart.zip"" />
  </ItemGroup>");
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");
            project.WriteFile("src/Train.cs", "static class Train { }\n");

            // What Visual Studio's design-time build asks for (CollectUpToDateCheckInputDesignTime runs the target first).
            var result = project.Dotnet("msbuild", "-restore", "-t:MlopsUpToDateCheckInputs", "-getItem:UpToDateCheckInput", "-getItem:AvailableItemName");
            Assert.True(result.Succeeded, result.ToString());
            var json = result.Output.Substring(result.Output.IndexOf('{'));
            using var document = JsonDocument.Parse(json);
            var items = document.RootElement.GetProperty("Items");
            var inputs = items.GetProperty("UpToDateCheckInput").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!.Replace('\\', '/')).ToList();
            Assert.Contains("data/train.csv", inputs);
            Assert.Contains("models/heart.zip", inputs);
            Assert.Contains("models/metrics.json", inputs);
            Assert.Contains("train.params.json", inputs);
            Assert.Contains("src/Train.cs", inputs);
            Assert.Contains("stage.params.json", inputs);

            var offered = items.GetProperty("AvailableItemName").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()).ToList();
            Assert.Contains("MlData", offered);
            Assert.Contains("MlModel", offered);
            Assert.Contains("MlStage", offered);
        }
    }
}
