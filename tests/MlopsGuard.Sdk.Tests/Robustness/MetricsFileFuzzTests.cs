using System;
using System.Linq;
using MlopsGuard.Tasks.Validation;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Robustness
{
    /// <summary>A model's metrics file is whatever its training wrote: parsing and every lookup either work or throw <see cref="MetricsFileException"/>.</summary>
    public class MetricsFileFuzzTests
    {
        private readonly ITestOutputHelper output;

        public MetricsFileFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void One_hundred_thousand_mutated_metrics_files_are_read_or_rejected_with_MetricsFileException()
        {
            var seeds = new[]
            {
                Fuzz.B("{\n  \"Accuracy\": 0.91,\n  \"AreaUnderRocCurve\": 0.95,\n  \"F1Score\": 0.9,\n  \"LogLoss\": 0.31\n}\n"),
                Fuzz.B("{ \"test\": { \"Accuracy\": 0.88, \"MacroAccuracy\": 0.7 }, \"train\": { \"Accuracy\": 0.99 }, // trained 2026\n \"notes\": \"ok\", \"folds\": [0.9, 0.8], \"valid\": true, }"),
                Fuzz.B("{\"RSquared\":-1.5e-3,\"MeanAbsoluteError\":12,\"name\":null}"),
            };
            var found = 0;
            Fuzz.Run(output, "metrics file", 100_000, seeds, bytes =>
            {
                var metrics = MetricsFile.Parse(bytes);
                found += metrics.Numbers.Count();
                foreach (var name in new[] { "Accuracy", "test.Accuracy", "notes", "folds", "valid", "name", "missing", "" })
                {
                    if (metrics.TryGet(name, out var value, out var reason))
                    {
                        _ = MetricsFile.Format(value);
                    }
                    else
                    {
                        Assert.NotNull(reason);
                    }
                }
            }, TimeSpan.FromSeconds(30), Fuzz.B("{\"a\":"), typeof(MetricsFileException));
            output.WriteLine($"{found} numeric metrics read from the inputs that parsed");
        }
    }
}
