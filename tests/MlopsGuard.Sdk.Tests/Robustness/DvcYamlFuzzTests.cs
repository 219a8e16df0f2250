using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using MlopsGuard.Tasks.Lock.Dvc;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Robustness
{
    /// <summary>
    /// .dvc files and dvc.lock are read by a small YAML reader: any text either reads or throws <see cref="DvcYamlException"/>,
    /// and the records taken from what it read never throw either.
    /// </summary>
    public class DvcYamlFuzzTests
    {
        private const string DvcFile = "outs:\n- md5: 0b6b4a1a2e0b6f1d8a4c9f0e1d2c3b4a\n  size: 1048576\n  hash: md5\n  path: train.csv\n";

        private const string DvcLock = @"schema: '2.0'
stages:
  prepare:
    cmd: python prepare.py --in ""data/raw.csv"" # comment
    deps:
    - path: data/raw.csv
      md5: 1b6b4a1a2e0b6f1d8a4c9f0e1d2c3b4a
      size: 2048
    outs:
    - path: 'data/prepared it''s.csv'
      md5: 2b6b4a1a2e0b6f1d8a4c9f0e1d2c3b4a
      size: 1024
  train:
    cmd: |
      dotnet run --project Training
      echo done
    outs:
    - path: models
      md5: 3b6b4a1a2e0b6f1d8a4c9f0e1d2c3b4a.dir
      nfiles: 2
";

        private readonly ITestOutputHelper output;

        public DvcYamlFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void One_hundred_thousand_mutated_dvc_files_are_read_or_rejected_with_DvcYamlException()
        {
            var folder = Path.Combine(Path.GetTempPath(), "repo", "data");
            var records = 0;
            Fuzz.Run(output, "dvc yaml", 100_000, new[] { Fuzz.B(DvcFile), Fuzz.B(DvcLock) }, bytes =>
            {
                // As DvcTracking reads the file: File.ReadAllText with UTF-8 (BOM detection, invalid bytes replaced).
                using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                var root = DvcYamlReader.Parse(reader.ReadToEnd());
                records += Walk(root, folder);
            }, TimeSpan.FromSeconds(30), Fuzz.B("- "), typeof(DvcYamlException));
            output.WriteLine($"{records} DVC records taken from the inputs that parsed");
        }

        [Theory]
        [InlineData("indentation")]
        [InlineData("sequence")]
        [InlineData("items")]
        public void Deep_nesting_is_rejected_quickly_without_overflowing_the_stack(string shape)
        {
            var text = new StringBuilder();
            // Indentation grows by one space a line: 4,000 lines stay below the size cap, so only the depth bound can stop them.
            for (var i = 0; i < (shape == "indentation" ? 4_000 : 100_000); i++)
            {
                switch (shape)
                {
                    case "indentation":
                        text.Append(' ', i).Append("a:\n");
                        break;
                    case "sequence":
                        text.Append("- ");
                        break;
                    default:
                        text.Append(' ', (i % 500) * 2).Append("-\n");
                        break;
                }
            }

            var watch = Stopwatch.StartNew();
            Assert.Throws<DvcYamlException>(() => DvcYamlReader.Parse(text.ToString() + "x"));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        }

        /// <summary>Takes records from every mapping of the tree, as DvcTracking does from outs and deps.</summary>
        private static int Walk(YamlNode? node, string folder)
        {
            switch (node)
            {
                case YamlMapping mapping:
                    var count = DvcTracking.ToRecord(mapping, folder, "x.dvc") is null ? 0 : 1;
                    return count + mapping.Entries.Values.Sum(v => Walk(v, folder));
                case YamlSequence sequence:
                    return sequence.Items.Sum(i => Walk(i, folder));
                default:
                    return 0;
            }
        }
    }
}
