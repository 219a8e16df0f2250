using System;
using MlopsGuard.Tasks.Maturity;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Robustness
{
    /// <summary>
    /// The maturity assessment reads packed manifests and validation records as optional evidence: whatever they hold, reading
    /// them throws nothing (an unreadable file is no evidence).
    /// </summary>
    public class ManifestFuzzTests
    {
        private readonly ITestOutputHelper output;

        public ManifestFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void One_hundred_thousand_mutated_manifests_and_validation_records_never_throw()
        {
            var seeds = new[]
            {
                Fuzz.B("{\n  \"name\": \"Sentiment\",\n  \"version\": \"1.2.0\",\n  \"format\": \"mlnet\",\n  \"sha256\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\n  \"metrics\": { \"Accuracy\": 0.91 },\n  \"parameters\": { \"train.params.json\": { \"learningRate\": 0.1 } },\n  \"trainingData\": [ { \"path\": \"data/train.csv\", \"sha256\": \"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\" } ]\n}\n"),
                Fuzz.B("{ \"models\": [ { \"name\": \"Sentiment\", \"valid\": true, \"status\": \"passed\", \"errors\": [], \"gates\": [ { \"metric\": \"Accuracy\", \"passed\": false } ] } ], }"),
                Fuzz.B("[{\"result\":\"FAILED\"}, {\"outcome\": \"ok\"}, 1, null]"),
            };
            var failures = 0;
            var manifests = 0;
            Fuzz.Run(output, "manifest / validation record", 100_000, seeds, bytes =>
            {
                using var document = ModelReleaseCollector.ParseJson(bytes);
                if (document is null)
                {
                    return;
                }

                failures += ModelReleaseCollector.HasFailure(document.RootElement, 0) ? 1 : 0;
                var manifest = ModelReleaseCollector.Manifest.From(document);
                if (manifest != null)
                {
                    manifests++;
                    _ = manifest.Name?.Length + manifest.Missing.Count;
                }
            }, TimeSpan.FromSeconds(30), Fuzz.B("{\"errors\":["));
            output.WriteLine($"{manifests} inputs read as manifests, {failures} as failed validations");
        }
    }
}
