using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// The criteria a parameter takes from the analyzers' findings in this build (docs/maturity.md, "findings"):
    /// Level 1 needs the compiler log and no finding of a Level 1 rule of the parameter; Level 2 no finding at all.
    /// </summary>
    internal static class AnalyzerCriteria
    {
        /// <param name="fromLevel">2 for a parameter whose Level 1 does not depend on findings (testing): only the Level 2 criterion.</param>
        public static IEnumerable<Criterion> For(MaturityContext context, int parameter, int fromLevel = 1)
        {
            var category = RuleCategories.CategoryOf("MLG" + parameter + "000");
            if (!context.Log.Available)
            {
                var problem = context.Log.Problem ?? "no compiler log";
                yield return new Criterion(fromLevel, false, string.Empty, $"findings of {category} rules cannot be read: {problem}");
                yield break;
            }

            var all = context.Log.Of(parameter).ToList();
            var levelOne = all.Where(f => f.RequiredLevel <= 1).ToList();
            if (fromLevel <= 1)
            {
                // With no finding at all, the Level 2 line says it; one line of evidence is enough.
                yield return new Criterion(1, levelOne.Count == 0, all.Count == 0 ? string.Empty : $"no finding of a Level 1 {category} rule in this build", Describe(levelOne, "Level 1"));
            }

            yield return new Criterion(2, all.Count == 0, $"no {category} finding in this build", Describe(all, "Level 2"));
        }

        private static string Describe(IReadOnlyList<AnalyzerFinding> findings, string level)
        {
            var counts = findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, System.StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ({g.Count()}×)");
            return $"fix the findings of {level} rules: " + string.Join(", ", counts);
        }
    }
}
