using System.Linq;
using MlopsGuard.Tasks.Lock.Dvc;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class DvcYamlReaderTests
    {
        [Fact]
        public void Reads_a_dvc_3_file()
        {
            var root = DvcYamlReader.Parse("outs:\n- md5: a304afb96060aad90176268345e10355\n  size: 12\n  hash: md5\n  path: data.xml\n");
            var output = Assert.Single(Assert.IsType<YamlSequence>(root!["outs"]).Items);
            Assert.Equal("a304afb96060aad90176268345e10355", output["md5"]!.Text);
            Assert.Equal("12", output["size"]!.Text);
            Assert.Equal("data.xml", output["path"]!.Text);
        }

        [Fact]
        public void Reads_a_dvc_lock_with_nested_stages_comments_quotes_and_block_scalars()
        {
            const string Text =
                "schema: '2.0'\n" +
                "# written by dvc\n" +
                "stages:\n" +
                "  prepare:\n" +
                "    cmd: python src/prepare.py data/data.xml  # a comment\n" +
                "    deps:\n" +
                "    - path: data/data.xml\n" +
                "      hash: md5\n" +
                "      md5: 22a1a2931c8370d3aeedd7183606fd7f\n" +
                "      size: 14445097\n" +
                "    params:\n" +
                "      params.yaml:\n" +
                "        prepare.seed: 20170428\n" +
                "        prepare.split: 0.2\n" +
                "    outs:\n" +
                "    - path: \"data/prepared set#1.csv\"\n" +
                "      md5: 153aad06d376b6595932470e459ef42a\n" +
                "  train:\n" +
                "    cmd: |\n" +
                "      python train.py\n" +
                "      --fast\n" +
                "    outs:\n" +
                "      - path: 'model''s.pkl'\n" +
                "        md5: 0123456789abcdef0123456789abcdef\n" +
                "        size: 42\n";

            var root = DvcYamlReader.Parse(Text)!;
            Assert.Equal("2.0", root["schema"]!.Text);
            var stages = Assert.IsType<YamlMapping>(root["stages"]);
            var prepare = stages.Entries["prepare"];
            Assert.Equal("python src/prepare.py data/data.xml", prepare["cmd"]!.Text);
            Assert.Equal("14445097", Assert.IsType<YamlSequence>(prepare["deps"]).Items.Single()["size"]!.Text);
            Assert.Equal("data/prepared set#1.csv", Assert.IsType<YamlSequence>(prepare["outs"]).Items.Single()["path"]!.Text);
            Assert.Equal("0.2", prepare["params"]!["params.yaml"]!["prepare.split"]!.Text);
            var train = stages.Entries["train"];
            Assert.Equal("python train.py\n--fast", train["cmd"]!.Text);
            Assert.Equal("model's.pkl", Assert.IsType<YamlSequence>(train["outs"]).Items.Single()["path"]!.Text);
        }

        [Fact]
        public void Empty_and_comment_only_files_have_no_content()
        {
            Assert.Null(DvcYamlReader.Parse(string.Empty));
            Assert.Null(DvcYamlReader.Parse("# nothing\n\n"));
        }

        [Theory]
        [InlineData("outs:\n- md5: abc\n    size: 3\n bad\n")]
        [InlineData("just a line\n")]
        [InlineData("path: 'never closed\n")]
        [InlineData("outs:\n\t- md5: abc\n")]
        public void Text_outside_the_subset_is_an_exception_with_a_line(string text)
        {
            var ex = Assert.Throws<DvcYamlException>(() => DvcYamlReader.Parse(text));
            Assert.True(ex.Line >= 1);
        }

        [Fact]
        public void Deep_nesting_is_refused_not_overflowed()
        {
            var text = string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "k:\n")) + new string(' ', 400) + "k: v\n";
            Assert.Throws<DvcYamlException>(() => DvcYamlReader.Parse(text));
        }
    }
}
