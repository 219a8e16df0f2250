using System.Linq;
using System.Text;
using MlopsGuard.Tasks.Lock.Storage;
using MlopsGuard.Tasks.Packaging;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    public class TrainingDataSelectorTests
    {
        private static readonly string Sha = new string('a', 64);

        // prepare: raw.csv -> data/clean.csv; train: clean.csv, test.csv, code, params -> model; eval data is never a dep.
        private static readonly LockFile Lock = LockFileReader.Parse(Encoding.UTF8.GetBytes($@"{{
  ""version"": 1,
  ""artifacts"": [
    {{ ""path"": ""data/eval.csv"", ""kind"": ""data"", ""sha256"": ""{Sha}"", ""size"": 1 }},
    {{ ""path"": ""data/raw.csv"", ""kind"": ""data"", ""sha256"": ""{Sha}"", ""size"": 2 }},
    {{ ""path"": ""data/test.csv"", ""kind"": ""data"", ""sha256"": ""{Sha}"", ""size"": 3 }},
    {{ ""path"": ""models/other.onnx"", ""kind"": ""model"", ""sha256"": ""{Sha}"", ""size"": 4 }}
  ],
  ""stages"": [
    {{ ""name"": ""prepare"", ""command"": ""x"", ""deps"": [ {{ ""path"": ""data/raw.csv"", ""sha256"": ""{Sha}"", ""size"": 2 }} ],
      ""outs"": [ {{ ""path"": ""data/clean.csv"", ""sha256"": ""{Sha}"", ""size"": 5 }} ] }},
    {{ ""name"": ""train"", ""command"": ""y"",
      ""deps"": [ {{ ""path"": ""data/clean.csv"", ""sha256"": ""{Sha}"", ""size"": 5 }}, {{ ""path"": ""data/test.csv"", ""sha256"": ""{Sha}"", ""size"": 3 }},
                 {{ ""path"": ""src/Train.cs"", ""sha256"": ""{Sha}"", ""size"": 6 }}, {{ ""path"": ""train.params.json"", ""sha256"": ""{Sha}"", ""size"": 7 }} ],
      ""outs"": [ {{ ""path"": ""models/model.zip"", ""sha256"": ""{Sha}"", ""size"": 8 }} ] }}
  ]
}}"));

        private static string[] Select(string model, string[] declared, string explicitData = "") =>
            new TrainingDataSelector(Lock).Select(model, declared, explicitData).Select(f => f.Path).ToArray();

        [Fact]
        public void A_stage_model_is_trained_on_the_declared_data_upstream_of_it() =>
            Assert.Equal(new[] { "data/clean.csv", "data/raw.csv", "data/test.csv" }, Select("models/model.zip", new[] { "data/raw.csv", "data/clean.csv", "data/test.csv", "data/eval.csv" }));

        [Fact]
        public void Upstream_files_that_are_not_data_are_left_out() =>
            Assert.DoesNotContain("src/Train.cs", Select("models/model.zip", new[] { "data/raw.csv" }));

        [Fact]
        public void A_model_no_stage_writes_is_trained_on_all_locked_data() =>
            Assert.Equal(new[] { "data/eval.csv", "data/raw.csv", "data/test.csv" }, Select("models/other.onnx", new[] { "data/raw.csv" }));

        [Theory]
        [InlineData("data/test.csv", new[] { "data/test.csv" })]
        [InlineData("./data/", new[] { "data/clean.csv", "data/eval.csv", "data/raw.csv", "data/test.csv" })]
        [InlineData("data/c*.csv;data/?e*.csv", new[] { "data/clean.csv", "data/test.csv" })]
        [InlineData("**/raw.csv;data\\eval.csv", new[] { "data/eval.csv", "data/raw.csv" })]
        [InlineData("nothing/here.csv", new string[0])]
        public void TrainingData_metadata_chooses_explicitly(string patterns, string[] expected) =>
            Assert.Equal(expected, Select("models/model.zip", new string[0], patterns));
    }
}
