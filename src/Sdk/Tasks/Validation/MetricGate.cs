using System.Globalization;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>One <c>MlMetricGate</c> item: a metric of a model that must stay within Min and/or Max.</summary>
    internal sealed class MetricGate
    {
        public MetricGate(string metric, string model, double? min, double? max)
        {
            Metric = metric;
            Model = model;
            Min = min;
            Max = max;
        }

        public string Metric { get; }

        public string Model { get; }

        public double? Min { get; }

        public double? Max { get; }

        /// <summary>Parses a bound (invariant culture); false when the text is not a finite number.</summary>
        public static bool TryParseBound(string? text, out double? bound)
        {
            bound = null;
            if (string.IsNullOrWhiteSpace(text))
            {
                return true;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value) && !double.IsInfinity(value))
            {
                bound = value;
                return true;
            }

            return false;
        }

        /// <summary>Checks a value; returns null when it passes, else why it fails (for MLG4004).</summary>
        public string? Check(double value)
        {
            if (double.IsNaN(value))
            {
                return "is NaN";
            }

            if (Min is double min && value < min)
            {
                return $"is {MetricsFile.Format(value)}, below the minimum {MetricsFile.Format(min)}";
            }

            if (Max is double max && value > max)
            {
                return $"is {MetricsFile.Format(value)}, above the maximum {MetricsFile.Format(max)}";
            }

            return null;
        }
    }

    /// <summary>The outcome of one gate, for the summary.</summary>
    internal sealed class GateResult
    {
        public GateResult(MetricGate gate, double? value, bool passed, string? reason)
        {
            Gate = gate;
            Value = value;
            Passed = passed;
            Reason = reason;
        }

        public MetricGate Gate { get; }

        public double? Value { get; }

        public bool Passed { get; }

        public string? Reason { get; }
    }
}
