using System;
using System.Text;
using MlopsGuard.Tasks.Validation;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Validation
{
    public class MetricsFileTests
    {
        private static MetricsFile Parse(string json) => MetricsFile.Parse(Encoding.UTF8.GetBytes(json));

        [Theory]
        [InlineData("{\"Accuracy\": 0.91}", "accuracy", 0.91)]
        [InlineData("{\"test\": {\"Accuracy\": 0.88}, \"train\": {\"Loss\": 0.2}}", "ACCURACY", 0.88)]
        [InlineData("{\"test\": {\"Accuracy\": 0.88}, \"train\": {\"Accuracy\": 0.99}}", "Train.accuracy", 0.99)]
        [InlineData("{\"a\": {\"b\": {\"F1Score\": 0.5}}}", "a.b.F1Score", 0.5)]
        public void Finds_metrics_by_leaf_name_or_dotted_path_ignoring_case(string json, string metric, double expected)
        {
            Assert.True(Parse(json).TryGet(metric, out var value, out var reason), reason);
            Assert.Equal(expected, value);
        }

        [Fact]
        public void A_leaf_name_used_twice_is_ambiguous()
        {
            Assert.False(Parse("{\"test\": {\"Accuracy\": 0.88}, \"train\": {\"Accuracy\": 0.99}}").TryGet("Accuracy", out _, out var reason));
            Assert.Contains("test.Accuracy, train.Accuracy", reason, StringComparison.Ordinal);
        }

        [Fact]
        public void A_missing_metric_lists_what_there_is()
        {
            Assert.False(Parse("{\"Accuracy\": 0.9, \"name\": \"x\"}").TryGet("LogLoss", out _, out var reason));
            Assert.Equal("the metrics file has: Accuracy", reason);
        }

        [Fact]
        public void A_metric_that_is_not_a_number_is_said_so()
        {
            Assert.False(Parse("{\"Accuracy\": \"high\"}").TryGet("Accuracy", out _, out var reason));
            Assert.Equal("'Accuracy' is the string \"high\", not a number", reason);
        }

        [Theory]
        [InlineData("[1, 2]")]
        [InlineData("{\"Accuracy\": 0.9")]
        [InlineData("not json")]
        [InlineData("")]
        public void Invalid_files_are_reported(string json) => Assert.Throws<MetricsFileException>(() => Parse(json));

        [Fact]
        public void Gates_check_min_and_max()
        {
            Assert.Null(new MetricGate("Accuracy", "m", 0.8, null).Check(0.8));
            Assert.Equal("is 0.79, below the minimum 0.8", new MetricGate("Accuracy", "m", 0.8, null).Check(0.79));
            Assert.Equal("is 0.5, above the maximum 0.45", new MetricGate("LogLoss", "m", null, 0.45).Check(0.5));
            Assert.Equal("is NaN", new MetricGate("LogLoss", "m", null, 0.45).Check(double.NaN));
        }

        [Theory]
        [InlineData("0.85", true)]
        [InlineData("", true)]
        [InlineData("1e-3", true)]
        [InlineData("0,85", false)]
        [InlineData("NaN", false)]
        [InlineData("high", false)]
        public void Bounds_are_invariant_numbers(string text, bool valid) => Assert.Equal(valid, MetricGate.TryParseBound(text, out _));
    }
}
