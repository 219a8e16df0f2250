using System;
using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 7, app integration and testing. Level 1: an ML project (one referencing ML.NET, ONNX Runtime or
    /// TorchSharp) is referenced by a test project of the repository (MLG7001 otherwise). Level 2: such a test project
    /// asserts on a model metric, and no testing finding (MLG7002) in this build. A project that is not an ML project
    /// meets both: the rules do not apply to it.
    /// </summary>
    internal static class TestingCollector
    {
        public static ParameterAssessment Assess(MaturityContext context, List<RuleFinding> findings)
        {
            var facts = new List<string>();
            var criteria = new List<Criterion>();
            if (!context.IsMlProject && !context.IsTestProject)
            {
                criteria.Add(new Criterion(1, true, "not an ML project (no ML.NET, ONNX Runtime or TorchSharp reference): MLG7001 does not apply", string.Empty));
                return ParameterAssessment.Assess(7, facts, criteria);
            }

            var scan = context.Scan;
            if (scan.Truncated)
            {
                facts.Add($"the repository scan stopped at its limits after {scan.EntriesVisited} entries: test projects beyond them were not seen");
            }

            var self = context.ProjectRelativePath;
            List<ProjectFileFacts> covering;
            if (context.IsTestProject)
            {
                covering = scan.Projects.Where(p => p.RelativePath == self).ToList();
                criteria.Add(new Criterion(1, true, "this project is a test project", string.Empty));
            }
            else
            {
                covering = scan.Projects.Where(p => p.IsTest && p.References.Contains(self, StringComparer.Ordinal)).ToList();
                if (covering.Count == 0)
                {
                    findings.Add(new RuleFinding(
                        RuleIdentifiers.MlProjectWithoutTests,
                        self,
                        $"{self} references an ML library but no test project in the repository references it: add a test project (xunit, NUnit or MSTest) with a ProjectReference to it."));
                }

                criteria.Add(new Criterion(
                    1,
                    covering.Count > 0,
                    $"tested by {string.Join(", ", covering.Select(p => p.RelativePath))}",
                    "add a test project that references this ML project (MLG7001)"));
            }

            var quality = covering.Where(p => p.HasModelQualityTest).ToList();
            criteria.Add(new Criterion(
                2,
                quality.Count > 0,
                $"model-quality tests (assertions on a metric) in {string.Join(", ", quality.Select(p => p.RelativePath))}",
                "add a model-quality test: evaluate the model and assert on a metric (Accuracy, AreaUnderRocCurve, RSquared, …) (MLG7002)"));
            criteria.AddRange(AnalyzerCriteria.For(context, 7, fromLevel: 2));
            return ParameterAssessment.Assess(7, facts, criteria);
        }
    }
}
