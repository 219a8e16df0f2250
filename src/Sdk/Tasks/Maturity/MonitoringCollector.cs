using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 8, monitoring. Level 1: no finding of a monitoring rule (telemetry recorded at every inference site,
    /// MLG8001). Level 2 adds nothing to Level 1 in the maturity table.
    /// </summary>
    internal static class MonitoringCollector
    {
        public static ParameterAssessment Assess(MaturityContext context) =>
            ParameterAssessment.Assess(8, Enumerable.Empty<string>(), AnalyzerCriteria.For(context, 8).ToList());
    }
}
