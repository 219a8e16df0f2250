using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 8, monitoring. Applicable only when an assessed project serves models. Level 1 needs positive evidence
    /// in every serving project: its compiler log was read, it references a telemetry library (logging, metrics,
    /// tracing), its inference runs on ML.NET or ONNX Runtime (whose inference sites MLG8001 checks), and no MLG8001
    /// finding says an inference site records nothing. Level 2 adds nothing to Level 1 in the maturity table but the
    /// absence of every monitoring finding.
    /// </summary>
    internal static class MonitoringCollector
    {
        public const string NothingServed =
            "not applicable: no assessed project serves a model (ASP.NET Core, Azure Functions, gRPC, a worker service or Microsoft.Extensions.ML with ML.NET, ONNX Runtime or TorchSharp): there is no inference site to monitor";

        public static ParameterAssessment Assess(RepositoryContext context)
        {
            var serving = context.Serving;
            if (serving.Count == 0)
            {
                return ParameterAssessment.NotApplicable(8, NothingServed);
            }

            var criteria = new List<Criterion>();
            foreach (var project in serving)
            {
                criteria.Add(new Criterion(
                    1,
                    project.Telemetry.Count > 0,
                    $"{project.ProjectRelativePath} serves models and references telemetry ({string.Join(", ", project.Telemetry)})",
                    $"{project.ProjectRelativePath} serves models but references no telemetry library: record predictions with ILogger, System.Diagnostics.Metrics (Microsoft.Extensions.Diagnostics), OpenTelemetry or Application Insights"));
            }

            var analyzer = AnalyzerCriteria.For(context, 8, required: serving).ToList();
            if (analyzer.Count == 2 && analyzer[0].Met)
            {
                criteria.Add(new Criterion(1, true, $"MLG8001 found no inference site without telemetry in {string.Join(", ", serving.Select(p => p.ProjectRelativePath))}", string.Empty));
            }

            criteria.AddRange(analyzer);
            return ParameterAssessment.Assess(8, Enumerable.Empty<string>(), criteria);
        }
    }
}
