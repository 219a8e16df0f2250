using System;
using System.IO;
using MlopsGuard.Tasks.Stages;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Robustness
{
    /// <summary>A stage's parameters file is edited by hand: hashing its keys works or throws <see cref="InvalidDataException"/> (MLG3401).</summary>
    public class ParamsFileFuzzTests
    {
        private static readonly string[] Keys = { "learningRate", "trainer.numberOfTrees", "trainer", "features", "a.b.c.d", "" };

        private readonly ITestOutputHelper output;

        public ParamsFileFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void One_hundred_thousand_mutated_parameters_files_are_hashed_or_rejected_with_InvalidDataException()
        {
            var seeds = new[]
            {
                Fuzz.B("{\n  \"learningRate\": 0.1,\n  \"trainer\": { \"numberOfTrees\": 100, \"leaves\": 20 },\n  \"features\": [\"Text\", \"Length\"],\n  \"a\": { \"b\": { \"c\": { \"d\": null } } }\n}\n"),
                Fuzz.B("{ \"learningRate\": 1e-3, // comment\n \"trainer.numberOfTrees\": 7, \"trainer\": {}, \"features\": [], \"a.b.c.d\": \"x\", \"\": 0, }"),
            };
            var hashed = 0;
            var next = 0;
            Fuzz.Run(output, "parameters file", 100_000, seeds, bytes =>
            {
                // One key at a time (a missing key stops the read), two keys per input so every key gets its chances.
                foreach (var key in new[] { Keys[next++ % Keys.Length], Keys[next++ % Keys.Length] })
                {
                    try
                    {
                        hashed += ParamsFile.Parse(bytes, "train.params.json", new[] { key }).Count;
                    }
                    catch (InvalidDataException ex) when (ex.Message.Contains("has no key", StringComparison.Ordinal))
                    {
                    }
                }
            }, TimeSpan.FromSeconds(30), Fuzz.B("{\"a\":"), typeof(InvalidDataException));
            output.WriteLine($"{hashed} parameter values hashed");
        }
    }
}
