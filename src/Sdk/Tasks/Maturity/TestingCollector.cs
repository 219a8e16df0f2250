using System;
using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 7, app integration and testing. Applicable when an assessed project is an ML project (references
    /// ML.NET, ONNX Runtime or TorchSharp, or declares data or models) that is not a test project. Level 1: every such
    /// project is referenced by a test project of the repository (MLG7001 otherwise). Level 2: one of those test
    /// projects asserts on a model metric, and no testing finding (MLG7002) in this build.
    /// </summary>
    internal static class TestingCollector
    {
        public const string NoMlProject =
            "not applicable: no assessed project is an ML project (a project that references ML.NET, ONNX Runtime or TorchSharp, or declares MlData or MlModel, and is not a test project)";

        public static ParameterAssessment Assess(RepositoryContext context, List<RuleFinding> findings)
        {
            var ml = context.MlProjects;
            if (ml.Count == 0)
            {
                return ParameterAssessment.NotApplicable(7, NoMlProject);
            }

            var facts = new List<string>();
            var criteria = new List<Criterion>();
            var scan = context.Scan;
            if (scan.Truncated)
            {
                facts.Add($"the repository scan stopped at its limits after {scan.EntriesVisited} entries: test projects beyond them were not seen");
            }

            // Test projects: those the scan found (references read from the project file's text), and the assessed ones
            // (references as MSBuild evaluated them, so paths built from properties count too).
            var tests = scan.Projects.Where(p => p.IsTest)
                .Select(p => (p.RelativePath, References: (IEnumerable<string>)p.References, p.HasModelQualityTest))
                .Concat(context.Projects.Where(p => p.IsTestProject).Select(p => (RelativePath: p.ProjectRelativePath, References: (IEnumerable<string>)p.ProjectReferences, HasModelQualityTest: scan.Projects.Any(s => s.RelativePath == p.ProjectRelativePath && s.HasModelQualityTest))))
                .GroupBy(t => t.RelativePath, StringComparer.Ordinal)
                .Select(g => (RelativePath: g.Key, References: new HashSet<string>(g.SelectMany(t => t.References), StringComparer.Ordinal), HasModelQualityTest: g.Any(t => t.HasModelQualityTest)))
                .OrderBy(t => t.RelativePath, StringComparer.Ordinal)
                .ToList();

            var covering = new List<(string RelativePath, HashSet<string> References, bool HasModelQualityTest)>();
            var tested = new List<string>();
            var untested = new List<string>();
            foreach (var project in ml)
            {
                var self = project.ProjectRelativePath;
                var by = tests.Where(t => t.References.Contains(self)).ToList();
                if (by.Count == 0)
                {
                    untested.Add(self);
                    findings.Add(new RuleFinding(
                        RuleIdentifiers.MlProjectWithoutTests,
                        self,
                        $"{self} references an ML library but no test project in the repository references it: add a test project (xunit, NUnit or MSTest) with a ProjectReference to it."));
                }
                else
                {
                    tested.Add(ml.Count == 1 ? $"tested by {string.Join(", ", by.Select(t => t.RelativePath))}" : $"{self} tested by {string.Join(", ", by.Select(t => t.RelativePath))}");
                    covering.AddRange(by.Where(t => !covering.Any(c => c.RelativePath == t.RelativePath)));
                }
            }

            criteria.Add(new Criterion(
                1,
                untested.Count == 0,
                string.Join("; ", tested),
                ml.Count == 1 ? "add a test project that references this ML project (MLG7001)" : $"add a test project that references each ML project (MLG7001): {string.Join(", ", untested)}"));

            var quality = covering.Where(p => p.HasModelQualityTest).OrderBy(p => p.RelativePath, StringComparer.Ordinal).ToList();
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
