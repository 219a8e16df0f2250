using System;
using System.IO;
using System.Linq;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>A Model Builder project reaches versioned data in two lines: the build names them from the .mbconfig.</summary>
    [Collection(EndToEndCollection.Name)]
    public class ModelBuilderTests
    {
        // The parts of a Model Builder 2022+ .mbconfig the build reads (the real files hold more), with a Windows path as Model Builder writes it.
        private const string MbConfig = @"{
  ""Scenario"": ""Classification"",
  ""DataSource"": {
    ""Version"": 3,
    ""EscapeCharacter"": ""\"""",
    ""Type"": ""TabularFile"",
    ""FilePath"": ""{0}"",
    ""Delimiter"": ""\t"",
    ""HasHeader"": true,
    ""ColumnProperties"": [ {{ ""ColumnName"": ""Sentiment"", ""ColumnPurpose"": ""Label"", ""ColumnDataFormat"": ""Boolean"" }} ]
  },
  ""Environment"": {{ ""Type"": ""LocalCPU"", ""Version"": 1 }},
  ""Type"": ""TrainingConfig"",
  ""Version"": 5,
  ""TrainingOption"": {{ ""Version"": 2, ""Type"": ""ClassificationTrainingOption"", ""TrainingTime"": 10, ""LabelColumn"": ""Sentiment"" }}
}}";

        private readonly PackageFeed _feed;

        public ModelBuilderTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void The_mbconfigs_data_and_model_are_suggested_as_MlData_and_MlModel_in_one_message_until_declared()
        {
            var project = TestProject.Create(_feed, "modelbuilder", withMlNet: false);
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");
            project.WriteFile("data/reviews.tsv", "Text\tSentiment\nGood\t1\n");
            var dataPath = Path.Combine(project.Directory, "data", "reviews.tsv").Replace("\\", "\\\\");
            project.WriteFile("ReviewSentiment.mbconfig", MbConfig.Replace("{0}", dataPath).Replace("{{", "{").Replace("}}", "}"));
            project.WriteFile("ReviewSentiment.mlnet", "not read by this check");

            var first = project.Build();
            Assert.True(first.Succeeded, first.ToString());
            var finding = Assert.Single(first.MlopsGuard, d => d.Id == "MLG2001");
            Assert.Equal("warning", finding.Severity);
            Assert.Contains("<MlData Include=\"data/reviews.tsv\" />", finding.Message);
            Assert.Contains("<MlModel Include=\"ReviewSentiment.mlnet\" Name=\"ReviewSentiment\" />", finding.Message);

            // The two lines, as the message gives them: nothing more to say.
            var csproj = File.ReadAllText(project.ProjectFile).Replace("</Project>",
                "  <ItemGroup>\n    <MlData Include=\"data/reviews.tsv\" />\n    <MlModel Include=\"ReviewSentiment.mlnet\" Name=\"ReviewSentiment\" />\n  </ItemGroup>\n</Project>");
            File.WriteAllText(project.ProjectFile, csproj);
            var second = project.Build("-p:MlopsLockedMode=false");
            Assert.DoesNotContain(second.MlopsGuard, d => d.Id == "MLG2001");

            // The folder form of MlData declares the file too.
            File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace("<MlData Include=\"data/reviews.tsv\" />", "<MlData Include=\"data/\" />"));
            var folder = project.Build("-p:MlopsLockedMode=false");
            Assert.DoesNotContain(folder.MlopsGuard, d => d.Id == "MLG2001");
        }

        [Fact]
        public void Data_outside_the_repository_is_to_be_copied_in_first_and_a_Level_0_project_gets_a_suggestion()
        {
            var project = TestProject.Create(_feed, "modelbuilder-outside", withMlNet: false, extraProjectContent: "<PropertyGroup><MlopsLevel>0</MlopsLevel></PropertyGroup>");
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");
            project.WriteFile("ReviewSentiment.mbconfig", MbConfig.Replace("{0}", "C:\\\\Users\\\\me\\\\Downloads\\\\yelp_labelled.txt").Replace("{{", "{").Replace("}}", "}"));

            var result = project.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.DoesNotContain(result.MlopsGuard, d => d.Id == "MLG2001");
            var line = result.Output.Split('\n').Single(l => l.Contains("MlopsGuard suggestion MLG2001"));
            Assert.True(line.Contains("<MlData Include=\"data/yelp_labelled.txt\" />"), line);
            Assert.True(line.Contains("first copy 'C:\\Users\\me\\Downloads\\yelp_labelled.txt' into the repository"), line);
            Assert.False(line.Contains("MlModel"), line); // no model file yet: nothing to declare

            // Declared under the name the message gives, the other machine's file counts as declared (matched by its name).
            File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace("</Project>", "  <ItemGroup><MlData Include=\"data/yelp_labelled.txt\" /></ItemGroup>\n</Project>"));
            project.WriteFile("data/yelp_labelled.txt", "text\tlabel\n");
            var declared = project.Build("-p:MlopsLockedMode=false");
            Assert.DoesNotContain("MlopsGuard suggestion MLG2001", declared.Output, StringComparison.Ordinal);
        }
    }
}
