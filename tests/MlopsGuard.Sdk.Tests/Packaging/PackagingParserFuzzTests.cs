using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using MlopsGuard.Tasks.Packaging;
using MlopsGuard.Tasks.Validation;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    /// <summary>
    /// The files packaging reads that a user or a tool can break: the validation summary in obj/ and the assets file.
    /// 100,000 mutations of real documents each: only the documented exception, in bounded time.
    /// </summary>
    public class PackagingParserFuzzTests
    {
        private const int Inputs = 100_000;

        private static readonly byte[] Summary = Encoding.UTF8.GetBytes(@"{
  ""schema"": ""mlopsguard/validation/1"",
  ""models"": [ { ""name"": ""heart"", ""path"": ""models/heart.zip"", ""format"": ""mlnet"", ""valid"": true, ""passed"": true, ""error"": null,
    ""properties"": { ""entries"": ""24"" }, ""inputs"": [ { ""name"": ""Features"", ""type"": ""Single"", ""shape"": [ 13 ] } ], ""outputs"": null,
    ""schemaNote"": null, ""schemaProblems"": [], ""metricsFile"": ""m.json"", ""metricsError"": null, ""metrics"": { ""test.Accuracy"": 0.8 },
    ""gates"": [ { ""metric"": ""Accuracy"", ""min"": 0.5, ""max"": null, ""value"": 0.8, ""passed"": true, ""reason"": null } ] } ]
}");

        private static readonly byte[] Assets = Encoding.UTF8.GetBytes(@"{ ""targets"": { ""net10.0"": { ""Microsoft.ML/5.0.1"": { ""type"": ""package"" } } },
  ""project"": { ""frameworks"": { ""net10.0"": { ""dependencies"": { ""Microsoft.ML"": { ""target"": ""Package"" } } } } } }");

        [Fact]
        public void The_validation_summary_reader_survives_mutated_summaries() =>
            Fuzz(Summary, 11, bytes =>
            {
                try
                {
                    ValidationSummaryReader.Parse(bytes);
                }
                catch (InvalidDataException)
                {
                }
            });

        [Fact]
        public void The_assets_reader_survives_mutated_assets_files() =>
            Fuzz(Assets, 13, bytes =>
            {
                try
                {
                    RuntimeDependencies.Parse(bytes, "net10.0");
                }
                catch (JsonException)
                {
                    // Read() turns it into "cannot be read"; Parse lets the caller decide.
                }
            });

        private static void Fuzz(byte[] seed, int randomSeed, Action<byte[]> parse)
        {
            var random = new Random(randomSeed);
            var structural = Encoding.ASCII.GetBytes("{}[]\",:0-.e\\ntf");
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Inputs; i++)
            {
                var input = new List<byte>(seed);
                var edits = 1 + random.Next(4);
                for (var e = 0; e < edits && input.Count > 0; e++)
                {
                    var at = random.Next(input.Count);
                    switch (random.Next(5))
                    {
                        case 0: input[at] = (byte)random.Next(256); break;
                        case 1: input.RemoveRange(at, Math.Min(input.Count - at, 1 + random.Next(40))); break;
                        case 2: input.Insert(at, structural[random.Next(structural.Length)]); break;
                        case 3: input.InsertRange(at, new string('[', 1 + random.Next(200)).Select(c => (byte)c)); break;
                        default: input.RemoveRange(at, input.Count - at); break;
                    }
                }

                parse(input.ToArray());
            }

            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), $"{Inputs} inputs took {watch.Elapsed}");
        }
    }
}
