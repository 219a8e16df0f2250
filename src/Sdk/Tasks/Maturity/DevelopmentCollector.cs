using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 3, development. Level 1: no finding of a Level 1 development rule (modular pipeline code, seeded
    /// randomness). Level 2: no development finding at all (hyperparameters recorded, not inlined).
    /// </summary>
    internal static class DevelopmentCollector
    {
        public static ParameterAssessment Assess(RepositoryContext context)
        {
            if (context.MlProjects.Count == 0)
            {
                return ParameterAssessment.NotApplicable(3, TestingCollector.NoMlProject);
            }

            var facts = new List<string>();
            foreach (var project in context.Analyzed.Where(p => p.Log.Available))
            {
                facts.Add($"compiler log {context.Relative(project.Log.Path!)} read ({project.Log.Findings.Count} MlopsGuard finding(s))");
            }

            return ParameterAssessment.Assess(3, facts, AnalyzerCriteria.For(context, 3).ToList());
        }
    }
}
