using System;
using System.IO;
using System.Text.Json;
using MlopsGuard.Sdk.Tests.Robustness;
using MlopsGuard.Tasks.Packaging;
using MlopsGuard.Tasks.Validation;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    /// <summary>
    /// The files packaging reads that a user or a tool can break: the validation summary in obj/ and the assets file.
    /// 100,000 mutations of real documents each: only the documented exception.
    /// </summary>
    public class PackagingParserFuzzTests
    {
        private static readonly byte[] Summary = Fuzz.B(@"{
  ""schema"": ""mlopsguard/validation/1"",
  ""models"": [ { ""name"": ""heart"", ""path"": ""models/heart.zip"", ""format"": ""mlnet"", ""valid"": true, ""passed"": true, ""error"": null,
    ""properties"": { ""entries"": ""24"" }, ""inputs"": [ { ""name"": ""Features"", ""type"": ""Single"", ""shape"": [ 13 ] } ], ""outputs"": null,
    ""schemaNote"": null, ""schemaProblems"": [], ""metricsFile"": ""m.json"", ""metricsError"": null, ""metrics"": { ""test.Accuracy"": 0.8 },
    ""gates"": [ { ""metric"": ""Accuracy"", ""min"": 0.5, ""max"": null, ""value"": 0.8, ""passed"": true, ""reason"": null } ] } ]
}");

        private static readonly byte[] Assets = Fuzz.B(@"{ ""targets"": { ""net10.0"": { ""Microsoft.ML/5.0.1"": { ""type"": ""package"" } } },
  ""project"": { ""frameworks"": { ""net10.0"": { ""dependencies"": { ""Microsoft.ML"": { ""target"": ""Package"" } } } } } }");

        private readonly ITestOutputHelper output;

        public PackagingParserFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void The_validation_summary_reader_survives_mutated_summaries() =>
            Fuzz.Run(output, "validation summary", 100_000, new[] { Summary }, bytes => ValidationSummaryReader.Parse(bytes),
                TimeSpan.FromSeconds(60), Fuzz.B("{\"models\":["), typeof(InvalidDataException));

        [Fact]
        public void The_assets_reader_survives_mutated_assets_files() =>
            Fuzz.Run(output, "assets file", 100_000, new[] { Assets }, bytes => RuntimeDependencies.Parse(bytes, "net10.0"),
                TimeSpan.FromSeconds(60), Fuzz.B("{\"targets\":"), typeof(JsonException));
    }
}
