using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Storage;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class LockFileFormatTests
    {
        private const string ShaA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        private const string ShaB = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        [Fact]
        public void The_lock_is_written_in_the_contract_format_with_two_space_indentation_and_lf()
        {
            var lockFile = new LockFile(new[] { new LockedArtifact("data/train.csv", "data", ShaA, 0), new LockedArtifact("models/m.zip", "model", ShaB, 3) }, null);
            var text = Encoding.UTF8.GetString(LockFileWriter.Serialize(lockFile));
            var expected =
                "{\n" +
                "  \"version\": 1,\n" +
                "  \"artifacts\": [\n" +
                "    {\n" +
                "      \"path\": \"data/train.csv\",\n" +
                "      \"kind\": \"data\",\n" +
                "      \"sha256\": \"" + ShaA + "\",\n" +
                "      \"size\": 0\n" +
                "    },\n" +
                "    {\n" +
                "      \"path\": \"models/m.zip\",\n" +
                "      \"kind\": \"model\",\n" +
                "      \"sha256\": \"" + ShaB + "\",\n" +
                "      \"size\": 3\n" +
                "    }\n" +
                "  ]\n" +
                "}\n";
            Assert.Equal(expected, text);
        }

        [Fact]
        public void The_same_content_gives_the_same_bytes_and_a_round_trip_keeps_it()
        {
            var lockFile = new LockFile(new[] { new LockedArtifact("données/é 1.csv", "data", ShaA, 10) }, null);
            var first = LockFileWriter.Serialize(lockFile);
            var second = LockFileWriter.Serialize(LockFileReader.Parse(first));
            Assert.Equal(first, second);
            Assert.Contains("données/é 1.csv", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        }

        [Fact]
        public void Stages_are_carried_over_as_read()
        {
            var input = "{\"version\":1,\"artifacts\":[],\"stages\":[{\"name\":\"train\",\"command\":\"dotnet run\",\"deps\":[{\"path\":\"data/a.csv\",\"sha256\":\"" + ShaA + "\",\"size\":0}],\"outs\":[]}]}";
            var lockFile = LockFileReader.Parse(Encoding.UTF8.GetBytes(input));
            var output = LockFileWriter.Serialize(lockFile);
            using var document = JsonDocument.Parse(output);
            var stage = Assert.Single(document.RootElement.GetProperty("stages").EnumerateArray());
            Assert.Equal("train", stage.GetProperty("name").GetString());
            Assert.Equal("data/a.csv", stage.GetProperty("deps")[0].GetProperty("path").GetString());
            Assert.Equal(output, LockFileWriter.Serialize(LockFileReader.Parse(output)));
        }

        [Fact]
        public void Artifacts_are_read_sorted_by_path()
        {
            var input = "{\"version\":1,\"artifacts\":[{\"path\":\"b\",\"kind\":\"data\",\"sha256\":\"" + ShaA + "\",\"size\":1},{\"path\":\"a\",\"kind\":\"model\",\"sha256\":\"" + ShaB + "\",\"size\":2}]}";
            var lockFile = LockFileReader.Parse(Encoding.UTF8.GetBytes(input));
            Assert.Equal(new[] { "a", "b" }, lockFile.Artifacts.Select(a => a.Path));
        }

        [Theory]
        [InlineData("{\"version\": 1, \"artifacts\": [", "not valid JSON")]
        [InlineData("", "not valid JSON")]
        [InlineData("[]", "top level must be an object")]
        [InlineData("{\"artifacts\": []}", "'version' is missing")]
        [InlineData("{\"version\": 2, \"artifacts\": []}", "'version' is 2")]
        [InlineData("{\"version\": 1, \"artifacts\": {}}", "'artifacts' must be an array")]
        [InlineData("{\"version\": 1, \"artifacts\": [3]}", "artifacts[0] must be an object")]
        [InlineData("{\"version\": 1, \"artifacts\": [{\"kind\":\"data\"}]}", "'path' is missing")]
        [InlineData("{\"version\": 1, \"artifacts\": [{\"path\":\"a\",\"kind\":\"table\",\"sha256\":\"" + ShaA + "\",\"size\":1}]}", "'kind' is 'table'")]
        [InlineData("{\"version\": 1, \"artifacts\": [{\"path\":\"a\",\"kind\":\"data\",\"sha256\":\"ABC\",\"size\":1}]}", "64 lowercase hexadecimal")]
        [InlineData("{\"version\": 1, \"artifacts\": [{\"path\":\"a\",\"kind\":\"data\",\"sha256\":\"" + ShaA + "\",\"size\":-1}]}", "'size'")]
        [InlineData("{\"version\": 1, \"artifacts\": [{\"path\":\"a\",\"kind\":\"data\",\"sha256\":\"" + ShaA + "\",\"size\":1},{\"path\":\"a\",\"kind\":\"data\",\"sha256\":\"" + ShaA + "\",\"size\":1}]}", "listed twice")]
        [InlineData("{\"version\": 1, \"artifacts\": [], \"stages\": 5}", "'stages' must be an array")]
        public void A_broken_or_hand_edited_lock_says_what_is_wrong(string content, string expected)
        {
            var ex = Assert.Throws<LockFileFormatException>(() => LockFileReader.Parse(Encoding.UTF8.GetBytes(content)));
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_merge_conflict_is_recognized_and_located()
        {
            var content = "{\n  \"version\": 1,\n<<<<<<< HEAD\n  \"artifacts\": []\n=======\n  \"artifacts\": [ ]\n>>>>>>> branch\n}\n";
            var ex = Assert.Throws<LockFileFormatException>(() => LockFileReader.Parse(Encoding.UTF8.GetBytes(content)));
            Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
            Assert.Contains("merge-conflict", ex.Message, StringComparison.Ordinal);
        }
    }
}
