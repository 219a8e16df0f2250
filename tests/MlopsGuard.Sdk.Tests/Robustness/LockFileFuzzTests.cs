using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Storage;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Robustness
{
    /// <summary>
    /// mlops.lock.json is read strictly: whatever the bytes (a bad merge, a hand edit, a truncated write by another tool),
    /// the reader either returns a lock or throws <see cref="LockFileFormatException"/>; and a lock it reads is written
    /// back in one canonical form (write → read → write gives the same bytes).
    /// </summary>
    public class LockFileFuzzTests
    {
        private readonly ITestOutputHelper output;

        public LockFileFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        internal static byte[] SampleLock() => Fuzz.B(@"{
  ""version"": 1,
  ""artifacts"": [
    {
      ""path"": ""data/train.csv"",
      ""kind"": ""data"",
      ""sha256"": ""9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"",
      ""size"": 1024
    },
    {
      ""path"": ""models/sentiment é.zip"",
      ""kind"": ""model"",
      ""sha256"": ""2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"",
      ""size"": 0
    }
  ],
  ""stages"": [
    {
      ""name"": ""train"",
      ""command"": ""dotnet run --project ../Training -- \""quoted\"""",
      ""workingDirectory"": ""."",
      ""deps"": [ { ""path"": ""data/train.csv"", ""sha256"": ""9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"", ""size"": 1024 } ],
      ""params"": [ { ""path"": ""train.params.json"", ""key"": ""learningRate"", ""sha256"": ""2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"" } ],
      ""outs"": [ ]
    }
  ]
}
");

        [Fact]
        public void One_hundred_thousand_mutated_locks_are_read_or_rejected_with_LockFileFormatException_and_round_trip()
        {
            var seeds = new[]
            {
                SampleLock(),
                Fuzz.B("{\"version\":1,\"artifacts\":[]}"),
                Fuzz.B("<<<<<<< HEAD\n{\"version\":1}\n=======\n{\"version\":1,\"artifacts\":[]}\n>>>>>>> main\n"),
            };
            var readable = 0;
            Fuzz.Run(output, "lock reader", 100_000, seeds, bytes =>
            {
                var lockFile = LockFileReader.Parse(bytes);
                readable++;
                AssertRoundTrip(lockFile, bytes);
            }, TimeSpan.FromSeconds(30), Fuzz.B("{\"a\":["), typeof(LockFileFormatException));
            output.WriteLine($"{readable} mutated inputs were still valid locks and round-tripped");
        }

        [Fact]
        public void One_hundred_thousand_generated_locks_survive_write_read_write_byte_identical()
        {
            var random = Fuzz.NewRandom();
            // Whole characters only: a lone UTF-16 surrogate has no UTF-8 form, so no JSON file can hold it as written.
            var alphabet = new[] { "a", "b", "z", "0", "9", " ", ".", "_", "-", "/", "\\", "\"", "'", "é", "日", "本", "\u0001", "\t", "\n", "\u2028", "\U0001F600", "<", ">", "&", "+", "%", "\u007f", "\uFEFF" };
            for (var i = 0; i < 100_000 * Fuzz.Scale; i++)
            {
                var artifacts = new Dictionary<string, LockedArtifact>(StringComparer.Ordinal);
                var count = random.Next(4);
                for (var a = 0; a < count; a++)
                {
                    var path = Text(random, alphabet, 1 + random.Next(12));
                    var sha = Text(random, Hex, 64);
                    var size = random.Next(3) switch { 0 => 0L, 1 => (long)(random.NextDouble() * long.MaxValue), _ => long.MaxValue };
                    artifacts[path] = new LockedArtifact(path, random.Next(2) == 0 ? "data" : "model", sha, size);
                }

                List<JsonElement>? stages = null;
                if (random.Next(8) == 0)
                {
                    var name = Text(random, alphabet, 1 + random.Next(6));
                    stages = new List<JsonElement> { JsonDocument.Parse(JsonSerializer.Serialize(new { name, command = name + " && echo", n = random.NextDouble() })).RootElement.Clone() };
                }

                var lockFile = new LockFile(artifacts.Values.OrderBy(x => x.Path, StringComparer.Ordinal).ToList(), stages);
                var written = LockFileWriter.Serialize(lockFile);
                var read = LockFileReader.Parse(written);
                Assert.Equal(lockFile.Artifacts, read.Artifacts);
                Assert.True(written.AsSpan().SequenceEqual(LockFileWriter.Serialize(read)), Encoding.UTF8.GetString(written));
            }
        }

        private static readonly string[] Hex = "0123456789abcdef".Select(c => c.ToString()).ToArray();

        private static string Text(Random random, string[] alphabet, int length)
        {
            var text = new StringBuilder();
            for (var i = 0; i < length; i++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            return text.ToString();
        }

        private static void AssertRoundTrip(LockFile lockFile, byte[] source)
        {
            var first = LockFileWriter.Serialize(lockFile);
            var second = LockFileWriter.Serialize(LockFileReader.Parse(first));
            if (!first.AsSpan().SequenceEqual(second))
            {
                throw new InvalidOperationException($"write → read → write changed the bytes:\n{Encoding.UTF8.GetString(first)}\n---\n{Encoding.UTF8.GetString(second)}\nfrom {Convert.ToBase64String(source)}");
            }
        }
    }
}
