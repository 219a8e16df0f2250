using System;
using System.IO;
using System.Text.RegularExpressions;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Whether a test source checks model quality: a line that asserts (<c>Assert.</c>, <c>Should</c>, <c>Expect</c>,
    /// <c>Is.</c>) and names an evaluation metric (<c>Accuracy</c>, <c>AreaUnderRocCurve</c>, <c>F1Score</c>,
    /// <c>LogLoss</c>, <c>RSquared</c>, …). A text check on the test project's sources, because the report sees the
    /// compiler log of the ML project, not of its tests; MLG7002 findings of this build count against it as well.
    /// Metric names match in any case (<c>Assert.True(accuracy &gt; 0.8)</c>).
    /// </summary>
    internal static class ModelQualityTests
    {
        /// <summary>Test sources larger than this are not read.</summary>
        public const int MaxBytes = 512 * 1024;

        private static readonly Regex Assertion = new Regex(@"\b(Assert\s*\.|Should\s*\(|Expect\s*\(|Is\s*\.|ClassicAssert\s*\.)", RegexOptions.CultureInvariant | Portable.Linear, TimeSpan.FromMilliseconds(500));

        private static readonly Regex Metric = new Regex(
            @"\b(\w*Accuracy|AreaUnderRocCurve|AreaUnderPrecisionRecallCurve|F1Score|LogLoss|LogLossReduction|PositivePrecision|PositiveRecall|NegativePrecision|NegativeRecall|RSquared|MeanAbsoluteError|MeanSquaredError|RootMeanSquaredError|NormalizedDiscountedCumulativeGains|DiscountedCumulativeGains|Auc|Precision|Recall)\b",
            // Non-backtracking: '\w*Accuracy' over a long identifier would otherwise be quadratic and time out.
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | Portable.Linear, TimeSpan.FromMilliseconds(500));

        public static bool AssertsOnAMetric(string sourcePath)
        {
            try
            {
                if (new FileInfo(sourcePath).Length > MaxBytes)
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return false;
            }

            foreach (var line in BoundedText.Lines(sourcePath, MaxBytes))
            {
                if (BoundedMatch.IsMatch(Assertion, line) && BoundedMatch.IsMatch(Metric, line))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
