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
        public static ParameterAssessment Assess(MaturityContext context)
        {
            var facts = new List<string>();
            if (context.Log.Available)
            {
                facts.Add($"compiler log {context.Relative(context.Log.Path!)} read ({context.Log.Findings.Count} MlopsGuard finding(s))");
            }

            return ParameterAssessment.Assess(3, facts, AnalyzerCriteria.For(context, 3).ToList());
        }
    }
}
